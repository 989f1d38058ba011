"""Operations, markets, lots, their clauses, companies and target schedule."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from .catalogue import SizingMethod
from .limits import (
    MAX_AMOUNT,
    MAX_EUROS_PER_HOUR,
    MAX_HOURLY_COST,
    MAX_PENALTY_PER_HOUR,
    MAX_PERCENT,
    MAX_TARGET_HOURS,
    ZERO,
    amount_validators,
    between,
    in_range_q,
    percent_validators,
)

MAX_DURATION_MONTHS = 240


class OperationStatus(models.TextChoices):
    PROSPECT = "prospection", "Prospection"
    SIZING = "dimensionnement", "Dimensionnement"
    CONSULTATION = "consultation", "Consultation"
    EXECUTION = "execution", "En exécution"
    CLOSED = "cloturee", "Clôturée"


class Operation(models.Model):
    """A building programme, a service contract…: what a buyer commissions, in one or more markets."""

    name = models.CharField("intitulé", max_length=255)
    buyer = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="donneur d'ordre",
        on_delete=models.PROTECT,
        related_name="clause_operations",
    )
    structure = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="structure de facilitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_operations",
    )
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune", null=True, blank=True, on_delete=models.SET_NULL
    )
    epci = models.ForeignKey(
        "territories.Epci", verbose_name="EPCI", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    description = models.TextField("description", blank=True)
    status = models.CharField("état", max_length=16, choices=OperationStatus.choices, default=OperationStatus.SIZING)
    start_on = models.DateField("début", null=True, blank=True)
    end_on = models.DateField("fin", null=True, blank=True)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="facilitateurs qui suivent",
        blank=True,
        related_name="followed_operations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "opération"
        ordering = ["-start_on", "name"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.epci_id = self.commune.epci_id if self.commune_id else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clauses:operation_detail", args=[self.pk])


class Market(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="markets")
    reference = models.CharField("référence", max_length=60, blank=True)
    object = models.CharField("objet", max_length=500)
    cpv_code = models.CharField("code CPV principal", max_length=8, blank=True)
    notified_on = models.DateField("notifié le", null=True, blank=True)
    amount = models.DecimalField(
        "montant HT (€)", max_digits=14, decimal_places=2, null=True, blank=True, validators=amount_validators()
    )
    duration_months = models.PositiveSmallIntegerField(
        "durée (mois)", null=True, blank=True, validators=[MaxValueValidator(MAX_DURATION_MONTHS)]
    )
    source_reference = models.CharField(
        "référence d'origine (DECP)", max_length=120, null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "marché"
        ordering = ["operation", "reference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=in_range_q("amount", ZERO, MAX_AMOUNT), name="clauses_market_amount_range"
            ),
        ]

    def __str__(self):
        return self.reference or self.object[:60]

    def get_absolute_url(self):
        return reverse("clauses:market_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return market_kind(self.cpv_code[:2])


def market_kind(division: str) -> str:
    """Works (45), supplies (01–44, 48) or services (50–98), as DECP counts them."""
    if not division or not division.isdigit():
        return "non renseigné"
    value = int(division)
    if value == 45:
        return "travaux"
    if value <= 44 or value == 48:
        return "fournitures"
    return "services"


class LotStatus(models.TextChoices):
    PLANNED = "prevu", "Prévu"
    RUNNING = "en_cours", "En cours"
    CLOSED = "clos", "Clos"


class Lot(models.Model):
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField("n° de lot", default=1)
    label = models.CharField("intitulé", max_length=255)
    cpv_code = models.CharField("code CPV", max_length=8, blank=True)
    cpv_division = models.CharField("division CPV", max_length=2, blank=True, db_index=True, editable=False)
    commune = models.ForeignKey(
        "territories.Commune",
        verbose_name="lieu d'exécution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    epci = models.ForeignKey(
        "territories.Epci",
        verbose_name="EPCI",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    amount = models.DecimalField(
        "montant HT (€)", max_digits=14, decimal_places=2, null=True, blank=True, validators=amount_validators()
    )
    start_on = models.DateField("début d'exécution", null=True, blank=True)
    end_on = models.DateField("fin d'exécution", null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        "durée (mois)", null=True, blank=True, validators=[MaxValueValidator(MAX_DURATION_MONTHS)]
    )
    status = models.CharField("état", max_length=10, choices=LotStatus.choices, default=LotStatus.PLANNED)
    is_framework = models.BooleanField(
        "accord-cadre (bons de commande)",
        default=False,
        help_text="L'obligation suit les montants commandés ou facturés, saisis par période.",
    )
    # Sizing, as computed by the calculator (kept so the target can be explained later).
    sizing_method = models.CharField("méthode", max_length=10, choices=SizingMethod.choices, blank=True)
    labour_share = models.DecimalField(
        "part de main-d'œuvre (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators(),
    )
    insertion_rate = models.DecimalField(
        "taux d'insertion (%)", max_digits=5, decimal_places=2, null=True, blank=True, validators=percent_validators()
    )
    hourly_cost = models.DecimalField(
        "coût horaire (€)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(Decimal("1"), MAX_HOURLY_COST),
    )
    euros_per_hour = models.DecimalField(
        "€ pour 1 heure",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(Decimal("1"), MAX_EUROS_PER_HOUR),
    )
    target_hours = models.DecimalField(
        "heures d'insertion à réaliser",
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=between(ZERO, MAX_TARGET_HOURS),
    )
    penalty_per_hour = models.DecimalField(
        "pénalité par heure manquante (€)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(ZERO, MAX_PENALTY_PER_HOUR),
    )
    counting_rule = models.ForeignKey(
        "clauses.CountingRule",
        verbose_name="règle de comptabilisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="lots",
    )
    companies = models.ManyToManyField(
        "accounts.Organisation", through="LotCompany", related_name="clause_lots", blank=True
    )

    class Meta:
        verbose_name = "lot"
        ordering = ["market", "number"]
        indexes = [models.Index(fields=["epci", "status"])]
        constraints = [
            models.CheckConstraint(condition=in_range_q("amount", ZERO, MAX_AMOUNT), name="clauses_lot_amount_range"),
            models.CheckConstraint(
                condition=in_range_q("target_hours", ZERO, MAX_TARGET_HOURS, nullable=False),
                name="clauses_lot_target_range",
            ),
            models.CheckConstraint(
                condition=in_range_q("labour_share", ZERO, MAX_PERCENT), name="clauses_lot_labour_share_range"
            ),
            models.CheckConstraint(
                condition=in_range_q("insertion_rate", ZERO, MAX_PERCENT), name="clauses_lot_rate_range"
            ),
            models.CheckConstraint(
                condition=in_range_q("hourly_cost", Decimal("1"), MAX_HOURLY_COST), name="clauses_lot_cost_range"
            ),
            models.CheckConstraint(
                condition=in_range_q("euros_per_hour", Decimal("1"), MAX_EUROS_PER_HOUR),
                name="clauses_lot_ratio_range",
            ),
            models.CheckConstraint(
                condition=in_range_q("penalty_per_hour", ZERO, MAX_PENALTY_PER_HOUR), name="clauses_lot_penalty_range"
            ),
        ]

    def __str__(self):
        return f"Lot {self.number} – {self.label}"

    def save(self, *args, **kwargs):
        self.cpv_division = (self.cpv_code or "")[:2]
        self.epci_id = self.commune.epci_id if self.commune_id else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clauses:lot_detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return market_kind(self.cpv_division)


class CompanyRole(models.TextChoices):
    HOLDER = "titulaire", "Titulaire"
    CO_CONTRACTOR = "cotraitant", "Co-traitant"
    SUB_CONTRACTOR = "sous_traitant", "Sous-traitant"


class LotCompany(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="lot_companies")
    company = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="lot_roles")
    role = models.CharField("rôle", max_length=14, choices=CompanyRole.choices, default=CompanyRole.HOLDER)
    start_on = models.DateField("depuis le", null=True, blank=True)
    end_on = models.DateField(
        "jusqu'au", null=True, blank=True, help_text="Une entreprise remplacée garde son rôle passé et son attestation."
    )

    class Meta:
        verbose_name = "entreprise attributaire"
        constraints = [models.UniqueConstraint(fields=["lot", "company"], name="clauses_unique_lot_company")]

    def __str__(self):
        return f"{self.company} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        from datetime import date

        return self.end_on is None or self.end_on >= date.today()


class ClauseKind(models.TextChoices):
    INSERTION = "insertion", "Clause d'insertion (condition d'exécution, L2112-2)"
    RESERVED = "reserve", "Marché réservé (SIAE / EA-ESAT, L2113-12 et 13)"
    AWARD = "critere", "Critère social d'attribution (R2152-7)"


class ReservedFor(models.TextChoices):
    NONE = "", "–"
    SIAE = "siae", "SIAE"
    EA_ESAT = "ea_esat", "EA / ESAT"


class LotClause(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="clauses")
    kind = models.CharField("type de clause", max_length=10, choices=ClauseKind.choices)
    reserved_for = models.CharField("réservé à", max_length=8, choices=ReservedFor.choices, blank=True)
    award_weight = models.DecimalField(
        "pondération du critère (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators(),
    )
    notes = models.CharField("précisions", max_length=255, blank=True)

    class Meta:
        verbose_name = "clause"
        constraints = [
            models.UniqueConstraint(fields=["lot", "kind"], name="clauses_unique_lot_clause_kind"),
            models.CheckConstraint(
                condition=in_range_q("award_weight", ZERO, MAX_PERCENT), name="clauses_clause_weight_range"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class ScheduleStep(models.Model):
    """Planned cumulative hours at the end of a month (the lot's target schedule)."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="schedule")
    month = models.DateField("mois")
    cumulative_hours = models.DecimalField(
        "heures cumulées prévues", max_digits=10, decimal_places=2, validators=between(ZERO, MAX_TARGET_HOURS)
    )

    class Meta:
        verbose_name = "échéance du calendrier"
        ordering = ["lot", "month"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "month"], name="clauses_unique_schedule_month"),
            models.CheckConstraint(
                condition=in_range_q("cumulative_hours", ZERO, MAX_TARGET_HOURS, nullable=False),
                name="clauses_schedule_hours_range",
            ),
        ]

    def __str__(self):
        return f"{self.month:%m/%Y} : {self.cumulative_hours} h"
