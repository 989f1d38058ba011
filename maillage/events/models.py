"""Events, stands, registrations, interviews and outcomes (DOMAIN.md §6).

Field names are ours; ``docs/events.md`` gives the France Travail field each one maps to
(``titre``, ``dateEvenement``, ``heureDebut``, ``nombrePlaceTotalPresentiel``…). Capacity and slot
bookings are held by the database: counters with CHECK constraints updated by conditional UPDATEs,
and unique constraints on bookings (see ``services/registrations.py`` and ``services/interviews.py``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .choices import (
    ApplicationDecision,
    AttendanceMode,
    ContractType,
    EventKind,
    EventStatus,
    InvitationReason,
    Modality,
    NotRetainedReason,
    PartnerRole,
    RegistrationStatus,
    RespondentKind,
    Sector,
    Situation,
    SlotChannel,
)

MAX_CAPACITY = 100_000


def _codes_validator(allowed, label):
    allowed = set(allowed)

    def validate(value):
        if not isinstance(value, list) or len(value) > 20 or any(v not in allowed for v in value):
            raise ValidationError(f"{label} : valeur non reconnue.")

    return validate


def validate_rome_codes(value):
    if not isinstance(value, list) or len(value) > 30:
        raise ValidationError("30 codes ROME au plus.")
    for code in value:
        if not (isinstance(code, str) and len(code) == 5 and code[0].isalpha() and code[1:].isdigit()):
            raise ValidationError(f"Code ROME invalide : {str(code)[:10]} (une lettre et quatre chiffres).")


class Event(models.Model):
    title = models.CharField("titre", max_length=200)
    kind = models.CharField("type d'événement", max_length=20, choices=EventKind.choices)
    description = models.TextField("description", max_length=5000, blank=True)
    status = models.CharField("état", max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    start_date = models.DateField("date")
    end_date = models.DateField("date de fin", null=True, blank=True, help_text="Vide : le même jour.")
    start_time = models.TimeField("heure de début")
    end_time = models.TimeField("heure de fin")
    modality = models.CharField("modalité", max_length=5, choices=Modality.choices, default=Modality.ON_SITE)
    capacity_on_site = models.PositiveIntegerField(
        "places sur place", default=0, validators=[MaxValueValidator(MAX_CAPACITY)]
    )
    capacity_remote = models.PositiveIntegerField(
        "places à distance", default=0, validators=[MaxValueValidator(MAX_CAPACITY)]
    )
    registered_on_site = models.PositiveIntegerField("inscrits sur place", default=0, editable=False)
    registered_remote = models.PositiveIntegerField("inscrits à distance", default=0, editable=False)
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    rome_codes = models.JSONField("codes ROME", default=list, blank=True, validators=[validate_rome_codes])
    sector = models.CharField("secteur d'activité", max_length=1, choices=Sector.choices, blank=True)
    multisectoral = models.BooleanField("multisectoriel", default=False)
    publics = models.JSONField("publics", default=list, blank=True)
    objectives = models.JSONField("objectifs", default=list, blank=True)
    applications_open = models.DateField("candidatures à partir du", null=True, blank=True)
    applications_close = models.DateField("candidatures jusqu'au", null=True, blank=True)
    organiser = models.ForeignKey(
        "accounts.Organisation", verbose_name="organisateur", on_delete=models.PROTECT, related_name="+"
    )
    join_url = models.URLField("lien pour participer à distance", max_length=500, blank=True)
    replay_url = models.URLField("lien du replay", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "événement"
        ordering = ["start_date", "start_time", "id"]
        indexes = [models.Index(fields=["status", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(registered_on_site__lte=F("capacity_on_site")), name="events_on_site_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(registered_remote__lte=F("capacity_remote")), name="events_remote_within_capacity"
            ),
            models.CheckConstraint(
                condition=Q(capacity_on_site__lte=MAX_CAPACITY) & Q(capacity_remote__lte=MAX_CAPACITY),
                name="events_capacity_bounded",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="events_end_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from .choices import Objective, Public

        errors = {}
        for field, allowed, label in (
            ("publics", Public.values, "Publics"),
            ("objectives", Objective.values, "Objectifs"),
        ):
            try:
                _codes_validator(allowed, label)(getattr(self, field))
            except ValidationError as exc:
                errors[field] = exc.messages
        if self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "La date de fin précède la date de début."
        if self.start_time and self.end_time and not self.end_date and self.end_time <= self.start_time:
            errors["end_time"] = "L'heure de fin doit suivre l'heure de début."
        if self.applications_open and self.applications_close and self.applications_close < self.applications_open:
            errors["applications_close"] = "La fin des candidatures précède leur ouverture."
        if self.modality in (Modality.ON_SITE, Modality.BOTH) and not self.capacity_on_site:
            errors["capacity_on_site"] = "Indiquez le nombre de places sur place."
        if self.modality in (Modality.REMOTE, Modality.BOTH) and not self.capacity_remote:
            errors["capacity_remote"] = "Indiquez le nombre de places à distance."
        if self.modality == Modality.ON_SITE:
            self.capacity_remote = 0
        if self.modality == Modality.REMOTE:
            self.capacity_on_site = 0
        if self.capacity_on_site < self.registered_on_site or self.capacity_remote < self.registered_remote:
            errors["capacity_on_site"] = "La capacité ne peut pas descendre sous le nombre d'inscrits."
        if errors:
            raise ValidationError(errors)

    @property
    def last_date(self):
        return self.end_date or self.start_date

    @property
    def starts_at(self):
        return timezone.make_aware(timezone.datetime.combine(self.start_date, self.start_time))

    @property
    def ends_at(self):
        return timezone.make_aware(timezone.datetime.combine(self.last_date, self.end_time))

    @property
    def registrations_count(self) -> int:
        return self.registered_on_site + self.registered_remote

    @property
    def capacity(self) -> int:
        return self.capacity_on_site + self.capacity_remote

    @property
    def places_left_on_site(self) -> int:
        return max(0, self.capacity_on_site - self.registered_on_site)

    @property
    def places_left_remote(self) -> int:
        return max(0, self.capacity_remote - self.registered_remote)

    @property
    def is_public(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    @property
    def has_stands(self) -> bool:
        from .choices import KINDS_WITH_STANDS

        return self.kind in KINDS_WITH_STANDS

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def modes(self) -> list[str]:
        if self.modality == Modality.BOTH:
            return [AttendanceMode.ON_SITE, AttendanceMode.REMOTE]
        return [AttendanceMode.ON_SITE if self.modality == Modality.ON_SITE else AttendanceMode.REMOTE]

    def applications_are_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        if self.status != EventStatus.PUBLISHED or today > self.last_date:
            return False
        if self.applications_open and today < self.applications_open:
            return False
        return not (self.applications_close and today > self.applications_close)


class EventPartner(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("rôle", max_length=20, choices=PartnerRole.choices)
    note = models.CharField("précisions", max_length=200, blank=True)

    class Meta:
        verbose_name = "partenaire de l'événement"
        constraints = [models.UniqueConstraint(fields=["event", "organisation", "role"], name="events_partner_once")]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class ChecklistItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checklist")
    label = models.CharField("tâche", max_length=200)
    due_date = models.DateField("échéance", null=True, blank=True)
    done_at = models.DateTimeField("faite le", null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "tâche de préparation"
        ordering = ["position", "id"]

    def __str__(self):
        return self.label


class Stand(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stands")
    establishment = models.ForeignKey(
        "companies.Establishment", verbose_name="entreprise exposante", on_delete=models.PROTECT, related_name="+"
    )
    presentation = models.TextField("présentation", max_length=3000, blank=True)
    recruiters = models.CharField(
        "recruteurs présents",
        max_length=300,
        blank=True,
        help_text="Noms et fonctions, par exemple : Julie Morel (RH).",
    )
    recruiter_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="comptes des recruteurs", blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "stand"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "establishment"], name="events_one_stand_per_company")]

    def __str__(self):
        return f"{self.establishment.name} – {self.event.title}"


class StandOffer(models.Model):
    """An offer shown on a stand: an offer of the jobs module (taken or created for the event)."""

    stand = models.ForeignKey(Stand, on_delete=models.CASCADE, related_name="offers")
    offer = models.ForeignKey("jobs.Offer", verbose_name="offre", on_delete=models.PROTECT, related_name="+")
    created_for_event = models.BooleanField("créée pour l'événement", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "offre du stand"
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["stand", "offer"], name="events_offer_once_per_stand")]

    def __str__(self):
        return self.offer.title


class PreselectionQuestion(models.Model):
    """A yes/no question on an offer; an eliminatory one needs the expected answer."""

    stand_offer = models.ForeignKey(StandOffer, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField("question", max_length=300)
    expected_answer = models.BooleanField("réponse attendue (oui)", default=True)
    is_eliminatory = models.BooleanField("éliminatoire", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "question de présélection"
        ordering = ["position", "id"]

    def __str__(self):
        return self.text


class Registrant(models.Model):
    """The events module's part of a person: consent and the little the events need."""

    person = models.OneToOneField(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="event_registrant"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField("consentement recueilli le")
    invitations_consent = models.BooleanField("accepte d'être invité à d'autres événements", default=False)
    public = models.CharField("situation", max_length=20, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="inscrit par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up = models.BooleanField(
        "dans un parcours d'accompagnement",
        default=False,
        help_text="Conservé au-delà de 12 mois tant que la personne est accompagnée.",
    )
    unsubscribed_at = models.DateTimeField("désinscrit des messages le", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "inscrit"

    def __str__(self):
        if self.person_id is None:
            return f"Inscrit anonymisé n° {self.pk}"
        return str(self.person)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="registrations")
    mode = models.CharField("participation", max_length=5, choices=AttendanceMode.choices)
    status = models.CharField(max_length=8, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED)
    epci_code = models.CharField("EPCI de résidence", max_length=9, blank=True)
    public = models.CharField("situation", max_length=20, blank=True)
    walk_in = models.BooleanField("venu sans inscription", default=False)
    checked_in_at = models.DateTimeField("présent, pointé le", null=True, blank=True)
    reminder_2d_at = models.DateTimeField(null=True, blank=True)
    reminder_2h_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField("inscrit le", auto_now_add=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "registrant"], name="events_register_once")]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.registrant} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED


