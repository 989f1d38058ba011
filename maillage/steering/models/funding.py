"""Funders and funding lines per action and year (DOMAIN.md §1: the State funds at most 60 %)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

STATE_SHARE_LIMIT = Decimal("0.60")
MAX_AMOUNT = 99_999_999


class FunderKind(models.TextChoices):
    STATE = "etat", "État"
    LOCAL_AUTHORITY = "collectivite", "Collectivité territoriale"
    FSE = "fse", "Fonds social européen (FSE+)"
    REVITALISATION = "revitalisation", "Revitalisation (entreprise assujettie)"
    COMPANY = "entreprise", "Entreprise"
    OTHER = "autre", "Autre"


class Funder(models.Model):
    name = models.CharField("nom", max_length=200, unique=True)
    kind = models.CharField("type", max_length=16, choices=FunderKind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funder_profiles",
    )

    class Meta:
        verbose_name = "financeur"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class FundingLine(models.Model):
    action = models.ForeignKey("steering.Action", on_delete=models.CASCADE, related_name="funding_lines")
    funder = models.ForeignKey(Funder, verbose_name="financeur", on_delete=models.PROTECT, related_name="lines")
    year = models.PositiveSmallIntegerField("année", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    budget = models.DecimalField(
        "budget (€)", max_digits=11, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)]
    )
    actual = models.DecimalField(
        "réalisé (€)",
        max_digits=11,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    cofinancing_rate = models.DecimalField(
        "taux de cofinancement (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Pour le FSE+ : part des dépenses éligibles prise en charge.",
    )

    class Meta:
        verbose_name = "ligne de financement"
        ordering = ["year", "funder__kind", "funder__name"]
        constraints = [
            models.UniqueConstraint(fields=["action", "funder", "year"], name="steering_unique_funding_line"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0, budget__lte=MAX_AMOUNT, actual__gte=0, actual__lte=MAX_AMOUNT),
                name="steering_funding_amounts_bounded",
            ),
            models.CheckConstraint(
                condition=models.Q(cofinancing_rate__isnull=True)
                | models.Q(cofinancing_rate__gte=0, cofinancing_rate__lte=100),
                name="steering_funding_rate_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.funder} – {self.action} ({self.year})"
