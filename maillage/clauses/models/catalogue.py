"""Territory-editable catalogues: eligibility criteria, sizing presets, counting rules."""

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from maillage.common_text import long_date

from .limits import MAX_EUROS_PER_HOUR, MAX_HOURLY_COST, MAX_MONTH_HOURS, MAX_PERCENT, ZERO, between, in_range_q

DEFAULT_ELIGIBILITY_MONTHS = 24
FTE_HOURS = Decimal("1607")
DEFAULT_MONTHLY_HOURS_MAX = Decimal("208")


class EligibilityCriterion(models.Model):
    """One eligible public of the territory's list (DOMAIN §2), editable by the facilitators."""

    code = models.SlugField("code", max_length=30, unique=True)
    label = models.CharField("libellé", max_length=200)
    is_health_data = models.BooleanField(
        "donnée de santé",
        default=False,
        help_text="Critère relevant de la santé (RQTH) : visible seulement des facilitateurs qui suivent la personne.",
    )
    validity_months = models.PositiveSmallIntegerField(
        "durée de validité (mois)", default=DEFAULT_ELIGIBILITY_MONTHS, validators=[MinValueValidator(1)]
    )
    proof_hint = models.CharField("justificatif attendu", max_length=200, blank=True)
    needs_prescriber_opinion = models.BooleanField("sur avis motivé d'un prescripteur", default=False)
    age_from = models.PositiveSmallIntegerField(
        "âge minimum (ans révolus)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text="« 50 ans et plus » : 50. Vide : pas de condition d'âge.",
    )
    age_under = models.PositiveSmallIntegerField(
        "moins de (ans)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="« Moins de 26 ans » : 26. Vide : pas de limite d'âge.",
    )
    is_active = models.BooleanField("actif", default=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère d'éligibilité"
        verbose_name_plural = "critères d'éligibilité"
        ordering = ["order", "label"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_from__isnull=True)
                | models.Q(age_under__isnull=True)
                | models.Q(age_from__lt=models.F("age_under")),
                name="clauses_criterion_age_range",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def has_age_condition(self) -> bool:
        return self.age_from is not None or self.age_under is not None

    def age_problem(self, birth_date: date | None, on: date) -> str | None:
        """Why the person's age on ``on`` contradicts this criterion (French), or ``None``.

        An unknown birth date is no contradiction: ``age_unknown`` says it is to be checked."""
        if birth_date is None or not self.has_age_condition:
            return None
        age = age_on(birth_date, on)
        if self.age_under is not None and age >= self.age_under:
            return (
                f"Le critère « {self.label} » exige moins de {self.age_under} ans : la personne a {age} ans "
                f"au {long_date(on)}."
            )
        if self.age_from is not None and age < self.age_from:
            return (
                f"Le critère « {self.label} » exige {self.age_from} ans ou plus : la personne a {age} ans "
                f"au {long_date(on)}."
            )
        return None

    def age_unknown(self, birth_date: date | None) -> bool:
        return birth_date is None and self.has_age_condition


def age_on(birth_date: date, on: date) -> int:
    """Full years on ``on`` (a person born on 29 February is a year older on 1 March)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


class SizingMethod(models.TextChoices):
    RATE = "taux", "Montant × part main-d'œuvre × taux ÷ coût horaire"
    RATIO = "ratio", "Ratio : 1 heure par tranche de montant facturé"
    MANUAL = "manuel", "Saisie directe du nombre d'heures"


class SizingPreset(models.Model):
    """Default sizing parameters for a CPV division or trade, optionally for one EPCI."""

    epci = models.ForeignKey(
        "territories.Epci",
        verbose_name="territoire (EPCI)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Vide : valeur par défaut pour tout le périmètre.",
    )
    cpv_division = models.CharField("division CPV", max_length=2, db_index=True)
    cpv_prefix = models.CharField(
        "groupe CPV (2 à 8 chiffres)",
        max_length=8,
        blank=True,
        help_text="Ex. 4544 (peinture) : le préréglage le plus précis pour le code CPV du lot est proposé d'abord.",
    )
    trade = models.CharField("corps de métier / type de marché", max_length=120)
    method = models.CharField("méthode", max_length=10, choices=SizingMethod.choices, default=SizingMethod.RATE)
    labour_share = models.DecimalField(
        "part de main-d'œuvre (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    insertion_rate = models.DecimalField(
        "taux d'insertion (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("5"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    hourly_cost = models.DecimalField(
        "coût horaire chargé (€)",
        max_digits=7,
        decimal_places=2,
        default=Decimal("30"),
        validators=between(Decimal("1"), MAX_HOURLY_COST),
    )
    euros_per_hour = models.DecimalField(
        "ratio : € facturés pour 1 heure",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(Decimal("1"), MAX_EUROS_PER_HOUR),
    )

    class Meta:
        verbose_name = "préréglage de dimensionnement"
        verbose_name_plural = "préréglages de dimensionnement"
        ordering = ["cpv_division", "trade"]
        constraints = [
            models.UniqueConstraint(fields=["epci", "cpv_division", "trade"], name="clauses_unique_preset"),
            models.CheckConstraint(
                condition=in_range_q("labour_share", ZERO, MAX_PERCENT, nullable=False)
                & in_range_q("insertion_rate", ZERO, MAX_PERCENT, nullable=False)
                & in_range_q("hourly_cost", Decimal("1"), MAX_HOURLY_COST, nullable=False)
                & in_range_q("euros_per_hour", Decimal("1"), MAX_EUROS_PER_HOUR),
                name="clauses_preset_ranges",
            ),
        ]

    def __str__(self):
        return f"{self.cpv_division} – {self.trade}"


class CentreHoursMode(models.TextChoices):
    COUNT = "compter", "Comptées comme les autres heures"
    CAP = "plafonner", "Plafonnées par personne et par mois"
    EXCLUDE = "exclure", "Exclues"


class SubcontractingMode(models.TextChoices):
    DECLARED = "declarees", "Heures déclarées par la structure"
    CONVERTED = "conversion", "Conversion du montant (montant × part main-d'œuvre ÷ coût horaire)"


class LiveRuleManager(models.Manager):
    """The rules facilitators edit and lots follow; frozen copies of closed lots are left out."""

    def get_queryset(self):
        return super().get_queryset().filter(is_frozen=False)


class CountingRule(models.Model):
    """How statements are counted, per territory or buyer (the most specific applies).

    Rules are read when totals are computed (SQL expressions): changing a rule changes the totals,
    never the stored statements.
    """

    name = models.CharField("nom", max_length=120)
    epci = models.ForeignKey(
        "territories.Epci", verbose_name="territoire (EPCI)", null=True, blank=True, on_delete=models.CASCADE
    )
    buyer = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="donneur d'ordre",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    lasting_bonus_percent = models.DecimalField(
        "bonification des contrats durables (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="CDI, CDD de 6 mois ou plus : heures majorées de ce pourcentage.",
    )
    training_monthly_cap = models.DecimalField(
        "plafond des heures de formation (h par personne et par mois)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(ZERO, MAX_MONTH_HOURS),
    )
    subcontracting_mode = models.CharField(
        "sous-traitance / co-traitance SIAE",
        max_length=12,
        choices=SubcontractingMode.choices,
        default=SubcontractingMode.DECLARED,
    )
    conversion_labour_share = models.DecimalField(
        "conversion : part de main-d'œuvre (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=between(ZERO, MAX_PERCENT),
    )
    conversion_hourly_cost = models.DecimalField(
        "conversion : coût horaire (€)",
        max_digits=7,
        decimal_places=2,
        default=Decimal("30"),
        validators=between(Decimal("1"), MAX_HOURLY_COST),
    )
    centre_hours_mode = models.CharField(
        "heures en centre de formation (apprentissage, professionnalisation)",
        max_length=10,
        choices=CentreHoursMode.choices,
        default=CentreHoursMode.COUNT,
    )
    centre_hours_cap = models.DecimalField(
        "plafond des heures en centre de formation (h par mois)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(ZERO, MAX_MONTH_HOURS),
    )
    monthly_hours_max = models.DecimalField(
        "maximum plausible d'heures par personne et par mois (tous lots et contrats)",
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_MONTHLY_HOURS_MAX,
        validators=between(Decimal("1"), MAX_MONTH_HOURS),
        help_text="Durée légale et heures supplémentaires : 48 h × 52 semaines ÷ 12 ≈ 208 h.",
    )
    allow_globalisation = models.BooleanField(
        "globalisation des heures autorisée",
        default=False,
        help_text="Les heures d'une personne peuvent être imputées sur un autre lot de la même entreprise.",
    )
    is_frozen = models.BooleanField("version figée à la clôture d'un lot", default=False, editable=False, db_index=True)
    frozen_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="frozen_copies"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = LiveRuleManager()
    versions = models.Manager()  # noqa: DJ012 - every version, frozen copies included

    class Meta:
        base_manager_name = "versions"
        verbose_name = "règle de comptabilisation"
        verbose_name_plural = "règles de comptabilisation"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["epci", "buyer"], name="clauses_unique_rule_scope"),
            models.CheckConstraint(
                condition=in_range_q("lasting_bonus_percent", ZERO, MAX_PERCENT, nullable=False)
                & in_range_q("training_monthly_cap", ZERO, MAX_MONTH_HOURS)
                & in_range_q("conversion_labour_share", ZERO, MAX_PERCENT, nullable=False)
                & in_range_q("conversion_hourly_cost", Decimal("1"), MAX_HOURLY_COST, nullable=False)
                & in_range_q("monthly_hours_max", Decimal("1"), MAX_MONTH_HOURS, nullable=False),
                name="clauses_rule_ranges",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def scope_label(self) -> str:
        if self.buyer_id:
            return f"Donneur d'ordre : {self.buyer}"
        if self.epci_id:
            return f"Territoire : {self.epci}"
        return "Règle par défaut"
