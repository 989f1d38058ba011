"""Company relations: establishments, contacts, interactions, recruitment needs and plans, agreements."""

from django.conf import settings
from django.db import models

from .validators import clean_siret, normalise_naf, validate_naf, validate_siret


class SizeBand(models.TextChoices):
    """INSEE "tranches d'effectif salarié" of the SIRENE register."""

    NN = "NN", "Non employeur ou effectif inconnu"
    ZERO = "00", "0 salarié"
    B01 = "01", "1 ou 2 salariés"
    B02 = "02", "3 à 5 salariés"
    B03 = "03", "6 à 9 salariés"
    B11 = "11", "10 à 19 salariés"
    B12 = "12", "20 à 49 salariés"
    B21 = "21", "50 à 99 salariés"
    B22 = "22", "100 à 199 salariés"
    B31 = "31", "200 à 249 salariés"
    B32 = "32", "250 à 499 salariés"
    B41 = "41", "500 à 999 salariés"
    B42 = "42", "1 000 à 1 999 salariés"
    B51 = "51", "2 000 à 4 999 salariés"
    B52 = "52", "5 000 à 9 999 salariés"
    B53 = "53", "10 000 salariés et plus"


class Establishment(models.Model):
    """An establishment (SIRET) of a company: the unit the MDE's company relations work with."""

    siret = models.CharField(
        "SIRET",
        max_length=14,
        unique=True,
        validators=[validate_siret],
        help_text="14 chiffres, sans espaces ; la clé de contrôle est vérifiée.",
    )
    name = models.CharField("nom (enseigne ou raison sociale)", max_length=200)
    legal_name = models.CharField("raison sociale de l'entreprise", max_length=200, blank=True)
    naf = models.CharField(
        "code NAF",
        max_length=6,
        blank=True,
        db_index=True,
        validators=[validate_naf],
        help_text="Sous-classe NAF rév. 2, par exemple 21.20Z.",
    )
    size_band = models.CharField("tranche d'effectif", max_length=2, choices=SizeBand.choices, default=SizeBand.NN)
    commune = models.ForeignKey(
        "territories.Commune", verbose_name="commune", on_delete=models.PROTECT, related_name="establishments"
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="entreprise dans Maillage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="establishments",
        help_text="L'organisation dont les membres ont accès à cet établissement.",
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chargé de relation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField("en activité", default=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "établissement"
        ordering = ["name", "siret"]
        indexes = [models.Index(fields=["commune", "naf"])]

    def __str__(self):
        return f"{self.name} ({self.commune.name})" if self.commune_id else self.name

    def save(self, *args, **kwargs):
        self.siret = clean_siret(self.siret)
        self.naf = normalise_naf(self.naf)
        super().save(*args, **kwargs)

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def siret_display(self) -> str:
        s = self.siret
        return f"{s[:3]} {s[3:6]} {s[6:9]} {s[9:]}"
