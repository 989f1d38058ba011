"""Participants (minimal personal data), eligibility, contracts, monthly hours, outcomes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from maillage.common_text import long_date
from maillage.people.models import identity_key  # noqa: F401  (re-exported)
from maillage.people.parts import PersonPart, identity_property

from ..dates import lasts_six_months
from .limits import MAX_MONTH_AMOUNT, MAX_MONTH_HOURS, ZERO, between, in_range_q


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"


class Qualification(models.TextChoices):
    # Levels of the 2019 national nomenclature of diplomas.
    NONE = "infra3", "Sans diplôme (infra 3)"
    LEVEL3 = "3", "Niveau 3 (CAP, BEP)"
    LEVEL4 = "4", "Niveau 4 (bac)"
    LEVEL5 = "5plus", "Niveau 5 et plus (bac+2 et au-delà)"
    UNKNOWN = "nc", "Non renseigné"


class Participant(PersonPart, models.Model):
    """A person's clause path: the part of the shared ``people.Person`` that the clause follow-up owns.

    Identity (names, birth date) is held once, on the person; this part keeps only what the follow-up
    and the national report need, and the health data (RQTH eligibility) stays here, restricted."""

    person = models.OneToOneField(
        "people.Person", verbose_name="personne", on_delete=models.PROTECT, related_name="clause_participant"
    )
    last_name = identity_property("last_name")
    first_name = identity_property("first_name")
    birth_date = identity_property("birth_date")
    sex = models.CharField("sexe", max_length=1, choices=Sex.choices, help_text="Indicateur national.")
    commune = models.ForeignKey(
        "territories.Commune",
        verbose_name="commune de résidence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pour rapprocher la personne des chantiers proches.",
    )
    qualification = models.CharField(
        "niveau de qualification", max_length=6, choices=Qualification.choices, default=Qualification.UNKNOWN
    )
    prescriber = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="prescripteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="prescribed_participants",
    )
    structure = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="structure référente",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clause_participants",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "participant"
        ordering = ["person__last_name", "person__first_name"]

    def __str__(self):
        return f"{self.last_name.upper()} {self.first_name}"

    def save(self, *args, **kwargs):
        self.save_person()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clauses:participant_detail", args=[self.pk])

    @property
    def identity_key(self) -> str:
        return self.person.identity_key if self.person_or_none() else ""


class Eligibility(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="eligibilities")
    criterion = models.ForeignKey("clauses.EligibilityCriterion", verbose_name="critère", on_delete=models.PROTECT)
    proof_kind = models.CharField("justificatif", max_length=120, blank=True)
    proof_on = models.DateField("date du justificatif", null=True, blank=True)
    proof_file = models.FileField("pièce", upload_to="clauses/eligibilite/%Y/", blank=True)
    prescriber = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="prescripteur (avis motivé)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="validé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_on = models.DateField("validé le", null=True, blank=True)
    valid_until = models.DateField("valable jusqu'au", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "éligibilité"
        ordering = ["-validated_on"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "criterion"], name="clauses_unique_eligibility"),
        ]

    def __str__(self):
        return str(self.criterion)


class Modality(models.TextChoices):
    CDI = "cdi", "Embauche directe – CDI"
    CDD = "cdd", "Embauche directe – CDD"
    CDDI = "cddi", "Embauche directe – CDDI"
    APPRENTICESHIP = "apprentissage", "Contrat d'apprentissage"
    PROFESSIONALISATION = "pro", "Contrat de professionnalisation"
    ETTI = "etti", "Mise à disposition – ETTI"
    AI = "ai", "Mise à disposition – Association intermédiaire"
    GEIQ = "geiq", "Mise à disposition – GEIQ"
    SIAE_SUBCONTRACTING = "st_siae", "Sous-traitance à une SIAE / EA-ESAT"
    SIAE_COCONTRACTING = "ct_siae", "Co-traitance avec une SIAE / EA-ESAT"
    TRAINING = "formation", "Formation préalable à l'embauche"


DIRECT_HIRE = {Modality.CDI, Modality.CDD, Modality.CDDI, Modality.APPRENTICESHIP, Modality.PROFESSIONALISATION}
PROVISION = {Modality.ETTI, Modality.AI, Modality.GEIQ}
SUBCONTRACTING = {Modality.SIAE_SUBCONTRACTING, Modality.SIAE_COCONTRACTING}
MODALITY_GROUPS = {
    "Embauche directe": DIRECT_HIRE,
    "Mise à disposition (ETTI, AI, GEIQ)": PROVISION,
    "Sous-traitance / co-traitance": SUBCONTRACTING,
    "Formation": {Modality.TRAINING},
}


class Contract(models.Model):
    """A participant's contract on a lot, with the modality the company chose."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="contracts")
    lot = models.ForeignKey("clauses.Lot", on_delete=models.CASCADE, related_name="contracts")
    credited_lot = models.ForeignKey(
        "clauses.Lot",
        verbose_name="heures imputées sur le lot (globalisation)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="credited_contracts",
        help_text="Par convention de globalisation : les heures comptent pour ce lot si la règle du lot travaillé "
        "l'autorise.",
    )
    employer = models.ForeignKey(
        "accounts.Organisation", verbose_name="employeur / structure", on_delete=models.PROTECT, related_name="+"
    )
    for_company = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="pour le compte de l'entreprise du lot",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="L'entreprise attributaire dont ces heures réalisent la clause (mise à disposition, "
        "sous-traitance) ; vide : l'employeur.",
    )
    modality = models.CharField("modalité", max_length=14, choices=Modality.choices)
    start_on = models.DateField("début")
    end_on = models.DateField("fin", null=True, blank=True)
    is_lasting = models.BooleanField("contrat durable (CDI, CDD ≥ 6 mois)", default=False, editable=False)
    job_title = models.CharField("poste", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "contrat"
        ordering = ["-start_on"]
        indexes = [models.Index(fields=["lot", "participant"])]

    def __str__(self):
        return f"{self.get_modality_display()} du {long_date(self.start_on)}"

    def save(self, *args, **kwargs):
        self.is_lasting = self.modality == Modality.CDI or (
            self.modality == Modality.CDD and self.end_on is not None and lasts_six_months(self.start_on, self.end_on)
        )
        super().save(*args, **kwargs)


class StatementStatus(models.TextChoices):
    SUBMITTED = "declare", "Déclaré, à valider"
    VALIDATED = "valide", "Validé"
    REJECTED = "rejete", "Rejeté"


class HoursStatement(models.Model):
    """Hours worked by one participant on one lot in one month. Never rewritten by counting rules."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="statements")
    lot = models.ForeignKey("clauses.Lot", on_delete=models.CASCADE, related_name="statements", editable=False)
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="statements", editable=False)
    month = models.DateField("mois", help_text="Premier jour du mois.")
    hours = models.DecimalField(
        "heures", max_digits=7, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(MAX_MONTH_HOURS)]
    )
    training_centre_hours = models.DecimalField(
        "dont heures en centre de formation",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MONTH_HOURS)],
        help_text="Apprentissage, professionnalisation : comptées selon la règle du territoire.",
    )
    amount = models.DecimalField(
        "montant facturé HT (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(ZERO, MAX_MONTH_AMOUNT),
        help_text="Sous-traitance / co-traitance : montant du mois, converti selon la règle.",
    )
    status = models.CharField("état", max_length=8, choices=StatementStatus.choices, default=StatementStatus.SUBMITTED)
    rejection_reason = models.CharField("motif du rejet", max_length=255, blank=True)
    proof = models.FileField("justificatif", upload_to="clauses/heures/%Y/%m/", blank=True)
    batch = models.ForeignKey(
        "clauses.DeclarationBatch",
        verbose_name="déclaration groupée",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        help_text="La grille du mois où l'entreprise l'a déclaré, avec son justificatif commun.",
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "relevé d'heures"
        verbose_name_plural = "relevés d'heures"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "month"], name="clauses_unique_statement_month"),
            models.CheckConstraint(
                condition=in_range_q("hours", ZERO, MAX_MONTH_HOURS, nullable=False),
                name="clauses_statement_hours_range",
            ),
            models.CheckConstraint(
                condition=in_range_q("amount", ZERO, MAX_MONTH_AMOUNT), name="clauses_statement_amount_range"
            ),
            models.CheckConstraint(
                condition=models.Q(training_centre_hours__isnull=True)
                | models.Q(training_centre_hours__gte=0, training_centre_hours__lte=models.F("hours")),
                name="clauses_statement_centre_hours_range",
            ),
        ]
        indexes = [
            # Covering index of the lot progress (dashboard, lot pages): index-only scans per lot.
            models.Index(
                fields=["lot", "status", "month", "contract", "hours", "amount"],
                name="clauses_statement_lot_idx",
            ),
            # Covering index of the yearly aggregations (bilans, consolidation): index-only scans.
            models.Index(
                fields=["status", "month", "lot", "contract", "participant", "hours", "amount"],
                name="clauses_statement_cover_idx",
            ),
        ]

    def __str__(self):
        return f"{self.month:%m/%Y} : {self.hours} h"

    def save(self, *args, **kwargs):
        self.lot_id = self.contract.lot_id
        self.participant_id = self.contract.participant_id
        super().save(*args, **kwargs)


class OutcomeSituation(models.TextChoices):
    LASTING_JOB = "emploi_durable", "En emploi durable (CDI, CDD ≥ 6 mois)"
    PART_TIME = "temps_partiel", "En emploi durable à temps partiel"
    SHORT_JOB = "emploi_court", "En emploi de transition (CDD < 6 mois, intérim)"
    BUSINESS = "creation", "Création ou reprise d'entreprise"
    IAE = "iae", "Poursuite du parcours en insertion (SIAE)"
    TRAINING = "formation", "En formation qualifiante"
    OTHER = "autre", "Autre situation (recherche d'emploi…)"
    UNKNOWN = "inconnu", "Situation inconnue"


class Outcome(models.Model):
    """The situation of a person 6 months after the end of their path on a lot."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    lot = models.ForeignKey("clauses.Lot", null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes")
    path_end_on = models.DateField("fin du parcours")
    observed_on = models.DateField("situation constatée le")
    situation = models.CharField("situation", max_length=16, choices=OutcomeSituation.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "sortie à 6 mois"
        verbose_name_plural = "sorties à 6 mois"
        ordering = ["-observed_on"]

    def __str__(self):
        return self.get_situation_display()


class ShareStatus(models.TextChoices):
    PENDING = "demande", "Demandé à la structure qui suit la personne"
    ACCEPTED = "accepte", "Accepté par la structure"
    REFUSED = "refuse", "Refusé par la structure"
    CONSENT = "consentement", "Consentement de la personne recueilli"


class ShareRequest(models.Model):
    """Access to a person known to another structure: the person's consent, or the following structure's yes.

    Typing a person's identity never opens their file (nor their health data): a facilitator who is not
    following the person either records the person's consent (dated, audit-logged) or asks the structure
    that follows them, whose facilitators accept or refuse.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="share_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requester_structure = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    holder_structure = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="structure qui suit la personne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField("état", max_length=12, choices=ShareStatus.choices, default=ShareStatus.PENDING)
    consent_on = models.DateField("consentement recueilli le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "partage d'un dossier"
        verbose_name_plural = "partages de dossiers"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["participant", "requested_by", "status"])]

    def __str__(self):
        return self.get_status_display()

    @property
    def grants_access(self) -> bool:
        return self.status in {ShareStatus.ACCEPTED, ShareStatus.CONSENT}
