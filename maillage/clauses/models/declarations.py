"""Company declarations made in one go: a month's grid of hours with one proof for the whole batch."""

from django.conf import settings
from django.db import models


class DeclarationBatch(models.Model):
    """The hours a company declared for one month on one lot (or all its lots), with one proof file
    (the bundle of pay slips). The statements it made point to it; the proof is served only through
    ``clauses:batch_proof`` after the policy check (never under /media/)."""

    company = models.ForeignKey(
        "accounts.Organisation", verbose_name="entreprise", on_delete=models.PROTECT, related_name="+"
    )
    lot = models.ForeignKey(
        "clauses.Lot",
        verbose_name="lot (vide : tous les lots de l'entreprise)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="declaration_batches",
    )
    month = models.DateField("mois", help_text="Premier jour du mois.")
    proof = models.FileField("justificatif (bulletins de salaire)", upload_to="clauses/heures/lots/%Y/%m/")
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "déclaration groupée"
        verbose_name_plural = "déclarations groupées"
        ordering = ["-month", "-declared_at"]
        indexes = [models.Index(fields=["company", "month"])]

    def __str__(self):
        return f"Déclaration de {self.month:%m/%Y}"
