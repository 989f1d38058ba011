"""Data the national consolidation needs: funding lines of the facilitation, buyer types, EU thresholds."""

from decimal import Decimal

from django.db import models

from .limits import MAX_AMOUNT, ZERO, between, in_range_q


class Funder(models.TextChoices):
    STATE = "etat", "État"
    REGION = "region", "Région"
    DEPARTMENT = "departement", "Département"
    EPCI = "epci", "EPCI"
    COMMUNE = "commune", "Commune"
    FSE = "fse", "FSE+"
    BUYER = "acheteur", "Donneurs d'ordre"
    OTHER = "autre", "Autre financeur"


class FundingLine(models.Model):
    """One funder's amount for a facilitator's post in a year (structured, never free text)."""

    coverage = models.ForeignKey("clauses.Coverage", on_delete=models.CASCADE, related_name="funding_lines")
    year = models.PositiveSmallIntegerField("année", validators=between(2000, 2100))
    funder = models.CharField("financeur", max_length=12, choices=Funder.choices)
    amount = models.DecimalField("montant (€)", max_digits=12, decimal_places=2, validators=between(ZERO, MAX_AMOUNT))

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "financements des facilitateurs"
        ordering = ["-year", "coverage", "funder"]
        constraints = [
            models.UniqueConstraint(fields=["coverage", "year", "funder"], name="clauses_unique_funding_line"),
            models.CheckConstraint(
                condition=in_range_q("amount", ZERO, MAX_AMOUNT, nullable=False), name="clauses_funding_amount_range"
            ),
        ]

    def __str__(self):
        return f"{self.year} – {self.get_funder_display()} : {self.amount} €"


class BuyerType(models.TextChoices):
    STATE = "etat", "État et ses établissements"
    REGION = "region", "Région"
    DEPARTMENT = "departement", "Département"
    EPCI = "epci", "EPCI et syndicats"
    COMMUNE = "commune", "Commune"
    SOCIAL_LANDLORD = "bailleur", "Bailleur social"
    HOSPITAL = "hopital", "Établissement de santé"
    OTHER = "autre", "Autre acheteur"


def guess_buyer_type(siret: str) -> str:
    """A public buyer's type from its SIREN's first digits (legal categories of public entities); the
    facilitator corrects it in the buyer's profile when it is wrong (a social landlord, for instance)."""
    prefix = (siret or "")[:2]
    return {
        "21": BuyerType.COMMUNE,
        "22": BuyerType.DEPARTMENT,
        "23": BuyerType.REGION,
        "24": BuyerType.EPCI,
        "25": BuyerType.EPCI,
        "26": BuyerType.HOSPITAL,
        "27": BuyerType.SOCIAL_LANDLORD,
        "11": BuyerType.STATE,
        "12": BuyerType.STATE,
        "13": BuyerType.STATE,
        "17": BuyerType.STATE,
        "18": BuyerType.STATE,
    }.get(prefix, BuyerType.OTHER)


class BuyerProfile(models.Model):
    buyer = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="clause_buyer_profile", verbose_name="acheteur"
    )
    buyer_type = models.CharField("type d'acheteur", max_length=12, choices=BuyerType.choices)

    class Meta:
        verbose_name = "type d'un donneur d'ordre"
        verbose_name_plural = "types des donneurs d'ordre"

    def __str__(self):
        return f"{self.buyer} : {self.get_buyer_type_display()}"


class EuThreshold(models.Model):
    """EU procurement thresholds (excl. tax) with their validity: the amount bands of the national file."""

    valid_from = models.DateField("valable du", unique=True)
    valid_until = models.DateField("au")
    supplies_services = models.DecimalField(
        "seuil fournitures et services (€)", max_digits=12, decimal_places=0, validators=between(ZERO, MAX_AMOUNT)
    )
    works = models.DecimalField(
        "seuil travaux (€)", max_digits=12, decimal_places=0, validators=between(ZERO, MAX_AMOUNT)
    )

    class Meta:
        verbose_name = "seuils européens"
        verbose_name_plural = "seuils européens"
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.valid_from:%Y}–{self.valid_until:%Y} : {self.supplies_services} € / {self.works} €"


DEFAULT_EU_THRESHOLDS = [
    # (from, until, supplies and services of local authorities, works)
    ("2022-01-01", "2023-12-31", Decimal("215000"), Decimal("5382000")),
    ("2024-01-01", "2025-12-31", Decimal("221000"), Decimal("5538000")),
    ("2026-01-01", "2027-12-31", Decimal("216000"), Decimal("5404000")),
]
