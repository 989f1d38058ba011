"""The yearly activity report to the State on the two axes (DOMAIN.md §1, §8).

A draft reads the figures live; validating freezes them (``snapshot``) with the narrative, so a
validated version never changes. Editing a validated report starts the next version.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    VALIDATED = "valide", "Validé"


class ActivityReport(models.Model):
    year = models.PositiveSmallIntegerField("année", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    version = models.PositiveSmallIntegerField("version", default=1)
    status = models.CharField("état", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    introduction = models.TextField("introduction", max_length=10000, blank=True)
    axis1_text = models.TextField("axe 1 – commentaire", max_length=10000, blank=True)
    axis2_text = models.TextField("axe 2 – commentaire", max_length=10000, blank=True)
    local_text = models.TextField("actions locales – commentaire", max_length=10000, blank=True)
    outlook = models.TextField("perspectives", max_length=10000, blank=True)
    snapshot = models.JSONField("chiffres figés", null=True, blank=True, editable=False)
    validated_at = models.DateTimeField("validé le", null=True, blank=True, editable=False)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    NARRATIVE_FIELDS = ("introduction", "axis1_text", "axis2_text", "local_text", "outlook")

    class Meta:
        verbose_name = "rapport d'activité"
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="steering_unique_report_version"),
        ]

    def __str__(self):
        return f"Rapport d'activité {self.year} (version {self.version})"

    @property
    def is_validated(self) -> bool:
        return self.status == ReportStatus.VALIDATED
