"""Closing a lot is final: the counted figures and the counting rule's version are frozen.

A closing stores what the closing bilan and the attestations show (hours by modality, bonus, globalised
hours, penalty, each company's own hours) and points the lot to a frozen copy of its counting rule, so a
later rule change never moves a closed lot. A facilitator's correction reopens the bilan explicitly: it
is dated, has a reason, is audit-logged, and the next closing freezes the figures again.
"""

from django.conf import settings
from django.db import models


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
        return f"Clôture du {self.closed_at:%d/%m/%Y}"

    @property
    def is_current(self) -> bool:
        return self.reopened_at is None
