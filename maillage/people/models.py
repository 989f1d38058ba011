"""The shared identity of a person. Only identity and contact: every module-specific datum
(eligibility, RQTH, job search, registrations) lives in the module's own part, under its purpose."""

from django.db import models


class Person(models.Model):
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune de résidence", null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()
