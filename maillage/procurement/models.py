"""Public contracts from the national open data (DECP): buyers, contracts, import runs, radar settings.

A contract is identified by its buyer's SIRET and the buyer's own contract id (``ref``). Territory
columns (commune, EPCI, département, région) are denormalised codes resolved at import time from the
place of execution, without database constraints, so that the bulk import stays fast and tolerant of
codes that the reference data does not know; they are indexed for the radar's aggregations.
"""

from django.conf import settings
from django.db import models

from maillage.common_text import sort_key

DEFAULT_LABOUR_INTENSIVE_DIVISIONS = "45 90 77 55 79 98 50 60"


class Buyer(models.Model):
    """A public buyer (acheteur), known by its SIRET; its name comes from the data when published."""

    siret = models.CharField("SIRET", max_length=14, primary_key=True)
    name = models.CharField("nom", max_length=255, blank=True)
    # ``common_text.sort_key`` of the name: the contracts list sorts by it (« Évreux » among the E), written
    # by ``save`` and by the DECP writer's raw upsert.
    name_key = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = "acheteur public"
        verbose_name_plural = "acheteurs publics"
        ordering = ["name", "siret"]
        indexes = [models.Index(fields=["name_key", "siret"], name="procurement_buyer_key_idx")]

    def __str__(self):
        return self.name or f"Acheteur {self.siret}"

    def save(self, *args, **kwargs):
        self.name_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.name or f"SIRET {self.siret}"


class Contract(models.Model):
    """One public contract (marché public) as published in the DECP, with its modifications applied."""

    class Format(models.TextChoices):
        V2019 = "2019", "Format 2019"
        V2022 = "2022", "Format 2022"

    buyer = models.ForeignKey(
        Buyer,
        verbose_name="acheteur",
        on_delete=models.PROTECT,
        db_column="buyer_siret",
        db_index=False,  # the unique (buyer, ref) constraint's index serves buyer lookups
        related_name="contracts",
    )
    ref = models.CharField("identifiant du marché", max_length=100)
    data_format = models.CharField("format", max_length=4, choices=Format.choices)
    source = models.CharField("source", max_length=100, blank=True)
    object = models.TextField("objet", blank=True)
    # ``common_text.sort_key`` of the object, for the contracts list (written by ``save`` and the DECP writer).
    object_key = models.CharField(max_length=100, blank=True, editable=False)
    cpv_code = models.CharField("code CPV", max_length=8, blank=True)
    cpv_division = models.CharField("division CPV", max_length=2, blank=True)
    nature = models.CharField("nature", max_length=60, blank=True)
    procedure = models.CharField("procédure", max_length=120, blank=True)
    place_type = models.CharField("type de code du lieu d'exécution", max_length=30, blank=True)
    place_code = models.CharField("code du lieu d'exécution", max_length=20, blank=True)
    place_name = models.CharField("nom du lieu d'exécution", max_length=200, blank=True)
    commune = models.ForeignKey(
        "territories.Commune",
        verbose_name="commune",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        db_column="commune_code",
        related_name="+",
    )
    epci = models.ForeignKey(
        "territories.Epci",
        verbose_name="EPCI",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="epci_code",
        related_name="+",
    )
    departement = models.ForeignKey(
        "territories.Departement",
        verbose_name="département",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="departement_code",
        db_index=False,  # first column of the radar index
        related_name="+",
    )
    region_code = models.CharField("code région", max_length=3, blank=True)
    amount = models.DecimalField("montant HT (€)", max_digits=15, decimal_places=2, null=True, blank=True)
    initial_amount = models.DecimalField(
        "montant initial HT (€)", max_digits=15, decimal_places=2, null=True, blank=True
    )
    notified_on = models.DateField("notifié le", null=True, blank=True)
    year = models.PositiveSmallIntegerField("année de notification", null=True, blank=True)
    published_on = models.DateField("données publiées le", null=True, blank=True)
    duration_months = models.PositiveIntegerField("durée (mois)", null=True, blank=True)
    holders = models.JSONField("titulaires", default=list, blank=True)
    holder_count = models.PositiveSmallIntegerField("nombre de titulaires", default=0)
    # Social considerations (2022 format); ``None`` means unknown (the 2019 format has no such field).
    social_clause = models.BooleanField("clause sociale", null=True)
    social_criterion = models.BooleanField("critère social", null=True)
    reserved = models.BooleanField("marché réservé", null=True)
    has_social = models.BooleanField("considération sociale", null=True)
    env_clause = models.BooleanField("clause environnementale", null=True)
    env_criterion = models.BooleanField("critère environnemental", null=True)
    has_env = models.BooleanField("considération environnementale", null=True)
    subcontracting_declared = models.BooleanField("sous-traitance déclarée", null=True)
    subcontracting_acts = models.PositiveSmallIntegerField("actes de sous-traitance", default=0)
    modifications_count = models.PositiveSmallIntegerField("modifications", default=0)
    last_modified_on = models.DateField("dernière modification", null=True, blank=True)
    checksum = models.CharField(max_length=16, editable=False)
    imported_at = models.DateTimeField("importé le")
    updated_at = models.DateTimeField("mis à jour le")
    followed_market_pk = models.PositiveBigIntegerField("marché suivi (clauses sociales)", null=True, blank=True)
    followed_at = models.DateTimeField("suivi depuis", null=True, blank=True)
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, db_index=False, related_name="+"
    )

    class Meta:
        verbose_name = "marché public (DECP)"
        verbose_name_plural = "marchés publics (DECP)"
        ordering = ["-notified_on", "id"]
        constraints = [models.UniqueConstraint(fields=["buyer", "ref"], name="procurement_unique_buyer_ref")]
        indexes = [
            # Covers every radar aggregation: a département is a range of it, and France-wide
            # figures scan this narrow index instead of the wide table.
            models.Index(
                fields=[
                    "departement",
                    "epci",
                    "cpv_division",
                    "year",
                    "has_social",
                    "social_clause",
                    "social_criterion",
                    "reserved",
                    "amount",
                    "buyer",
                ],
                name="procurement_radar_idx",
            ),
            # The sorts of the contracts list (``views.CONTRACT_COLUMNS``), ties broken by id. The dates and
            # amounts, sorted empty last, have their indexes in migration 0005 (per database: SQLite has
            # no ``NULLS LAST`` in an index).
            models.Index(fields=["object_key", "id"], name="procurement_object_key_idx"),
            models.Index(fields=["cpv_code", "id"], name="procurement_cpv_code_idx"),
        ]

    def __str__(self):
        return f"{self.ref} – {self.object[:80]}"

    def save(self, *args, **kwargs):
        self.object_key = sort_key(self.object)
        super().save(*args, **kwargs)

    @property
    def social_status(self) -> str:
        """A French label of the social considerations, for lists."""
        if self.has_social is None:
            return "Inconnu"
        if not self.has_social:
            return "Aucune"
        labels = []
        if self.social_clause:
            labels.append("Clause sociale")
        if self.social_criterion:
            labels.append("Critère social")
        if self.reserved:
            labels.append("Marché réservé")
        return ", ".join(labels)

    @property
    def source_reference(self) -> str:
        return f"DECP:{self.buyer_id}:{self.ref}"


