"""The MDE's own settings and the progress of background tasks (the kernel's two models).

Both were created by the former ``core`` app: they keep their tables (``core_mdesettings``,
``core_taskrun``) and moved here without touching the data (migration ``kernel.0001``).
Read the settings through ``maillage.kernel.mde``, never with ``MdeSettings.objects`` directly.
"""

from django.conf import settings
from django.db import models


class MdeSettings(models.Model):
    """Singleton: the MDE's name, logo and perimeter (a set of EPCI)."""

    name = models.CharField("nom de la structure", max_length=200, default="Maison de l'Emploi")
    short_name = models.CharField("nom court", max_length=60, blank=True)
    logo = models.ImageField("logo", upload_to="logos/", blank=True)
    perimeter = models.ManyToManyField("territories.Epci", verbose_name="périmètre (EPCI)", blank=True)
    departement = models.ForeignKey(
        "territories.Departement",
        verbose_name="département principal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    contact_email = models.EmailField("e-mail de contact", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "core_mdesettings"
        verbose_name = "paramètres de la Maison de l'Emploi"
        verbose_name_plural = "paramètres de la Maison de l'Emploi"

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "MdeSettings":
        """The settings row, created on first use: for the pages that change it (never on a read)."""
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class TaskRun(models.Model):
    """A background task's state, shared by web and worker processes through the database."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminée"
        FAILED = "failed", "Échec"

    kind = models.CharField("type", max_length=60)
    label = models.CharField("libellé", max_length=200)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "core_taskrun"
        verbose_name = "tâche de fond"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
