"""Structures and services in the data·inclusion schema v1, eligibility rules, referrals.

Field names are English; each maps to one field of the national schema (see ``exports.py``).
Lists of enum values (thématiques, publics…) are JSON lists; thématiques and publics are also kept as
a ``|a|b|`` key so that both SQLite and PostgreSQL filter them with an indexed-friendly ``LIKE``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from maillage.people.parts import PersonPart

from . import schema

SIRET = RegexValidator(r"^\d{14}$", "Le SIRET compte 14 chiffres.")
POSTCODE = RegexValidator(r"^\d{5}$", "Le code postal compte 5 chiffres.")


def list_key(values) -> str:
    return "|" + "|".join(sorted(set(values or []))) + "|" if values else ""


class Place(models.Model):
    """Address fields shared by structures and services."""

    commune = models.ForeignKey(
        "territories.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    commune_name = models.CharField("nom de la commune", max_length=100, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True, validators=[POSTCODE])
    address = models.CharField("adresse", max_length=255, blank=True)
    address_extra = models.CharField("complément d'adresse", max_length=255, blank=True)
    latitude = models.FloatField(
        "latitude", null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        "longitude", null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    opening_hours = models.CharField(
        "horaires d'accueil (format OpenStreetMap)",
        max_length=255,
        blank=True,
        help_text="Par exemple « Mo-Fr 09:00-12:00,14:00-17:00; PH off ».",
    )

    class Meta:
        abstract = True


class Structure(Place):
    di_id = models.CharField("identifiant data·inclusion", max_length=500, unique=True)
    source = models.CharField("source", max_length=60, default="maillage")
    name = models.CharField("nom", max_length=150, validators=[MinLengthValidator(3)])
    description = models.TextField("description", max_length=10000, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True, validators=[SIRET])
    website = models.URLField("site web", blank=True)
    source_url = models.URLField("lien source", max_length=500, blank=True)
    accessibility_url = models.URLField("accessibilité du lieu", max_length=500, blank=True)
    networks = models.JSONField("réseaux porteurs", default=list, blank=True)
    typology = models.CharField("typologie (source)", max_length=60, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="organisation Maillage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_structures",
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="StructureEditor", related_name="edited_structures", blank=True
    )
    is_placeholder = models.BooleanField(
        "fiche à compléter", default=False, help_text="Créée à l'import pour un service dont la structure manquait."
    )
    updated_on = models.DateField("date de mise à jour (data·inclusion)")
    last_checked_at = models.DateTimeField("dernière vérification", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("dernier rappel de vérification", null=True, blank=True)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]
        indexes = [models.Index(fields=["last_checked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90), name="structure_lat_range"
            ),
        ]

    def __str__(self):
        return self.name


class StructureEditor(models.Model):
    """The editor role per structure: who keeps this listing up to date."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="editor_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="structure_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "éditeur de structure"
        constraints = [models.UniqueConstraint(fields=["structure", "user"], name="unique_structure_editor")]

    def __str__(self):
        return f"{self.user} – {self.structure}"


