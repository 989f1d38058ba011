"""The shared identity of a person. Only identity and contact: every module-specific datum
(eligibility, RQTH, job search, registrations) lives in the module's own part, under its purpose.

A module's part (clause participant, job candidate…) is its own model with a one-to-one link to
``Person`` and reads the identity through :class:`maillage.people.parts.PersonPart`."""

from django.conf import settings
from django.db import models

from maillage.common_text import fold


def identity_key(last_name: str, first_name: str, birth_date) -> str:
    """Key of a person's identity: folded names and birth date (find-or-create without double entry)."""
    return f"{fold(last_name)}|{fold(first_name)}|{birth_date.isoformat() if birth_date else ''}"[:200]


class Person(models.Model):
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune de résidence", null=True, blank=True, on_delete=models.PROTECT
    )
    # Folded names and birth date: finds the same person whatever the accents, case or hyphens.
    identity_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        indexes = [models.Index(fields=["last_name", "first_name"]), models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        self.identity_key = identity_key(self.last_name, self.first_name, self.birth_date)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"last_name", "first_name", "birth_date"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "identity_key"}
        super().save(*args, **kwargs)


class PersonMerge(models.Model):
    """One merge of two records of the same person, kept for the audit: ids only, never identity."""

    kept = models.ForeignKey(Person, verbose_name="personne conservée", on_delete=models.CASCADE, related_name="merges")
    merged_person_id = models.PositiveBigIntegerField("personne fusionnée (identifiant)")
    reason = models.CharField("motif", max_length=40)
    moved = models.JSONField("parts déplacées", default=dict, help_text="Type de part → identifiants déplacés.")
    filled = models.JSONField("champs complétés", default=list, help_text="Noms des champs repris du doublon.")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="fusionné par", null=True, blank=True, on_delete=models.SET_NULL
    )
    merged_at = models.DateTimeField("fusionné le", auto_now_add=True)

    class Meta:
        verbose_name = "fusion de personnes"
        verbose_name_plural = "fusions de personnes"
        ordering = ["-merged_at"]

    def __str__(self):
        return f"n° {self.merged_person_id} → n° {self.kept_id}"