class Invitation(models.Model):
    """A candidate of the jobs module invited because their métiers match the event's offers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    candidate = models.ForeignKey("jobs.Candidate", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField("motif", max_length=10, choices=InvitationReason.choices)
    matched_rome = models.CharField("métier de l'événement", max_length=5)
    score = models.FloatField("proximité", default=1.0)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "invitation"
        constraints = [models.UniqueConstraint(fields=["event", "candidate"], name="events_invite_once")]

    def __str__(self):
        return f"{self.candidate_id} – {self.event_id}"


class StandApplication(models.Model):
    stand_offer = models.ForeignKey(StandOffer, on_delete=models.CASCADE, related_name="applications")
    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="applications")
    answers = models.JSONField("réponses", default=dict, blank=True)
    passes_questions = models.BooleanField("répond aux conditions éliminatoires", default=True)
    message = models.CharField("message", max_length=1000, blank=True)
    decision = models.CharField(
        "décision", max_length=10, choices=ApplicationDecision.choices, default=ApplicationDecision.PENDING
    )
    reason = models.CharField("motif", max_length=14, choices=NotRetainedReason.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("candidature du", auto_now_add=True)

    class Meta:
        verbose_name = "candidature sur un stand"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stand_offer", "registrant"], name="events_apply_once"),
            models.CheckConstraint(
                condition=~Q(decision=ApplicationDecision.NOT_RETAINED) | ~Q(reason=""),
                name="events_not_retained_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.registrant} – {self.stand_offer}"


class InterviewSlot(models.Model):
    """A slot offered by a recruiter. One booking per slot (a single column, set by a conditional
    UPDATE) and one slot per person and stand (a partial unique constraint)."""

    stand = models.ForeignKey(Stand, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField("début")
    duration_minutes = models.PositiveSmallIntegerField(
        "durée (minutes)", default=20, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    channel = models.CharField("modalité", max_length=10, choices=SlotChannel.choices)
    video_url = models.URLField("lien de visioconférence", max_length=500, blank=True)
    location = models.CharField("lieu ou numéro", max_length=200, blank=True)
    recruiter = models.CharField("recruteur", max_length=120, blank=True)
    booked_by = models.ForeignKey(
        Registrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="interview_slots"
    )
    booked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "créneau d'entretien"
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stand", "booked_by"], condition=Q(booked_by__isnull=False), name="events_one_slot_per_stand"
            ),
            models.UniqueConstraint(fields=["stand", "starts_at", "recruiter"], name="events_slot_once"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=240), name="events_slot_duration"
            ),
        ]

    def __str__(self):
        return f"{self.stand_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


class Outcome(models.Model):
    """What came of an application: interview, hire, and the situation one and three months later."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="outcomes")
    stand_offer = models.ForeignKey(StandOffer, on_delete=models.CASCADE, related_name="outcomes")
    interviewed = models.BooleanField("entretien passé", default=False)
    hired = models.BooleanField("recruté", default=False)
    contract_type = models.CharField("type de contrat", max_length=3, choices=ContractType.choices, blank=True)
    hired_on = models.DateField("date d'embauche", null=True, blank=True)
    situation_1m = models.CharField("situation à 1 mois", max_length=14, choices=Situation.choices, blank=True)
    situation_3m = models.CharField("situation à 3 mois", max_length=14, choices=Situation.choices, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by_company = models.BooleanField("saisi par l'entreprise", default=False)
    reminder_1m_at = models.DateTimeField(null=True, blank=True)
    reminder_3m_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "suite donnée"
        constraints = [
            models.UniqueConstraint(fields=["registrant", "stand_offer"], name="events_one_outcome"),
            models.CheckConstraint(condition=Q(hired=False) | ~Q(contract_type=""), name="events_hire_has_contract"),
        ]

    def __str__(self):
        return f"{self.registrant} – {self.stand_offer}"


class SatisfactionResponse(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="satisfaction")
    respondent = models.CharField(max_length=10, choices=RespondentKind.choices)
    registration = models.OneToOneField(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="satisfaction"
    )
    stand = models.OneToOneField(Stand, null=True, blank=True, on_delete=models.SET_NULL, related_name="satisfaction")
    score = models.PositiveSmallIntegerField(
        "satisfaction (1 à 5)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.BooleanField("l'événement a été utile", default=True)
    comment = models.CharField("commentaire", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réponse au questionnaire de satisfaction"
        constraints = [models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="events_score_1_5")]

    def __str__(self):
        return f"{self.get_respondent_display()} {self.score}/5"
