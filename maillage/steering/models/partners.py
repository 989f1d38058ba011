"""Members of the MDE, its governing bodies and steering committees, conventions (DOMAIN.md §1, §8)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from maillage.common_text import long_date

MAX_AMOUNT = 99_999_999


class College(models.TextChoices):
    STATE = "etat", "État"
    LOCAL_AUTHORITIES = "collectivites", "Collectivités territoriales"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    COMPANIES = "entreprises", "Entreprises"
    ASSOCIATIONS = "associations", "Associations"
    BRANCHES = "branches", "Branches professionnelles"


class Member(models.Model):
    """An organisation's membership (adhésion) of the MDE, in one college."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="mde_memberships"
    )
    college = models.CharField("collège", max_length=16, choices=College.choices)
    joined_on = models.DateField("adhésion le")
    left_on = models.DateField("sortie le", null=True, blank=True)
    fee = models.DecimalField(
        "cotisation annuelle (€)",
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    representative = models.CharField("représentant (fonction)", max_length=200, blank=True)

    class Meta:
        verbose_name = "membre"
        ordering = ["college", "organisation__name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="steering_member_fee_positive"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="steering_member_dates",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_college_display()})"

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class CommitteeKind(models.TextChoices):
    GENERAL_ASSEMBLY = "ag", "Assemblée générale"
    BOARD = "ca", "Conseil d'administration"
    BUREAU = "bureau", "Bureau"
    COPIL = "copil", "Comité de pilotage (COPIL)"
    WORKING_GROUP = "groupe", "Groupe de travail"


class Convention(models.Model):
    """A partnership convention: parties, object, fields of cooperation, duration, documents, commitments."""

    title = models.CharField("intitulé", max_length=200)
    object = models.TextField("objet", max_length=4000)
    parties = models.ManyToManyField("accounts.Organisation", verbose_name="parties", related_name="conventions")
    fields_of_cooperation = models.TextField(
        "champs de coopération", max_length=4000, blank=True, help_text="Un champ par ligne."
    )
    signed_on = models.DateField("signée le")
    end_on = models.DateField("fin le")
    renewal_notice_days = models.PositiveSmallIntegerField(
        "alerte de renouvellement (jours avant la fin)",
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    renewal_alert_sent_on = models.DateField("alerte envoyée le", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "convention"
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("signed_on")), name="steering_convention_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(renewal_notice_days__gte=1, renewal_notice_days__lte=730),
                name="steering_convention_notice_bounded",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def field_list(self) -> list[str]:
        return [line.strip() for line in self.fields_of_cooperation.splitlines() if line.strip()]


def convention_document_path(instance, filename: str) -> str:
    return f"steering/conventions/{instance.convention_id}/{filename}"


class ConventionDocument(models.Model):
    """A signed convention, an amendment… Served only through a view that checks permissions."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to=convention_document_path, max_length=300)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("déposé le", auto_now_add=True)

    class Meta:
        verbose_name = "document de convention"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class Commitment(models.Model):
    """What a party commits to under a convention, measured by an indicator a module provides."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="commitments")
    label = models.CharField("engagement", max_length=300)
    indicator_key = models.CharField("indicateur", max_length=80, blank=True)
    target = models.DecimalField(
        "cible",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )

    class Meta:
        verbose_name = "engagement"
        ordering = ["pk"]

    def __str__(self):
        return self.label


class Committee(models.Model):
    """A governing body (general assembly, board), a steering committee or a working group."""

    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=8, choices=CommitteeKind.choices)
    convention = models.ForeignKey(
        Convention,
        verbose_name="convention",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committees",
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        "réunions prévues par an", default=2, validators=[MaxValueValidator(52)]
    )

    class Meta:
        verbose_name = "instance"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class CommitteeMember(models.Model):
    """A seat on a committee: a person (professional), the organisation represented, a function."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("nom", max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="organisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    function = models.CharField("fonction", max_length=200, blank=True)

    class Meta:
        verbose_name = "membre d'une instance"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, verbose_name="instance", on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("date")
    place = models.CharField("lieu", max_length=200, blank=True)
    agenda = models.TextField("ordre du jour", max_length=4000)
    minutes = models.TextField("compte rendu", max_length=20000, blank=True)
    attendees = models.ManyToManyField(CommitteeMember, verbose_name="présents", blank=True, related_name="attended")

    class Meta:
        verbose_name = "réunion"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.committee} du {long_date(self.date)}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField("décision", max_length=500)

    class Meta:
        verbose_name = "décision"
        ordering = ["pk"]

    def __str__(self):
        return self.text


class FollowUpStatus(models.TextChoices):
    TODO = "a_faire", "À faire"
    IN_PROGRESS = "en_cours", "En cours"
    DONE = "fait", "Fait"


class FollowUpAction(models.Model):
    """What a decision asks someone to do, followed until done."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField("action de suivi", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="responsable", null=True, blank=True, on_delete=models.SET_NULL
    )
    due_on = models.DateField("échéance", null=True, blank=True)
    status = models.CharField("état", max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.TODO)
    done_on = models.DateField("faite le", null=True, blank=True)

    class Meta:
        verbose_name = "action de suivi"
        ordering = ["status", "due_on", "pk"]

    def __str__(self):
        return self.title