class _Figures(models.Model):
    """Pre-aggregated figures of the radar, rebuilt after each import (``services.rebuild_radar_cells``)."""

    year = models.PositiveSmallIntegerField(null=True)
    contracts = models.PositiveIntegerField(default=0)
    amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    known = models.PositiveIntegerField(default=0)
    social = models.PositiveIntegerField(default=0)
    clause = models.PositiveIntegerField(default=0)
    criterion = models.PositiveIntegerField(default=0)
    reserved = models.PositiveIntegerField(default=0)
    social_amount = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        abstract = True


class RadarCell(_Figures):
    """Contracts aggregated by département × EPCI × CPV division × year: the radar's France-wide figures
    read a few hundred thousand cells instead of millions of contracts."""

    departement_code = models.CharField(max_length=3, null=True)
    epci_code = models.CharField(max_length=9, null=True)
    cpv_division = models.CharField(max_length=2)

    class Meta:
        verbose_name = "cellule du radar"
        indexes = [
            models.Index(fields=["departement_code", "epci_code"], name="procurement_cell_geo_idx"),
            models.Index(fields=["epci_code"], name="procurement_cell_epci_idx"),
        ]

    def __str__(self):
        return f"{self.departement_code}/{self.epci_code}/{self.cpv_division}/{self.year}: {self.contracts}"


class BuyerCell(_Figures):
    """Contracts aggregated by buyer × year, for the France-wide ranking of buyers."""

    buyer_siret = models.CharField(max_length=14)

    class Meta:
        verbose_name = "cellule acheteur du radar"
        indexes = [models.Index(fields=["buyer_siret"], name="procurement_buyercell_idx")]

    def __str__(self):
        return f"{self.buyer_siret}/{self.year}: {self.contracts}"


class DecpImport(models.Model):
    """One import of DECP files (command line or user interface), with its counts and error report."""

    class Status(models.TextChoices):
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échec"

    label = models.CharField("fichier(s)", max_length=255)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.RUNNING)
    upload = models.CharField("fichier déposé", max_length=255, blank=True)
    report = models.CharField("rapport d'erreurs", max_length=255, blank=True)
    counts = models.JSONField("effectifs", default=dict, blank=True)
    summary = models.JSONField("principales anomalies", default=list, blank=True)
    message = models.CharField(max_length=500, blank=True)
    task_run = models.ForeignKey("kernel.TaskRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField("commencé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "import DECP"
        verbose_name_plural = "imports DECP"
        ordering = ["-started_at"]

    def __str__(self):
        return f"Import {self.label} ({self.get_status_display()})"


class RadarSettings(models.Model):
    """Singleton: the territory's choices for the radar (which market types need many workers)."""

    labour_intensive_divisions = models.CharField(
        "divisions CPV à forte intensité de main-d'œuvre",
        max_length=200,
        default=DEFAULT_LABOUR_INTENSIVE_DIVISIONS,
        help_text="Codes de division CPV (2 chiffres) séparés par des espaces, par exemple « 45 90 77 55 ».",
    )
    prospect_min_contracts = models.PositiveSmallIntegerField(
        "nombre minimal de marchés pour un type récurrent", default=2
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "réglages du radar des marchés"
        verbose_name_plural = "réglages du radar des marchés"

    def __str__(self):
        return "Réglages du radar"

    @classmethod
    def current(cls) -> "RadarSettings":
        """The saved settings, or the defaults (unsaved: a read never writes; the settings page saves)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def division_list(self) -> list[str]:
        return [code.zfill(2) for code in self.labour_intensive_divisions.replace(",", " ").split() if code.isdigit()]
