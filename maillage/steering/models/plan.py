"""The action plan by axis: actions, milestones, staff time and indicators fed by the modules (DOMAIN.md §8)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

MIN_YEAR, MAX_YEAR = 2000, 2100


class AxisKind(models.TextChoices):
    STATE_1 = "etat_1", "Axe 1 de l'État – anticiper les mutations économiques (GPECT)"
    STATE_2 = "etat_2", "Axe 2 de l'État – développement local de l'emploi"
    LOCAL = "local", "Axe local"


class Axis(models.Model):
    kind = models.CharField("type", max_length=8, choices=AxisKind.choices)
    code = models.CharField("code", max_length=10, unique=True)
    label = models.CharField("intitulé", max_length=200)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "axe"
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} – {self.label}"

    @property
    def is_state(self) -> bool:
        return self.kind in (AxisKind.STATE_1, AxisKind.STATE_2)


class ActionStatus(models.TextChoices):
    PLANNED = "prevue", "Prévue"
    RUNNING = "en_cours", "En cours"
    DONE = "realisee", "Réalisée"
    SUSPENDED = "suspendue", "Suspendue"


class Action(models.Model):
    axis = models.ForeignKey(Axis, verbose_name="axe", on_delete=models.PROTECT, related_name="actions")
    year = models.PositiveSmallIntegerField(
        "année", validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    title = models.CharField("intitulé", max_length=250)
    objectives = models.TextField("objectifs", max_length=4000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pilote",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steered_actions",
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", verbose_name="partenaires", blank=True, related_name="plan_actions"
    )
    status = models.CharField("état", max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    is_fse_cofunded = models.BooleanField(
        "cofinancée par le FSE+", default=False, help_text="Ouvre le suivi des participants FSE+."
    )
    fse_public_bodies_supported = models.PositiveIntegerField(
        "administrations ou services publics soutenus (FSE+)", default=0, validators=[MaxValueValidator(100_000)]
    )
    fse_smes_supported = models.PositiveIntegerField(
        "PME soutenues (FSE+)", default=0, validators=[MaxValueValidator(100_000)]
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "action"
        ordering = ["axis__order", "axis__code", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="steering_action_year_bounded"
            )
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    label = models.CharField("jalon", max_length=250)
    due_on = models.DateField("échéance")
    done_on = models.DateField("atteint le", null=True, blank=True)

    class Meta:
        verbose_name = "jalon"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.label


class TimeEntry(models.Model):
    """Staff time spent on an action (for the funders' justification)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="time_entries")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="salarié", null=True, blank=True, on_delete=models.SET_NULL
    )
    month = models.DateField("mois", help_text="Premier jour du mois.")
    hours = models.DecimalField(
        "heures", max_digits=6, decimal_places=2, validators=[MinValueValidator(0.25), MaxValueValidator(250)]
    )
    hourly_cost = models.DecimalField(
        "coût horaire chargé (€)",
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )

    class Meta:
        verbose_name = "temps passé"
        verbose_name_plural = "temps passés"
        ordering = ["-month", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0, hours__lte=250), name="steering_time_hours_bounded"),
            models.CheckConstraint(
                condition=models.Q(hourly_cost__gte=0, hourly_cost__lte=500), name="steering_time_cost_bounded"
            ),
        ]

    def __str__(self):
        return f"{self.hours} h en {self.month:%m/%Y}"

    @property
    def cost(self):
        return self.hours * self.hourly_cost


class ActionIndicator(models.Model):
    """An indicator a module provides, picked by an action with a target and a scope.

    Only the key is stored: the actual value is computed by the module at read time, never typed.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    indicator_key = models.CharField("indicateur", max_length=80)
    target = models.DecimalField(
        "cible",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(99_999_999)],
    )
    epcis = models.ManyToManyField(
        "territories.Epci",
        verbose_name="territoire (EPCI)",
        blank=True,
        help_text="Vide : tout le périmètre de la Maison de l'Emploi.",
    )
    start = models.DateField("début de période", null=True, blank=True, help_text="Vide : le 1er janvier de l'année.")
    end = models.DateField("fin de période", null=True, blank=True, help_text="Vide : le 31 décembre de l'année.")
    funder = models.ForeignKey(
        "steering.Funder",
        verbose_name="filtre du financeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "indicateur d'action"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["action", "indicator_key"], name="steering_unique_action_indicator"),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="steering_indicator_period",
            ),
        ]

    def __str__(self):
        return self.indicator_key
