"""Offers, candidates and applications (DOMAIN.md §4).

Candidates are personal data: minimal fields, each with its purpose (see ``docs/jobs.md``), every
read and write by a professional is audit-logged by the services and views, and inactive files are
anonymised by ``purge_inactive_candidates``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from maillage.people.parts import PersonPart, identity_property


class ContractType(models.TextChoices):
    """France Travail's ``typeContrat`` codes (the ones an MDE meets), with a bit for fast filters."""

    CDI = "CDI", "CDI"
    CDD = "CDD", "CDD"
    MIS = "MIS", "Intérim (mission)"
    ALT = "ALT", "Alternance (apprentissage, professionnalisation)"
    SAI = "SAI", "Saisonnier"
    LIB = "LIB", "Indépendant, franchise, libéral"
    CUI = "CUI", "Contrat aidé / insertion (PEC, CDDI)"


CONTRACT_BITS: dict[str, int] = {code: 1 << index for index, code in enumerate(ContractType.values)}


def contract_mask(codes) -> int:
    """Bit mask of a list of contract codes (0 means "no preference": every contract suits)."""
    mask = 0
    for code in codes or ():
        mask |= CONTRACT_BITS.get(code, 0)
    return mask


def contracts_of_mask(mask: int) -> list[str]:
    return [code for code, bit in CONTRACT_BITS.items() if mask & bit]


class WorkingTime(models.TextChoices):
    FULL = "plein", "Temps plein"
    PART = "partiel", "Temps partiel"
    ANY = "", "Indifférent"


class OfferSource(models.TextChoices):
    LOCAL = "local", "Saisie dans Maillage"
    FRANCE_TRAVAIL = "france_travail", "France Travail"


class OfferStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "publiee", "Publiée"
    FILLED = "pourvue", "Pourvue"
    CLOSED = "cloturee", "Clôturée"


