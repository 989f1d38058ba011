"""FSE+ participant records of co-funded actions (Regulation (EU) 2021/1057, Annex I; DOMAIN.md §8).

The participant's part points to the shared ``people.Person`` and holds only what the managing
authority asks: data at entry, at exit and six months after. Every answer may be « non renseigné »;
the disadvantaged situations (special categories of data) are recorded only with the person's
consent, and read only by the MDE's steering staff (``policies.py``), each read audit-logged.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

NOT_ANSWERED = "nr"


class Sex(models.TextChoices):
    FEMALE = "f", "Femme"
    MALE = "m", "Homme"
    NON_BINARY = "x", "Non binaire"
    NOT_ANSWERED = NOT_ANSWERED, "Non renseigné"


class LabourStatus(models.TextChoices):
    UNEMPLOYED = "chomeur", "Chômeur (moins de 12 mois)"
    LONG_TERM_UNEMPLOYED = "chomeur_ld", "Chômeur de longue durée (12 mois et plus)"
    INACTIVE = "inactif", "Inactif (ni en emploi ni en recherche)"
    EMPLOYED = "emploi", "En emploi, y compris indépendant"
    NOT_ANSWERED = NOT_ANSWERED, "Non renseigné"


class Isced(models.TextChoices):
    LOW = "0_2", "CITE 0 à 2 (jusqu'au brevet, CAP non obtenu)"
    MEDIUM = "3_4", "CITE 3 et 4 (CAP, BEP, baccalauréat)"
    HIGH = "5_8", "CITE 5 à 8 (bac + 2 et au-delà)"
    NOT_ANSWERED = NOT_ANSWERED, "Non renseigné"


class YesNo(models.TextChoices):
    YES = "oui", "Oui"
    NO = "non", "Non"
    NOT_ANSWERED = NOT_ANSWERED, "Non renseigné"


class ExitSituation(models.TextChoices):
    EMPLOYED = "emploi", "En emploi, y compris indépendant"
    TRAINING = "formation", "En études ou en formation"
    JOB_SEARCH = "recherche", "En recherche d'emploi"
    INACTIVE = "inactif", "Inactif"
    NOT_ANSWERED = NOT_ANSWERED, "Non renseigné"


SENSITIVE_FIELDS = ("disability", "third_country_national", "foreign_background", "minority", "homeless")


class FseParticipant(models.Model):
    action = models.ForeignKey(
        "steering.Action", verbose_name="action", on_delete=models.PROTECT, related_name="fse_participants"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name="personne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fse_participations",
        help_text="Vide après anonymisation (durée de conservation échue).",
    )
    # At entry
    entry_date = models.DateField("date d'entrée")
    sex = models.CharField("sexe", max_length=2, choices=Sex.choices, blank=True)
    age_at_entry = models.PositiveSmallIntegerField(
        "âge à l'entrée", null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    labour_status = models.CharField(
        "situation sur le marché du travail à l'entrée", max_length=10, choices=LabourStatus.choices, blank=True
    )
    education = models.CharField("niveau d'études (CITE)", max_length=3, choices=Isced.choices, blank=True)
    rural = models.CharField("réside en zone rurale", max_length=3, choices=YesNo.choices, blank=True)
    sensitive_consent = models.BooleanField(
        "consentement au recueil des situations de désavantage",
        default=False,
        help_text="Sans consentement, ces situations ne sont pas enregistrées.",
    )
    sensitive_consent_at = models.DateTimeField("consentement recueilli le", null=True, blank=True, editable=False)
    disability = models.CharField("personne handicapée", max_length=3, choices=YesNo.choices, blank=True)
    third_country_national = models.CharField(
        "ressortissant de pays tiers", max_length=3, choices=YesNo.choices, blank=True
    )
    foreign_background = models.CharField("d'origine étrangère", max_length=3, choices=YesNo.choices, blank=True)
    minority = models.CharField(
        "appartenant à une minorité (y compris communautés marginalisées)",
        max_length=3,
        choices=YesNo.choices,
        blank=True,
    )
    homeless = models.CharField("sans domicile ou exclu du logement", max_length=3, choices=YesNo.choices, blank=True)
    # At exit
    exit_date = models.DateField("date de sortie", null=True, blank=True)
    exit_situation = models.CharField("situation à la sortie", max_length=10, choices=ExitSituation.choices, blank=True)
    qualification_gained = models.CharField(
        "qualification obtenue à la sortie", max_length=3, choices=YesNo.choices, blank=True
    )
    # Six months after exit
    followup_date = models.DateField("date du suivi à six mois", null=True, blank=True)
    employed_six_months = models.CharField(
        "en emploi six mois après la sortie", max_length=3, choices=YesNo.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "participant FSE+"
        verbose_name_plural = "participants FSE+"
        ordering = ["-entry_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exit_date__isnull=True) | models.Q(exit_date__gte=models.F("entry_date")),
                name="steering_fse_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=models.Q(age_at_entry__isnull=True) | models.Q(age_at_entry__lte=120),
                name="steering_fse_age_bounded",
            ),
            models.UniqueConstraint(fields=["action", "person", "entry_date"], name="steering_fse_unique_entry"),
        ]

    def __str__(self):
        return f"Participant FSE+ n° {self.pk}"
