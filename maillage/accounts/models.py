"""Users (e-mail login), organisations, memberships with roles and a territory scope, audit log."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration technique", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class OrganisationKind(models.TextChoices):
    MDE = "mde", "Maison de l'Emploi"
    PLIE = "plie", "PLIE"
    LOCAL_AUTHORITY = "collectivite", "EPCI / collectivité"
    BUYER = "acheteur", "Donneur d'ordre (acheteur)"
    COMPANY = "entreprise", "Entreprise"
    SIAE_EI = "siae_ei", "SIAE – Entreprise d'insertion (EI)"
    SIAE_ETTI = "siae_etti", "SIAE – Entreprise de travail temporaire d'insertion (ETTI)"
    SIAE_AI = "siae_ai", "SIAE – Association intermédiaire (AI)"
    SIAE_ACI = "siae_aci", "SIAE – Atelier et chantier d'insertion (ACI)"
    GEIQ = "geiq", "GEIQ"
    EA_ESAT = "ea_esat", "Entreprise adaptée / ESAT"
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    MISSION_LOCALE = "mission_locale", "Mission locale"
    CAP_EMPLOI = "cap_emploi", "Cap emploi"
    ASSOCIATION = "association", "Association"
    FUNDER = "financeur", "Financeur"


# Organisations that buy public works and services (their operations carry social clauses).
BUYER_KINDS = {OrganisationKind.BUYER, OrganisationKind.LOCAL_AUTHORITY}
SIAE_KINDS = {
    OrganisationKind.SIAE_EI,
    OrganisationKind.SIAE_ETTI,
    OrganisationKind.SIAE_AI,
    OrganisationKind.SIAE_ACI,
    OrganisationKind.GEIQ,
    OrganisationKind.EA_ESAT,
}
PRESCRIBER_KINDS = {
    OrganisationKind.FRANCE_TRAVAIL,
    OrganisationKind.MISSION_LOCALE,
    OrganisationKind.CAP_EMPLOI,
    OrganisationKind.PLIE,
}


class Organisation(models.Model):
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=OrganisationKind.choices)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune", null=True, blank=True, on_delete=models.SET_NULL
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    email = models.EmailField("e-mail de contact", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site web", blank=True)
    naf = models.CharField("code NAF", max_length=6, blank=True)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    FACILITATOR = "facilitateur", "Facilitateur des clauses sociales"
    CHARGE_MISSION = "charge_mission", "Chargé de mission"
    PARTNER = "partenaire", "Professionnel partenaire"
    COMPANY_MEMBER = "membre_entreprise", "Membre d'entreprise"
    VIEWER = "lecteur", "Lecteur"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    epcis = models.ManyToManyField(
        "territories.Epci",
        verbose_name="territoire d'intervention (EPCI)",
        blank=True,
        help_text="Vide : tout le périmètre de la Maison de l'Emploi.",
    )
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rattachement"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class AuditAction(models.TextChoices):
    CREATE = "create", "Création"
    UPDATE = "update", "Modification"
    VIEW = "view", "Consultation"
    EXPORT = "export", "Export"
    DELETE = "delete", "Suppression"
    ANONYMISE = "anonymise", "Anonymisation"


class AuditEvent(models.Model):
    """Who created, changed, viewed or exported personal data, and when.

    Holds references only (object type and id), never the personal data itself.
    """

    at = models.DateTimeField("date", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("action", max_length=12, choices=AuditAction.choices)
    object_type = models.CharField("type d'objet", max_length=80)
    object_id = models.CharField("identifiant", max_length=64, blank=True)
    detail = models.CharField("précision", max_length=200, blank=True)

    class Meta:
        verbose_name = "événement d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}#{self.object_id}"
