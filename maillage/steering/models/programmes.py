"""Programmes run with companies: a programme, its cohorts, each participant's path (DOMAIN.md §1).

One model covers « 100 chances – 100 emplois », senior mentoring, the CLEE, métier discovery
operations and revitalisation agreements (whose jobs come from the companies module).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ProgrammeKind(models.TextChoices):
    HUNDRED_CHANCES = "100_chances", "100 chances – 100 emplois"
    MENTORING = "parrainage", "Parrainage des seniors"
    CLEE = "clee", "Comité local école-entreprise (CLEE)"
    DISCOVERY = "decouverte", "Découverte des métiers"
    REVITALISATION = "revitalisation", "Convention de revitalisation"
    OTHER = "autre", "Autre programme"


class Programme(models.Model):
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=16, choices=ProgrammeKind.choices)
    description = models.TextField("description", max_length=4000, blank=True)
    action = models.ForeignKey(
        "steering.Action",
        verbose_name="action du plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    pilot_partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="partenaire pilote",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agreement = models.ForeignKey(
        "companies.Agreement",
        verbose_name="convention de revitalisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    age_min = models.PositiveSmallIntegerField(
        "âge minimum", null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(99)]
    )
    age_max = models.PositiveSmallIntegerField(
        "âge maximum", null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(99)]
    )

    class Meta:
        verbose_name = "programme"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    label = models.CharField("promotion", max_length=120)
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "promotion"
        ordering = ["-start"]

    def __str__(self):
        return f"{self.programme} – {self.label}"


class Outcome(models.TextChoices):
    ONGOING = "en_cours", "Parcours en cours"
    JOB = "emploi", "Emploi"
    TRAINING = "formation", "Formation"
    DROPPED = "abandon", "Abandon"
    OTHER = "autre", "Autre sortie"


class ProgrammeParticipant(models.Model):
    """A person's path in a cohort: a mentor or sponsoring company, steps, an outcome."""

    cohort = models.ForeignKey(Cohort, verbose_name="promotion", on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "people.Person", verbose_name="personne", on_delete=models.PROTECT, related_name="programme_paths"
    )
    mentor = models.ForeignKey(
        "people.Person",
        verbose_name="parrain ou marraine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_paths",
    )
    sponsor = models.ForeignKey(
        "companies.Establishment",
        verbose_name="entreprise marraine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_on = models.DateField("entrée le")
    outcome = models.CharField("sortie", max_length=10, choices=Outcome.choices, default=Outcome.ONGOING)
    outcome_on = models.DateField("sortie le", null=True, blank=True)

    class Meta:
        verbose_name = "parcours"
        ordering = ["joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="steering_unique_cohort_person"),
        ]

    def __str__(self):
        return f"Parcours n° {self.pk}"


class PathStep(models.Model):
    participant = models.ForeignKey(ProgrammeParticipant, on_delete=models.CASCADE, related_name="steps")
    date = models.DateField("date")
    label = models.CharField("étape", max_length=200, help_text="Ex. : semaine de mobilisation, rencontre, stage.")

    class Meta:
        verbose_name = "étape"
        ordering = ["date", "pk"]

    def __str__(self):
        return self.label