class Service(Place):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    di_id = models.CharField("identifiant data·inclusion", max_length=500, unique=True)
    source = models.CharField("source", max_length=60, default="maillage")
    name = models.CharField("nom", max_length=150, validators=[MinLengthValidator(3)])
    description = models.TextField("description", max_length=10000, validators=[MinLengthValidator(5)])
    source_url = models.URLField("lien source", max_length=500, blank=True)
    updated_on = models.DateField("date de mise à jour (data·inclusion)")
    type = models.CharField("type de service", max_length=30, choices=schema.TYPES, blank=True)
    thematiques = models.JSONField("thématiques", default=list, blank=True)
    thematiques_key = models.CharField(max_length=2000, blank=True, editable=False)
    fees = models.CharField("frais", max_length=20, choices=schema.FEES, blank=True)
    fees_details = models.CharField("précisions sur les frais", max_length=500, blank=True)
    publics = models.JSONField("publics", default=list, blank=True)
    publics_key = models.CharField(max_length=600, blank=True, editable=False)
    publics_details = models.CharField("précisions sur les publics", max_length=1000, blank=True)
    access_conditions = models.CharField("conditions d'accès", max_length=1000, blank=True)
    reception_modes = models.JSONField("modes d'accueil", default=list, blank=True)
    eligibility_zone = models.JSONField(
        "zone d'éligibilité (codes COG)",
        default=list,
        blank=True,
        help_text="Communes, EPCI, départements ou « france ».",
    )
    contact_name = models.CharField("contact", max_length=150, blank=True)
    mobilisation_url = models.URLField("lien de mobilisation", max_length=500, blank=True)
    mobilisation_modes = models.JSONField("modes de mobilisation", default=list, blank=True)
    mobilisable_by = models.JSONField("mobilisable par", default=list, blank=True)
    mobilisation_details = models.CharField("précisions sur la mobilisation", max_length=1000, blank=True)
    weekly_hours = models.DecimalField(
        "volume horaire hebdomadaire",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    weeks = models.PositiveSmallIntegerField(
        "nombre de semaines", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(260)]
    )
    search_text = models.TextField(editable=False, blank=True)
    location_flag = models.CharField("alerte de localisation", max_length=255, blank=True)
    import_notes = models.TextField("remarques d'import", max_length=4000, blank=True)
    last_checked_at = models.DateTimeField("dernière vérification", null=True, blank=True)
    is_active = models.BooleanField("actif", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "service"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="service_latlon"),
            models.Index(fields=["commune"], name="service_commune"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_hours__isnull=True) | Q(weekly_hours__gte=0, weekly_hours__lte=80),
                name="service_weekly_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(weeks__isnull=True) | Q(weeks__gte=1, weeks__lte=260), name="service_weeks_range"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90), name="service_lat_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="service_lon_range",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)
        sync_themes([self])

    def refresh_keys(self) -> None:
        from maillage.common_text import fold

        self.thematiques_key = list_key(self.thematiques)
        self.publics_key = list_key(self.publics)
        labels = " ".join(schema.label("thematiques", t) for t in self.thematiques or [])
        self.search_text = fold(f"{self.name} {self.description[:2000]} {labels} {self.commune_name}")[:4000]

    @property
    def thematique_labels(self) -> list[str]:
        return [schema.label("thematiques", t) for t in self.thematiques or []]

    @property
    def public_labels(self) -> list[str]:
        return [schema.label("publics", p) for p in self.publics or []]


class ServiceTheme(models.Model):
    """Search index of a service: one row per thématique and per category, with the service's place, so
    « thématique + around a commune » is one range scan on (value, latitude, longitude) that never reads
    the services outside the box (bench/directory.py). Kept in step by ``sync_themes``."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="theme_rows")
    value = models.CharField(max_length=120)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        verbose_name = "index thématique d'un service"
        indexes = [models.Index(fields=["value", "latitude", "longitude", "service"], name="service_theme_place")]

    def __str__(self):
        return f"{self.value} ({self.service_id})"


def sync_themes(services) -> None:
    """Rebuilds the search rows of these (saved) services."""
    services = [s for s in services if s.pk]
    if not services:
        return
    ServiceTheme.objects.filter(service__in=[s.pk for s in services]).delete()
    rows = []
    for service in services:
        values = set(service.thematiques or [])
        values |= {schema.category_of(t) for t in values}
        if service.is_active:
            rows += [
                ServiceTheme(
                    service_id=service.pk, value=v[:120], latitude=service.latitude, longitude=service.longitude
                )
                for v in sorted(values)
            ]
    ServiceTheme.objects.bulk_create(rows, batch_size=2000)


class RuleKind(models.TextChoices):
    AGE_MIN = "age_min", "Âge minimum"
    AGE_MAX = "age_max", "Âge maximum"
    JOB_SEEKER = "job_seeker", "Être demandeur d'emploi"
    RSA = "rsa", "Être bénéficiaire du RSA"
    QPV = "qpv", "Résider dans un quartier prioritaire (QPV)"
    COMMUNES = "communes", "Résider dans une de ces communes ou EPCI"
    LANGUAGE_MAX = "language_max", "Niveau de français (CECRL) au plus"
    LANGUAGE_MIN = "language_min", "Niveau de français (CECRL) au moins"
    DIPLOMA_MAX = "diploma_max", "Niveau de diplôme au plus"
    DRIVING_LICENCE = "licence", "Avoir le permis B"
    NO_DRIVING_LICENCE = "no_licence", "Ne pas avoir le permis B"
    DISABILITY = "disability", "Reconnaissance du handicap (RQTH)"


CECRL_LEVELS = [("", "Non renseigné"), ("0", "Aucun / débutant"), ("A1", "A1"), ("A2", "A2"), ("B1", "B1"),
                ("B2", "B2"), ("C1", "C1"), ("C2", "C2 / langue maternelle")]  # fmt: skip
DIPLOMA_LEVELS = [
    ("", "Non renseigné"),
    ("2", "Sans diplôme"),
    ("3", "CAP, BEP (niveau 3)"),
    ("4", "Baccalauréat (niveau 4)"),
    ("5", "Bac + 2 (niveau 5)"),
    ("6", "Licence, bac + 3 (niveau 6)"),
    ("7", "Master, bac + 5 (niveau 7)"),
    ("8", "Doctorat (niveau 8)"),
]


class EligibilityRule(models.Model):
    """One condition to enter a service, as data the MDE edits without code (DOMAIN.md §7)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField("condition", max_length=20, choices=RuleKind.choices)
    number = models.PositiveSmallIntegerField(
        "âge", null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(120)]
    )
    level = models.CharField("niveau", max_length=2, blank=True, help_text="Niveau CECRL (A1…C2) ou de diplôme (2…8).")
    codes = models.CharField(
        "codes COG",
        max_length=500,
        blank=True,
        help_text="Codes INSEE de communes ou SIREN d'EPCI, séparés par des espaces.",
    )
    note = models.CharField("précision", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "condition d'éligibilité"
        verbose_name_plural = "conditions d'éligibilité"
        ordering = ["service", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__lte=120), name="eligibility_rule_number_range"
            )
        ]

    def __str__(self):
        from .eligibility import describe

        return describe(self)


