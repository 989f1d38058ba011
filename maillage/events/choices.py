"""Codes of the events module, aligned on France Travail's event APIs (``shared/data/events``).

France Travail's « Mes évènements emploi » gives ``modalite`` ∈ {ENPHY, ADIST} and ``secteurActivite``
∈ A..N; the kinds of the MDE's events are ours (FT's ``typeEvenement`` labels are not public).
"""

from django.db import models


class EventKind(models.TextChoices):
    JOB_DATING = "job_dating", "Job dating"
    FORUM = "forum", "Forum de l'emploi"
    ONLINE_FAIR = "salon_en_ligne", "Salon en ligne"
    INFO_MEETING = "reunion_information", "Réunion d'information"
    WEBCONFERENCE = "webconference", "Webconférence"
    DISCOVERY_VISIT = "visite_decouverte", "Visite de découverte des métiers"
    RECRUITMENT_SESSION = "session_recrutement", "Session de recrutement d'une entreprise"


# Kinds where companies hold stands with offers.
KINDS_WITH_STANDS = {EventKind.JOB_DATING, EventKind.FORUM, EventKind.ONLINE_FAIR, EventKind.RECRUITMENT_SESSION}


class Period:
    """Which events the staff list shows: upcoming ones by default (it opened on years of past events)."""

    UPCOMING = ""
    PAST = "passes"
    ALL = "tous"
    CHOICES = [(UPCOMING, "À venir"), (PAST, "Passés"), (ALL, "Tous")]


class Modality(models.TextChoices):
    """FT ``modalite``: ENPHY (en physique), ADIST (à distance); MIXTE is both, with separate capacities."""

    ON_SITE = "ENPHY", "En physique"
    REMOTE = "ADIST", "À distance"
    BOTH = "MIXTE", "En physique et à distance"


class AttendanceMode(models.TextChoices):
    ON_SITE = "ENPHY", "sur place"
    REMOTE = "ADIST", "à distance"


class Sector(models.TextChoices):
    """FT ``secteurActivite`` (A..N), the first sections of the NAF rév. 2."""

    A = "A", "Agriculture, sylviculture et pêche"
    B = "B", "Industries extractives"
    C = "C", "Industrie manufacturière"
    D = "D", "Électricité, gaz, vapeur et air conditionné"
    E = "E", "Eau, assainissement, gestion des déchets"
    F = "F", "Construction"
    G = "G", "Commerce, réparation d'automobiles"
    H = "H", "Transports et entreposage"
    I = "I", "Hébergement et restauration"  # noqa: E741
    J = "J", "Information et communication"
    K = "K", "Activités financières et d'assurance"
    L = "L", "Activités immobilières"
    M = "M", "Activités spécialisées, scientifiques et techniques"
    N = "N", "Activités de services administratifs et de soutien"


class Public(models.TextChoices):
    """FT ``publics`` (e.g. « Ouvert à tous »)."""

    ALL = "tous", "Ouvert à tous"
    JOBSEEKERS = "demandeurs", "Demandeurs d'emploi"
    YOUTH = "jeunes", "Jeunes de moins de 26 ans"
    SENIORS = "seniors", "Seniors"
    DISABILITY = "handicap", "Personnes en situation de handicap"
    RSA = "rsa", "Bénéficiaires du RSA"
    QPV = "qpv", "Habitants des quartiers prioritaires"
    RECONVERSION = "reconversion", "Personnes en reconversion"


# What a registrant may say of themselves (optional, for the statistics by public).
REGISTRANT_PUBLICS = [(c, label) for c, label in Public.choices if c not in {Public.ALL, Public.DISABILITY}] + [
    ("autre", "Autre situation")
]


class Objective(models.TextChoices):
    """FT ``objectifs`` (e.g. « Marché du travail », « International »)."""

    RECRUIT = "recruter", "Recruter"
    DISCOVER = "decouvrir_metiers", "Découvrir des métiers"
    LABOUR_MARKET = "marche_travail", "Marché du travail"
    TRAINING = "formation", "Se former"
    CREATE = "creer_entreprise", "Créer son entreprise"
    INTERNATIONAL = "international", "International"


