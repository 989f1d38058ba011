"""ROME 4.0 (fiches, appellations, skills), NAF rév. 2, CPV 2008, FAP and their crosswalks."""

from django.db import models

RIASEC = {
    "R": "Réaliste",
    "I": "Investigateur",
    "A": "Artistique",
    "S": "Social",
    "E": "Entreprenant",
    "C": "Conventionnel",
}


class ReferentialLoad(models.Model):
    """What was loaded, from which version, and when (read by ``referentials_status``)."""

    name = models.CharField("référentiel", max_length=40, unique=True)
    version = models.CharField("version", max_length=120, blank=True)
    source = models.CharField("source", max_length=255, blank=True)
    counts = models.JSONField("effectifs", default=dict)
    fingerprint = models.CharField("empreinte des fichiers", max_length=64, blank=True)
    loaded_at = models.DateTimeField("chargé le", auto_now=True)

    class Meta:
        verbose_name = "chargement de référentiel"

    def __str__(self):
        return f"{self.name} {self.version}"


class GrandDomaine(models.Model):
    code = models.CharField(max_length=1, primary_key=True)
    label = models.CharField("libellé", max_length=200)

    class Meta:
        verbose_name = "grand domaine ROME"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class DomaineProfessionnel(models.Model):
    code = models.CharField(max_length=3, primary_key=True)
    label = models.CharField("libellé", max_length=200)
    grand_domaine = models.ForeignKey(GrandDomaine, on_delete=models.CASCADE, related_name="domaines")

    class Meta:
        verbose_name = "domaine professionnel ROME"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class RomeFiche(models.Model):
    code = models.CharField("code ROME", max_length=5, primary_key=True)
    ogr = models.CharField("code OGR", max_length=12, blank=True)
    label = models.CharField("intitulé", max_length=255)
    search_label = models.CharField(max_length=255, db_index=True, editable=False)
    domaine = models.ForeignKey(
        DomaineProfessionnel, null=True, blank=True, on_delete=models.SET_NULL, related_name="fiches"
    )
    code_rome_parent = models.CharField("code ROME v3 parent", max_length=5, blank=True, db_index=True)
    definition = models.TextField("définition", blank=True)
    access = models.TextField("accès au métier", blank=True)
    transition_eco = models.CharField("transition écologique", max_length=80, blank=True)
    transition_num = models.BooleanField("transition numérique", default=False)
    transition_demo = models.BooleanField("transition démographique", default=False)
    emploi_reglemente = models.BooleanField("emploi réglementé", default=False)
    emploi_cadre = models.BooleanField("emploi cadre", default=False)
    riasec_major = models.CharField("RIASEC majeur", max_length=1, blank=True)
    riasec_minor = models.CharField("RIASEC mineur", max_length=1, blank=True)

    class Meta:
        verbose_name = "fiche ROME"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"

    @property
    def grand_domaine_code(self) -> str:
        return self.code[:1]

    @property
    def riasec_label(self) -> str:
        """ "Réaliste, Conventionnel" from the major and minor RIASEC letters."""
        letters = [self.riasec_major, self.riasec_minor]
        return ", ".join(RIASEC[letter] for letter in letters if letter in RIASEC)


class Appellation(models.Model):
    code = models.CharField("code OGR", max_length=12, primary_key=True)
    label = models.CharField("libellé", max_length=255)
    short_label = models.CharField("libellé court", max_length=255, blank=True)
    search_label = models.CharField(max_length=255, db_index=True, editable=False)
    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="appellations")
    is_main = models.BooleanField("appellation principale", default=False)
    rarely_used = models.BooleanField("peu usitée", default=False)
    emploi_reglemente = models.BooleanField("emploi réglementé", default=False)
    emploi_cadre = models.BooleanField("emploi cadre", default=False)

    class Meta:
        verbose_name = "appellation ROME"
        ordering = ["label"]

    def __str__(self):
        return self.label


class SkillKind(models.TextChoices):
    SAVOIR_FAIRE = "savoir_faire", "Savoir-faire"
    SAVOIR_ETRE = "savoir_etre", "Savoir-être professionnel"
    SAVOIR = "savoir", "Savoir"
    CONTEXTE = "contexte", "Contexte de travail"


