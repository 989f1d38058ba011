"""Facilitator coverage (who covers which EPCI and buyer) and import batches."""

from django.conf import settings
from django.db import models

from .limits import MAX_FTE, ZERO, between, in_range_q


class Coverage(models.Model):
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="facilitateur", on_delete=models.CASCADE, related_name="clause_coverages"
    )
    structure = models.ForeignKey(
        "accounts.Organisation", verbose_name="structure", on_delete=models.CASCADE, related_name="+"
    )
    epcis = models.ManyToManyField("territories.Epci", verbose_name="EPCI couverts", blank=True, related_name="+")
    buyers = models.ManyToManyField(
        "accounts.Organisation", verbose_name="donneurs d'ordre suivis", blank=True, related_name="clause_coverages"
    )
    market_kinds = models.CharField(
        "types de marchés", max_length=60, blank=True, help_text="travaux, services, fournitures (vide : tous)"
    )
    fte = models.DecimalField(
        "temps consacré aux clauses (ETP)",
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=between(ZERO, MAX_FTE),
    )
    funding = models.CharField(
        "financements du poste", max_length=200, blank=True, help_text="Ex. : État, EPCI, FSE+, département."
    )

    class Meta:
        verbose_name = "couverture d'un facilitateur"
        verbose_name_plural = "couvertures des facilitateurs"
        constraints = [
            models.UniqueConstraint(fields=["facilitator", "structure"], name="clauses_unique_coverage"),
            models.CheckConstraint(condition=in_range_q("fte", ZERO, MAX_FTE), name="clauses_coverage_fte_range"),
        ]

    def __str__(self):
        return f"{self.facilitator} ({self.structure})"


class ImportKind(models.TextChoices):
    PARTICIPANTS = "participants", "Participants"
    CONTRACTS = "contrats", "Contrats"
    HOURS = "heures", "Heures"


class ImportBatch(models.Model):
    """A parsed upload waiting for confirmation (rows and errors kept until the user decides)."""

    class Status(models.TextChoices):
        PREVIEW = "apercu", "Aperçu"
        DONE = "importe", "Importé"
        CANCELLED = "annule", "Annulé"

    kind = models.CharField(max_length=12, choices=ImportKind.choices)
    filename = models.CharField(max_length=200)
    headers = models.JSONField(default=list, blank=True)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PREVIEW)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "import"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.filename}"
