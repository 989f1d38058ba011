"""The observatory's data: the indicator store (one row per figure), zonings, the FAP 2021 → ROME
table, the shared diagnostic (comments, versioned documents) and GPECT projects (DOMAIN.md §5)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Level(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "EPCI"
    BASSIN = "bassin", "Bassin BMO"
    BASSIN_2019 = "bassin19", "Bassin BMO 2019"
    ZONE_EMPLOI = "ze", "Zone d'emploi"
    CLPE = "clpe", "Comité local pour l'emploi"
    DEPARTEMENT = "dep", "Département"
    REGION = "reg", "Région"
    FRANCE = "fr", "France"
    PERIMETER = "perimetre", "Périmètre de la MDE"


class DimensionKind(models.TextChoices):
    TOTAL = "", "Ensemble"
    ROME = "rome", "Métier ROME"
    FAP = "fap", "Famille professionnelle (FAP)"
    NAF = "naf", "Secteur (NAF)"
    PUBLIC = "public", "Public"
    SEX = "sexe", "Sexe"
    AGE = "age", "Âge"
    CATEGORY = "categorie", "Catégorie"


class Dataset(models.Model):
    """One source table as loaded (a bundled file or an analyst's upload): source, vintage, licence."""

    key = models.SlugField("clé", max_length=60, unique=True)
    label = models.CharField("intitulé", max_length=200)
    source = models.CharField("producteur / source", max_length=300)
    vintage = models.CharField("millésime", max_length=40)
    licence = models.CharField("licence", max_length=120, blank=True)
    url = models.URLField("adresse", max_length=300, blank=True)
    method = models.TextField("méthode et précautions", max_length=2000, blank=True)
    file_name = models.CharField("fichier", max_length=200, blank=True)
    fingerprint = models.CharField("empreinte", max_length=64, blank=True)
    row_count = models.PositiveIntegerField("lignes", default=0)
    is_bundled = models.BooleanField("embarqué", default=True)
    loaded_at = models.DateTimeField("chargé le", auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "jeu de données"
        ordering = ["label"]

    def __str__(self):
        return f"{self.label} ({self.vintage})"


class Figure(models.Model):
    """One figure: territory (level + code), period, indicator, dimension, value, unit, source.

    ``value`` is null when the producer withheld it (``is_secret``); ``is_lower_bound`` marks a
    roll-up that left out withheld cells. The source and vintage are the dataset's.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="figures")
    level = models.CharField("niveau", max_length=10, choices=Level.choices)
    code = models.CharField("code du territoire", max_length=12)
    period = models.CharField("période", max_length=7, help_text="AAAA ou AAAA-MM")
    indicator = models.CharField("indicateur", max_length=40)
    dim_kind = models.CharField("dimension", max_length=10, choices=DimensionKind.choices, blank=True, default="")
    dim_code = models.CharField("modalité", max_length=12, blank=True, default="")
    value = models.FloatField("valeur", null=True, blank=True)
    unit = models.CharField("unité", max_length=20)
    is_secret = models.BooleanField("secret statistique (source)", default=False)
    is_lower_bound = models.BooleanField("minorant (cellules secrètes exclues)", default=False)

    class Meta:
        verbose_name = "chiffre"
        constraints = [
            # One index serves both idempotence and every read: an indicator for territories (level,
            # codes), optionally one dimension value, over periods. A second index would halve the
            # import rate for no query that needs it (bench/observatory.py).
            models.UniqueConstraint(
                fields=["indicator", "level", "code", "dim_kind", "dim_code", "period", "dataset"],
                name="observatory_figure_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=-1e12, value__lte=1e12),
                name="observatory_figure_value_bounded",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.level}:{self.code} {self.period} = {self.value}"


class Zone(models.Model):
    """A zoning that is not in the territories base: bassin BMO, zone d'emploi, CLPE."""

    level = models.CharField("niveau", max_length=10, choices=Level.choices)
    code = models.CharField("code", max_length=12)
    name = models.CharField("nom", max_length=120)

    class Meta:
        verbose_name = "zone"
        ordering = ["level", "name"]
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="observatory_zone_unique")]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"


