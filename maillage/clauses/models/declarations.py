"""Company declarations made in one go: a month's grid of hours with one proof for the whole batch."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


DEFAULT_DEADLINE_DAY = 10
DEFAULT_REMINDER_DAYS = 5


class DeclarationCalendar(models.Model):
    """Singleton (pk 1), the MDE's declaration calendar: the hours of a month are due by a day of the
    next month; companies that have not declared are reminded some days before. Read it through
    ``declaration_calendar()`` (never created by a read)."""

    deadline_day = models.PositiveSmallIntegerField(
        "jour limite de déclaration",
        default=DEFAULT_DEADLINE_DAY,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text="Les heures d'un mois sont à déclarer au plus tard ce jour du mois suivant (1 à 28).",
    )
    reminder_days = models.PositiveSmallIntegerField(
        "rappel, jours avant la date limite",
        default=DEFAULT_REMINDER_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(27)],
        help_text="Le rappel part ce nombre de jours avant la date limite (0 : le jour même).",
    )
    reminders_enabled = models.BooleanField("envoyer le rappel mensuel aux entreprises", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "calendrier des déclarations"
        verbose_name_plural = "calendrier des déclarations"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline_day__gte=1, deadline_day__lte=28), name="clauses_calendar_deadline_day"
            ),
            models.CheckConstraint(condition=models.Q(reminder_days__lte=27), name="clauses_calendar_reminder_days"),
        ]

    def __str__(self):
        return f"Déclarations dues le {self.deadline_day} du mois suivant"

    def deadline_of(self, month):
        """The day the hours of ``month`` are due (included): ``deadline_day`` of the next month."""
        from ..dates import add_months

        return add_months(month.replace(day=1), 1).replace(day=self.deadline_day)


def declaration_calendar() -> DeclarationCalendar:
    return DeclarationCalendar.objects.filter(pk=1).first() or DeclarationCalendar(pk=1)


class DeclarationReminder(models.Model):
    """One reminder sent to a company for one month's missing declarations (never two)."""

    company = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    month = models.DateField("mois rappelé")
    sent_at = models.DateTimeField("envoyé le", auto_now_add=True)
    recipients = models.PositiveSmallIntegerField("destinataires", default=0)
    missing = models.PositiveIntegerField("contrats sans déclaration", default=0)

    class Meta:
        verbose_name = "rappel de déclaration"
        constraints = [
            models.UniqueConstraint(fields=["company", "month"], name="clauses_unique_reminder_company_month")
        ]

    def __str__(self):
        return f"Rappel de {self.month:%m/%Y}"