class Skill(models.Model):
    """An item of the ROME referentials: compétence (savoir-faire, savoir-être), savoir or context."""

    code = models.CharField("code OGR", max_length=12, primary_key=True)
    label = models.CharField("libellé", max_length=400)
    kind = models.CharField("nature", max_length=14, choices=SkillKind.choices)
    nature = models.CharField("type d'item", max_length=40, blank=True)
    category = models.CharField("catégorie", max_length=120, blank=True)
    subcategory = models.CharField("sous-catégorie", max_length=120, blank=True)
    definition = models.TextField("définition", blank=True)
    macro_code = models.CharField("macro-compétence", max_length=12, blank=True)
    search_label = models.CharField(max_length=400, editable=False)

    class Meta:
        verbose_name = "compétence ou savoir ROME"
        ordering = ["label"]

    def __str__(self):
        return self.label


class FicheSkill(models.Model):
    """A skill of a fiche; ``importance`` tells core (principale) and emerging (émergente) skills."""

    class Importance(models.TextChoices):
        CORE = "principale", "Cœur de métier"
        EMERGING = "emergente", "Émergente"
        OTHER = "", "Autre"

    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="fiche_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="fiche_skills")
    importance = models.CharField(max_length=10, choices=Importance.choices, blank=True)

    class Meta:
        verbose_name = "compétence d'une fiche"
        constraints = [models.UniqueConstraint(fields=["fiche", "skill"], name="unique_fiche_skill")]

    def __str__(self):
        return f"{self.fiche_id} → {self.skill_id}"


class MobilityLink(models.Model):
    """ROME's official mobility link (``unix_rubrique_mobilite``), shown only when loaded."""

    source = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="mobility_links")
    target = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "mobilité ROME officielle"
        ordering = ["source", "order"]
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_mobility")]

    def __str__(self):
        return f"{self.source_id} → {self.target_id}"


class NafCode(models.Model):
    """NAF rév. 2 at every level: section (A), division (01), groupe (01.1), classe (01.11), sous-classe (01.11Z)."""

    class Level(models.TextChoices):
        SECTION = "section", "Section"
        DIVISION = "division", "Division"
        GROUPE = "groupe", "Groupe"
        CLASSE = "classe", "Classe"
        SOUS_CLASSE = "sous_classe", "Sous-classe"

    code = models.CharField(max_length=7, primary_key=True)
    label = models.CharField("libellé", max_length=255)
    level = models.CharField("niveau", max_length=12, choices=Level.choices)
    search_label = models.CharField(max_length=255, editable=False, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")

    class Meta:
        verbose_name = "code NAF"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class FicheNafDivision(models.Model):
    """ROME fiche → NAF division it is found in (``unix_arborescence_secteur_naf``)."""

    fiche = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="naf_divisions")
    division = models.CharField(max_length=2)
    label = models.CharField(max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fiche", "division"], name="unique_fiche_naf_division")]

    def __str__(self):
        return f"{self.fiche_id} → NAF {self.division}"


class CpvCode(models.Model):
    code = models.CharField("code CPV", max_length=8, primary_key=True)
    check_digit = models.CharField(max_length=1, blank=True)
    label = models.CharField("libellé", max_length=400)
    division = models.CharField("division", max_length=2, db_index=True)
    search_label = models.CharField(max_length=400, editable=False)

    class Meta:
        verbose_name = "code CPV"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code}-{self.check_digit} {self.label}"

    @property
    def market_kind(self) -> str:
        """Works (45), supplies (01–44, 48) or services (50–98), as DECP counts them."""
        division = int(self.division)
        if division == 45:
            return "travaux"
        if division <= 44 or division == 48:
            return "fournitures"
        return "services"


class Fap(models.Model):
    """Familles professionnelles (DARES), 225 level."""

    code = models.CharField(max_length=5, primary_key=True)
    label = models.CharField("libellé", max_length=255, blank=True)

    class Meta:
        verbose_name = "famille professionnelle (FAP)"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.label}"


class FapRome(models.Model):
    """FAP ↔ ROME v3 code (a fiche's ``code_rome_parent``)."""

    fap = models.ForeignKey(Fap, on_delete=models.CASCADE, related_name="rome_links")
    rome_v3 = models.CharField(max_length=5, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fap", "rome_v3"], name="unique_fap_rome")]

    def __str__(self):
        return f"{self.fap_id} ↔ {self.rome_v3}"