class EventStatus(models.TextChoices):
    DRAFT = "brouillon", "En préparation"
    PUBLISHED = "publie", "Publié"
    CANCELLED = "annule", "Annulé"


class PartnerRole(models.TextChoices):
    CO_ORGANISER = "coorganisateur", "Co-organisateur"
    PRESCRIBER = "prescripteur", "Prescripteur (mobilise des candidats)"
    FUNDER = "financeur", "Financeur"
    VENUE = "lieu", "Met à disposition le lieu"
    COMMUNICATION = "communication", "Communication"
    EXHIBITOR = "exposant", "Exposant (hors entreprise)"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "inscrit", "Inscrit"
    CANCELLED = "annule", "Annulé"


class ApplicationDecision(models.TextChoices):
    PENDING = "en_attente", "En attente"
    RETAINED = "retenu", "Retenu"
    NOT_RETAINED = "non_retenu", "Non retenu"


class NotRetainedReason(models.TextChoices):
    """Shown to the candidate with the kind wording of ``KIND_WORDS``."""

    OTHER_PROFILE = "autre_profil", "Un autre profil correspond davantage"
    EXPERIENCE = "experience", "Expérience demandée"
    QUALIFICATION = "qualification", "Diplôme ou habilitation demandé"
    POSITION_FILLED = "pourvu", "Poste pourvu"
    MOBILITY = "mobilite", "Horaires ou mobilité"
    ELIMINATORY = "question", "Réponse à une question éliminatoire"


KIND_WORDS = {
    NotRetainedReason.OTHER_PROFILE: "Le recruteur a retenu un profil plus proche du poste cette fois-ci. "
    "Votre candidature reste précieuse : d'autres offres vous attendent.",
    NotRetainedReason.EXPERIENCE: "Le poste demande une expérience que le recruteur n'a pas retrouvée dans votre "
    "candidature. Une formation ou une immersion peut vous y mener : parlez-en à votre conseiller.",
    NotRetainedReason.QUALIFICATION: "Le poste demande un diplôme ou une habilitation. "
    "Votre conseiller peut vous aider à trouver la formation qui y conduit.",
    NotRetainedReason.POSITION_FILLED: "Le poste a été pourvu avant l'étude de votre candidature. "
    "Ce n'est pas lié à votre profil.",
    NotRetainedReason.MOBILITY: "Les horaires ou le lieu du poste ne semblent pas correspondre à votre situation. "
    "D'autres offres plus proches peuvent vous convenir.",
    NotRetainedReason.ELIMINATORY: "Une condition indispensable du poste n'est pas remplie d'après vos réponses. "
    "D'autres offres du salon peuvent vous correspondre.",
}


class SlotChannel(models.TextChoices):
    PHONE = "telephone", "Par téléphone"
    VIDEO = "visio", "En visioconférence"
    ON_SITE = "sur_place", "Sur place"


class ContractType(models.TextChoices):
    """France Travail's ``typeContrat`` codes (same as the jobs module)."""

    CDI = "CDI", "CDI"
    CDD = "CDD", "CDD"
    MIS = "MIS", "Intérim (mission)"
    ALT = "ALT", "Alternance"
    SAI = "SAI", "Saisonnier"
    CUI = "CUI", "Contrat aidé / insertion"


class Situation(models.TextChoices):
    IN_POST = "en_poste", "Toujours en poste"
    OTHER_JOB = "autre_emploi", "En emploi ailleurs"
    TRAINING = "formation", "En formation"
    LEFT = "sans_emploi", "Sans emploi"
    UNKNOWN = "inconnu", "Situation inconnue"


IN_EMPLOYMENT = {Situation.IN_POST, Situation.OTHER_JOB}


class RespondentKind(models.TextChoices):
    CANDIDATE = "candidat", "Candidat"
    COMPANY = "entreprise", "Entreprise"


class InvitationReason(models.TextChoices):
    DIRECT = "direct", "Métier recherché ou exercé proposé sur l'événement"
    TRANSITION = "passerelle", "Passerelle de reconversion vers un métier proposé"
