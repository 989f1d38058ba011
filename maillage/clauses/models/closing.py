"""Closing a lot is final: the counted figures and the counting rule's version are frozen.

A closing stores what the closing bilan and the attestations show (hours by modality, bonus, globalised
hours, penalty, each company's own hours) and points the lot to a frozen copy of its counting rule, so a
later rule change never moves a closed lot. A facilitator's correction reopens the bilan explicitly: it
is dated, has a reason, is audit-logged, and the next closing freezes the figures again.
"""

from django.conf import settings
from django.db import models

from maillage.common_text import long_date


class LotClosing(models.Model):
    lot = models.ForeignKey("clauses.Lot", on_delete=models.CASCADE, related_name="closings")
    closed_at = models.DateTimeField("clôturé le", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rule = models.ForeignKey(
        "clauses.CountingRule",
        verbose_name="version de la règle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rule_snapshot = models.JSONField("paramètres de la règle appliquée", default=dict)
    figures = models.JSONField("chiffres figés", default=dict)
    reopened_at = models.DateTimeField("rouvert le", null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopen_reason = models.CharField("motif de la correction", max_length=255, blank=True)

    class Meta:
        verbose_name = "clôture d'un lot"
        verbose_name_plural = "clôtures des lots"
        ordering = ["lot", "-closed_at", "-pk"]

    def __str__(self):
        return f"Clôture du {long_date(self.closed_at)}"

    @property
    def is_current(self) -> bool:
        return self.reopened_at is None


class Amendment(models.Model):
    """An avenant: a dated change of a lot's amount, end date or target, with the values before and after."""

    lot = models.ForeignKey("clauses.Lot", on_delete=models.CASCADE, related_name="amendments")
    signed_on = models.DateField("signé le")
    reason = models.CharField("objet de l'avenant", max_length=255)
    amount_before = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    amount_after = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    end_before = models.DateField(null=True, blank=True)
    end_after = models.DateField(null=True, blank=True)
    target_before = models.DecimalField(max_digits=10, decimal_places=2)
    target_after = models.DecimalField(max_digits=10, decimal_places=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "avenant"
        ordering = ["lot", "signed_on", "pk"]

    def __str__(self):
        return f"Avenant du {long_date(self.signed_on)}"


class FrameworkPeriod(models.Model):
    """A framework agreement (accord-cadre, bons de commande): amounts ordered and invoiced per period; the
    obligation follows the invoiced amounts (e.g. one hour per 2,000 € invoiced)."""

    lot = models.ForeignKey("clauses.Lot", on_delete=models.CASCADE, related_name="framework_periods")
    period_start = models.DateField("début de la période")
    period_end = models.DateField("fin de la période")
    ordered = models.DecimalField("montant commandé HT (€)", max_digits=14, decimal_places=2, default=0)
    invoiced = models.DecimalField("montant facturé HT (€)", max_digits=14, decimal_places=2, default=0)
    hours_due = models.DecimalField("heures dues sur la période", max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = "période d'un accord-cadre"
        verbose_name_plural = "périodes des accords-cadres"
        ordering = ["lot", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "period_start"], name="clauses_unique_framework_period"),
            models.CheckConstraint(
                condition=models.Q(ordered__gte=0, invoiced__gte=0, hours_due__gte=0, ordered__lte=10_000_000_000)
                & models.Q(invoiced__lte=10_000_000_000),
                name="clauses_framework_amounts_range",
            ),
        ]

    def __str__(self):
        return f"{self.period_start:%m/%Y}–{self.period_end:%m/%Y}"