class Offer(models.Model):
    title = models.CharField("intitulé de l'offre", max_length=255)
    description = models.TextField("description", blank=True)
    appellation = models.ForeignKey(
        "referentials.Appellation",
        verbose_name="appellation ROME",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    # Denormalised from the appellation (kept by the services) for filters and the matching index.
    rome_code = models.CharField("code ROME", max_length=5, blank=True, db_index=True)
    # Normalised words for natural-wording search (maillage.common_search), kept by the services.
    search_document = models.TextField(blank=True, default="", editable=False)
    skills = models.ManyToManyField(
        "referentials.Skill", verbose_name="compétences demandées", blank=True, related_name="offers"
    )
    contract_type = models.CharField("type de contrat", max_length=3, choices=ContractType.choices)
    contract_duration_months = models.PositiveSmallIntegerField("durée du contrat (mois)", null=True, blank=True)
    hours_label = models.CharField(
        "durée du travail", max_length=120, blank=True, help_text="Ex. : 35H Horaires normaux"
    )
    weekly_hours = models.DecimalField("heures hebdomadaires", max_digits=4, decimal_places=1, null=True, blank=True)
    working_time = models.CharField(
        "temps de travail", max_length=8, choices=WorkingTime.choices, blank=True, default=WorkingTime.FULL
    )
    start_date = models.DateField("date de prise de poste", null=True, blank=True)
    positions = models.PositiveSmallIntegerField("nombre de postes", default=1)
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="lieu de travail", null=True, blank=True, on_delete=models.PROTECT
    )
    place_label = models.CharField("lieu (libellé)", max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True, db_index=True)
    longitude = models.FloatField(null=True, blank=True, db_index=True)
    establishment = models.ForeignKey(
        "companies.Establishment",
        verbose_name="établissement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    company_name = models.CharField(
        "entreprise (libellé)", max_length=200, blank=True, help_text="Pour les offres importées sans établissement."
    )
    is_shortage = models.BooleanField(
        "métier en tension", default=False, help_text="Déduit des tensions DARES (ROME v3) ou indiqué à la main."
    )
    is_shortage_manual = models.BooleanField("tension indiquée à la main", default=False)
    is_little_known = models.BooleanField("métier méconnu", default=False)
    source = models.CharField("source", max_length=16, choices=OfferSource.choices, default=OfferSource.LOCAL)
    external_id = models.CharField("identifiant d'origine", max_length=40, blank=True)
    external_created_at = models.DateTimeField("créée à l'origine le", null=True, blank=True)
    status = models.CharField("état", max_length=10, choices=OfferStatus.choices, default=OfferStatus.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "offre d'emploi"
        verbose_name_plural = "offres d'emploi"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_offer_external_id",
            )
        ]
        indexes = [models.Index(fields=["status", "rome_code"]), models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return self.title

    @property
    def employer_label(self) -> str:
        return self.establishment.name if self.establishment_id else self.company_name

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.PUBLISHED


class ConsentPurpose(models.TextChoices):
    SUPPORT = "accompagnement", "Accompagnement vers l'emploi par la structure qui saisit le profil"
    SHARING = "partage", "Accompagnement et partage du profil avec les partenaires et employeurs du territoire"


class Candidate(PersonPart, models.Model):
    """A person's job search: the part of the shared ``people.Person`` that the jobs module owns.

    Identity and contact (names, e-mail, phone) are held once, on the person; this part keeps only
    what the matching and the follow-up need, under its own consent."""

    person = models.OneToOneField(
        "people.Person", verbose_name="personne", on_delete=models.PROTECT, related_name="job_candidate"
    )
    first_name = identity_property("first_name")
    last_name = identity_property("last_name")
    email = identity_property("email")
    phone = identity_property("phone")
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune de résidence", null=True, on_delete=models.PROTECT
    )
    latitude = models.FloatField(null=True, blank=True, db_index=True)
    longitude = models.FloatField(null=True, blank=True, db_index=True)
    mobility_radius_km = models.PositiveSmallIntegerField("rayon de mobilité (km)", default=20)
    held_appellations = models.ManyToManyField(
        "referentials.Appellation", verbose_name="métiers exercés", blank=True, related_name="+"
    )
    sought_appellations = models.ManyToManyField(
        "referentials.Appellation", verbose_name="métiers recherchés", blank=True, related_name="+"
    )
    skills = models.ManyToManyField("referentials.Skill", verbose_name="compétences", blank=True, related_name="+")
    # Normalised words of the jobs and skills, for search by job and skill (maillage.common_search).
    search_document = models.TextField(blank=True, default="", editable=False)
    contract_mask = models.PositiveSmallIntegerField("contrats souhaités", default=0, help_text="0 : indifférent.")
    working_time = models.CharField(
        "temps de travail souhaité", max_length=8, choices=WorkingTime.choices, blank=True, default=WorkingTime.ANY
    )
    available_from = models.DateField("disponible à partir du", null=True, blank=True)
    is_searching = models.BooleanField("en recherche d'emploi", default=True)
    consent_at = models.DateTimeField("consentement recueilli le", null=True, blank=True)
    consent_purpose = models.CharField("finalité du consentement", max_length=16, choices=ConsentPurpose.choices)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte personnel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidate_profile",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="structure référente",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField("dernière activité", default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "candidat"
        ordering = ["person__last_name", "person__first_name", "id"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        if self.anonymised_at:
            return f"Candidat anonymisé n° {self.pk}"
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        self.save_person()
        super().save(*args, **kwargs)

    @property
    def contract_wishes(self) -> list[str]:
        return contracts_of_mask(self.contract_mask)

    @property
    def contract_wish_labels(self) -> list[str]:
        """The wished contracts by their French labels (« Intérim (mission) », never « MIS »)."""
        labels = dict(ContractType.choices)
        return [labels.get(code, code) for code in self.contract_wishes]

    @property
    def is_shared(self) -> bool:
        return self.consent_purpose == ConsentPurpose.SHARING and self.consent_at is not None

    @property
    def is_matchable(self) -> bool:
        return self.is_searching and self.anonymised_at is None and self.consent_at is not None


class ApplicationState(models.TextChoices):
    NEW = "nouvelle", "Nouvelle"
    IN_REVIEW = "a_l_etude", "À l'étude"
    INTERVIEW = "entretien", "Entretien"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"
    CANCELLED = "annulee", "Annulée"


FINAL_STATES = {ApplicationState.ACCEPTED, ApplicationState.REFUSED, ApplicationState.CANCELLED}

# Allowed moves of the application workflow (DOMAIN.md §4).
TRANSITIONS: dict[str, set[str]] = {
    ApplicationState.NEW: {
        ApplicationState.IN_REVIEW,
        ApplicationState.INTERVIEW,
        ApplicationState.REFUSED,
        ApplicationState.CANCELLED,
    },
    ApplicationState.IN_REVIEW: {ApplicationState.INTERVIEW, ApplicationState.REFUSED, ApplicationState.CANCELLED},
    ApplicationState.INTERVIEW: {ApplicationState.ACCEPTED, ApplicationState.REFUSED, ApplicationState.CANCELLED},
    ApplicationState.ACCEPTED: set(),
    ApplicationState.REFUSED: set(),
    ApplicationState.CANCELLED: set(),
}


class RefusalReason(models.TextChoices):
    POSITION_FILLED = "poste_pourvu", "Poste déjà pourvu"
    SKILLS_MISMATCH = "competences", "Compétences ou expérience insuffisantes"
    QUALIFICATION = "diplome", "Diplôme ou habilitation obligatoire manquant"
    MOBILITY = "mobilite", "Mobilité ou horaires incompatibles"
    UNREACHABLE = "injoignable", "Candidat injoignable"
    CANDIDATE_DECLINED = "desistement", "Le candidat a décliné"
    OTHER = "autre", "Autre motif"


class ApplicationOrigin(models.TextChoices):
    CANDIDATE = "candidat", "Candidature spontanée sur l'offre"
    PROFESSIONAL = "prescripteur", "Proposée par un professionnel"
    MATCHING = "rapprochement", "Issue du rapprochement"


class Application(models.Model):
    offer = models.ForeignKey(Offer, verbose_name="offre", on_delete=models.CASCADE, related_name="applications")
    candidate = models.ForeignKey(
        Candidate, verbose_name="candidat", on_delete=models.CASCADE, related_name="applications"
    )
    state = models.CharField("état", max_length=10, choices=ApplicationState.choices, default=ApplicationState.NEW)
    origin = models.CharField("origine", max_length=14, choices=ApplicationOrigin.choices)
    refusal_reason = models.CharField("motif de refus", max_length=14, choices=RefusalReason.choices, blank=True)
    message = models.TextField("message", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "candidature"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["offer", "candidate"], name="unique_application")]
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        return f"Candidature n° {self.pk}"

    @property
    def allowed_next_states(self) -> list[str]:
        return [s for s in ApplicationState.values if s in TRANSITIONS[self.state]]


class ApplicationEvent(models.Model):
    """One change of state of an application (its history)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=10, choices=ApplicationState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=ApplicationState.choices)
    refusal_reason = models.CharField(max_length=14, choices=RefusalReason.choices, blank=True)
    note = models.CharField("commentaire", max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "étape de candidature"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state or '∅'} → {self.to_state}"