class ZoneCommune(models.Model):
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="memberships")
    commune_code = models.CharField("commune", max_length=5, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["zone", "commune_code"], name="observatory_zone_commune")]

    def __str__(self):
        return f"{self.zone_id} ∋ {self.commune_code}"


class FapRomeMatch(models.Model):
    """A derived FAP 2021 → ROME 4.0 pair (no official table exists): how and how sure."""

    class Method(models.TextChoices):
        STRUCTURE = "structure", "Structure du code (FAP 2009 homologue) et libellé"
        LABEL = "libelle", "Similarité des libellés seulement"

    fap_code = models.CharField("FAP 2021", max_length=6, db_index=True)
    fap_label = models.CharField("intitulé FAP 2021", max_length=200)
    fap2009_code = models.CharField("FAP 2009 intermédiaire", max_length=5, blank=True)
    rome_code = models.CharField("ROME 4.0", max_length=5, db_index=True)
    rome_label = models.CharField("intitulé ROME", max_length=255)
    confidence = models.FloatField("confiance", validators=[MinValueValidator(0), MaxValueValidator(1)])
    method = models.CharField("méthode", max_length=10, choices=Method.choices)

    class Meta:
        verbose_name = "correspondance FAP 2021 → ROME"
        ordering = ["fap_code", "-confidence"]
        constraints = [
            models.UniqueConstraint(fields=["fap_code", "rome_code"], name="observatory_fap_rome_unique"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=1), name="observatory_fap_rome_confidence"
            ),
        ]

    def __str__(self):
        return f"{self.fap_code} → {self.rome_code} ({self.confidence:.2f})"


class Comment(models.Model):
    """A partner's comment on a figure of a diagnostic page (shared diagnostic)."""

    page = models.CharField("page", max_length=60, help_text="perimetre, epci:200066462, metier:fap:A0X40…")
    topic = models.CharField("chiffre commenté", max_length=60)
    text = models.TextField("commentaire", max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "commentaire"
        ordering = ["created_at"]
        indexes = [models.Index(fields=["page", "topic"])]

    def __str__(self):
        return f"{self.page} / {self.topic}"


class DiagnosticDocument(models.Model):
    """The shared territorial diagnostic: a document with versions, validated in a steering committee."""

    title = models.CharField("titre", max_length=200)
    scope = models.CharField("territoire", max_length=40, default="perimetre", help_text="perimetre ou epci:<code>")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "diagnostic partagé"
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def latest(self):
        return self.versions.order_by("-number").first()

    @property
    def published(self):
        return self.versions.filter(status=DiagnosticVersion.Status.VALIDATED).order_by("-number").first()


class DiagnosticVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "brouillon", "Brouillon"
        VALIDATED = "valide", "Validé en comité de pilotage"

    document = models.ForeignKey(DiagnosticDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("version", validators=[MinValueValidator(1), MaxValueValidator(999)])
    sections = models.JSONField("sections", default=list, help_text="[{title, text, figure}]")
    snapshot = models.JSONField("chiffres figés", default=dict)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.DRAFT)
    committee_date = models.DateField("comité de pilotage du", null=True, blank=True)
    is_public = models.BooleanField("publié pour les élus", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "version du diagnostic"
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="observatory_version_unique")]

    def __str__(self):
        return f"{self.document_id} v{self.number}"