class ReferralStatus(models.TextChoices):
    SENT = "sent", "Envoyée"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
    EXPIRED = "expired", "Sans réponse (expirée)"


class RefusalReason(models.TextChoices):
    FULL = "full", "Plus de place disponible"
    NOT_ELIGIBLE = "not_eligible", "La personne ne remplit pas les conditions"
    UNREACHABLE = "unreachable", "Personne injoignable"
    DECLINED = "declined", "La personne a renoncé"
    OTHER = "other", "Autre motif"


class ReferredPerson(PersonPart, models.Model):
    """The directory's part of a person: what a referral needs, under its purpose and the person's consent
    (the identity is held once, on ``people.Person``)."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="directory_part")
    consent_at = models.DateTimeField("consentement recueilli le")
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="recueilli par"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "personne orientée"
        verbose_name_plural = "personnes orientées"

    def __str__(self):
        return f"Personne orientée n° {self.pk}"


class Referral(models.Model):
    referred = models.ForeignKey(ReferredPerson, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="sent_referrals"
    )
    sender_organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.SET_NULL, related_name="sent_referrals"
    )
    message = models.TextField("message à la structure", max_length=2000, blank=True)
    status = models.CharField("statut", max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    refusal_reason = models.CharField("motif du refus", max_length=20, choices=RefusalReason.choices, blank=True)
    answer_note = models.CharField("précision de la réponse", max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField("envoyée le")
    reminded_at = models.DateTimeField("relancée le", null=True, blank=True)
    closed_at = models.DateTimeField("clôturée le", null=True, blank=True)
    # Territory and thématique copied at sending time, so counts survive the service's edits.
    epci_code = models.CharField(max_length=9, blank=True)
    category = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = "orientation"
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["status", "sent_at"]), models.Index(fields=["closed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="referral_refusal_has_reason"
            )
        ]

    def __str__(self):
        return f"Orientation n° {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ReferralStatus.SENT


def attachment_path(instance, filename: str) -> str:
    return f"private/directory/referrals/{instance.referral_id}/{filename}"


class ReferralAttachment(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("fichier", upload_to=attachment_path, max_length=255)
    name = models.CharField("nom", max_length=150)
    size = models.PositiveIntegerField("taille (octets)", validators=[MaxValueValidator(5 * 1024 * 1024)])
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pièce jointe"

    def __str__(self):
        return self.name


class ImportRun(models.Model):
    """One import of a directory file: counts and the per-line report (never personal data)."""

    kind = models.CharField("format", max_length=30)
    filename = models.CharField("fichier", max_length=200)
    dry_run = models.BooleanField("essai à blanc", default=True)
    mapping = models.JSONField("correspondance des colonnes", default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    report = models.JSONField("rapport", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "import de l'annuaire"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import {self.filename}"