class CompanyProject(models.Model):
    """A GPECT project: a company arriving or growing, or a site closing (PSE, revitalisation)."""

    class Kind(models.TextChoices):
        ARRIVAL = "implantation", "Implantation"
        GROWTH = "developpement", "Développement"
        CLOSURE = "fermeture", "Fermeture de site (PSE / revitalisation)"

    class Status(models.TextChoices):
        OPEN = "ouvert", "En cours"
        DONE = "clos", "Clos"

    name = models.CharField("projet", max_length=200)
    kind = models.CharField("nature", max_length=14, choices=Kind.choices)
    company_name = models.CharField("entreprise", max_length=200)
    establishment = models.ForeignKey(
        "companies.Establishment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commune = models.ForeignKey("territories.Commune", on_delete=models.PROTECT, related_name="+")
    radius_km = models.PositiveSmallIntegerField(
        "rayon de recherche (km)", default=30, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    status = models.CharField("état", max_length=6, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField("précisions", max_length=4000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "projet d'entreprise (GPECT)"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(radius_km__gte=1, radius_km__lte=200), name="gpect_radius")
        ]

    def __str__(self):
        return self.name


class ProjectNeed(models.Model):
    """A need (or, for a closing site, a job held by its employees) by ROME fiche."""

    project = models.ForeignKey(CompanyProject, on_delete=models.CASCADE, related_name="needs")
    fiche = models.ForeignKey("referentials.RomeFiche", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField("effectif", validators=[MinValueValidator(1), MaxValueValidator(5000)])
    wanted_by = models.DateField("échéance", null=True, blank=True)

    class Meta:
        verbose_name = "besoin par métier"
        ordering = ["fiche_id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1, quantity__lte=5000), name="gpect_need_qty")
        ]

    def __str__(self):
        return f"{self.fiche_id} × {self.quantity}"


class ProjectAction(models.Model):
    """A proposed action (training session, job fair, clauses…) tracked to its outcome."""

    class Kind(models.TextChoices):
        TRAINING = "formation", "Session de formation"
        JOB_FAIR = "job_dating", "Job dating / forum"
        CLAUSES = "clauses", "Clauses sociales"
        POEC = "poec", "Préparation opérationnelle à l'emploi"
        OTHER = "autre", "Autre"

    class Status(models.TextChoices):
        PROPOSED = "propose", "Proposée"
        RUNNING = "en_cours", "En cours"
        DONE = "realisee", "Réalisée"
        DROPPED = "abandonnee", "Abandonnée"

    project = models.ForeignKey(CompanyProject, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    label = models.CharField("action", max_length=200)
    partner = models.CharField("partenaire", max_length=200, blank=True)
    fiche = models.ForeignKey(
        "referentials.RomeFiche", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    planned_people = models.PositiveSmallIntegerField(
        "personnes prévues", default=0, validators=[MaxValueValidator(5000)]
    )
    hired_people = models.PositiveSmallIntegerField(
        "personnes recrutées", default=0, validators=[MaxValueValidator(5000)]
    )
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    outcome = models.CharField("résultat", max_length=500, blank=True)

    class Meta:
        verbose_name = "action proposée"
        ordering = ["project", "id"]

    def __str__(self):
        return self.label


class BranchPartnership(models.Model):
    """A professional branch / OPCO partnership, with its observatory's studies and figures."""

    branch = models.CharField("branche professionnelle", max_length=200)
    opco = models.CharField("OPCO", max_length=120, blank=True)
    started_on = models.DateField("depuis le", null=True, blank=True)
    notes = models.TextField("objet du partenariat", max_length=4000, blank=True)

    class Meta:
        verbose_name = "partenariat de branche"
        ordering = ["branch"]

    def __str__(self):
        return self.branch


class BranchStudy(models.Model):
    partnership = models.ForeignKey(BranchPartnership, on_delete=models.CASCADE, related_name="studies")
    title = models.CharField("étude", max_length=250)
    year = models.PositiveSmallIntegerField("année", validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    url = models.URLField("adresse", max_length=300, blank=True)
    key_figure = models.CharField("chiffre clé", max_length=250, blank=True)
    fap_code = models.CharField("FAP 2021 concernée", max_length=6, blank=True)

    class Meta:
        verbose_name = "étude de branche"
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title
