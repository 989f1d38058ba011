"""Company relations: establishments, contacts, interactions, recruitment needs and plans, agreements."""

from django.conf import settings
from django.db import models

from maillage.common_text import long_date

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


class Contact(models.Model):
    """A professional contact in an establishment. Personal data: minimal fields, audit-logged reads."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="contacts")
    first_name = models.CharField("prénom", max_length=100, blank=True)
    last_name = models.CharField("nom", max_length=100)
    job_title = models.CharField("fonction", max_length=150, blank=True, help_text="Par exemple : DRH, gérant.")
    email = models.EmailField("e-mail professionnel", blank=True)
    phone = models.CharField("téléphone professionnel", max_length=30, blank=True)
    is_main = models.BooleanField("interlocuteur principal", default=False)
    is_active = models.BooleanField("toujours en poste", default=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "contact"
        ordering = ["-is_main", "last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()


class InteractionKind(models.TextChoices):
    VISIT = "visite", "Visite"
    CALL = "appel", "Appel téléphonique"
    EMAIL = "email", "E-mail"
    EVENT = "evenement", "Événement"
    MEETING = "reunion", "Réunion"


class Interaction(models.Model):
    """A contact with an establishment (visit, call, e-mail, event), with an optional follow-up date."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="interactions")
    contact = models.ForeignKey(
        Contact, verbose_name="contact", null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    kind = models.CharField("type", max_length=10, choices=InteractionKind.choices)
    date = models.DateField("date")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField("objet", max_length=200)
    notes = models.TextField(
        "compte rendu",
        blank=True,
        help_text="Informations professionnelles uniquement : pas de données sur la santé ou la vie privée.",
    )
    follow_up_on = models.DateField("date de relance", null=True, blank=True)
    follow_up_done_at = models.DateTimeField("relance faite le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "échange"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["follow_up_on", "follow_up_done_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} du {long_date(self.date)} – {self.subject}"

    @property
    def follow_up_pending(self) -> bool:
        return self.follow_up_on is not None and self.follow_up_done_at is None


class ContractType(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD = "cdd", "CDD"
    INTERIM = "interim", "Intérim"
    APPRENTICESHIP = "apprentissage", "Contrat d'apprentissage"
    PROFESSIONALISATION = "professionnalisation", "Contrat de professionnalisation"
    SEASONAL = "saisonnier", "Saisonnier"
    CDDI = "cddi", "CDDI (insertion)"


class Difficulty(models.TextChoices):
    LOW = "faible", "Faible"
    MEDIUM = "moyenne", "Moyenne"
    HIGH = "forte", "Forte"


class NeedReason(models.TextChoices):
    SHORTAGE = "tension", "Métier en tension"
    LITTLE_KNOWN = "meconnu", "Métier méconnu"
    NEW_SITE = "nouveau_site", "Nouveau site ou extension"
    GROWTH = "croissance", "Développement de l'activité"
    REPLACEMENT = "remplacement", "Remplacement (départs, retraites)"


class NeedStatus(models.TextChoices):
    OPEN = "ouvert", "À pourvoir"
    IN_PROGRESS = "en_cours", "Recrutement en cours"
    FILLED = "pourvu", "Pourvu"
    CANCELLED = "abandonne", "Abandonné"


OPEN_NEED_STATUSES = (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


class RecruitmentNeed(models.Model):
    """A recruitment need of an establishment, coded with a ROME appellation."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="needs")
    appellation = models.ForeignKey(
        "referentials.Appellation", verbose_name="métier (appellation ROME)", on_delete=models.PROTECT, related_name="+"
    )
    positions = models.PositiveSmallIntegerField("nombre de postes", default=1)
    positions_filled = models.PositiveSmallIntegerField("postes pourvus", default=0)
    contract_type = models.CharField("type de contrat", max_length=20, choices=ContractType.choices)
    wanted_by = models.DateField("horizon (embauche souhaitée pour le)")
    difficulty = models.CharField(
        "difficulté de recrutement", max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    reason = models.CharField("motif", max_length=14, choices=NeedReason.choices)
    status = models.CharField("état", max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    notes = models.TextField("précisions", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="saisi par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "besoin de recrutement"
        verbose_name_plural = "besoins de recrutement"
        ordering = ["wanted_by", "id"]
        indexes = [models.Index(fields=["status", "wanted_by"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(positions__gte=1), name="need_positions_positive"),
        ]

    def __str__(self):
        return f"{self.positions} × {self.appellation} – {self.establishment.name}"

    @property
    def quarter(self) -> str:
        return f"{self.wanted_by.year} T{(self.wanted_by.month - 1) // 3 + 1}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_NEED_STATUSES


class RecruitmentPlan(models.Model):
    """The recruitment plan of a company or site for a year: needs by quarter and planned actions."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField("année")
    summary = models.TextField("contexte et objectifs", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "plan de recrutement"
        verbose_name_plural = "plans de recrutement"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["establishment", "year"], name="unique_plan_per_year")]

    def __str__(self):
        return f"Plan de recrutement {self.year} – {self.establishment.name}"


class PlanActionKind(models.TextChoices):
    JOB_DATING = "job_dating", "Job dating"
    MRS = "mrs", "Méthode de recrutement par simulation (MRS)"
    IMMERSION = "immersion", "Immersion professionnelle (PMSMP)"
    POE = "poe", "Préparation opérationnelle à l'emploi (POEI / POEC)"
    INFO_MEETING = "info_collective", "Information collective"
    FORUM = "forum", "Forum ou salon"
    DISCOVERY = "decouverte", "Découverte des métiers / visite d'entreprise"
    OTHER = "autre", "Autre"


class PlanActionStatus(models.TextChoices):
    PLANNED = "prevue", "Prévue"
    DONE = "realisee", "Réalisée"
    CANCELLED = "annulee", "Annulée"


class PlanAction(models.Model):
    plan = models.ForeignKey(RecruitmentPlan, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField("action", max_length=16, choices=PlanActionKind.choices)
    quarter = models.PositiveSmallIntegerField("trimestre", choices=[(q, f"T{q}") for q in range(1, 5)])
    planned_on = models.DateField("date prévue", null=True, blank=True)
    need = models.ForeignKey(
        RecruitmentNeed,
        verbose_name="besoin concerné",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_actions",
    )
    partners = models.CharField("partenaires", max_length=255, blank=True, help_text="France Travail, OPCO…")
    positions_targeted = models.PositiveSmallIntegerField("postes visés", default=0)
    description = models.TextField("description", blank=True)
    status = models.CharField("état", max_length=8, choices=PlanActionStatus.choices, default=PlanActionStatus.PLANNED)

    class Meta:
        verbose_name = "action du plan de recrutement"
        ordering = ["quarter", "planned_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} (T{self.quarter})"


class AgreementKind(models.TextChoices):
    REVITALISATION = "revitalisation", "Convention de revitalisation"
    PSE = "pse", "Plan de sauvegarde de l'emploi (PSE)"
    RCC = "rcc", "Rupture conventionnelle collective (RCC)"


class AgreementStatus(models.TextChoices):
    NEGOTIATION = "negociation", "En négociation"
    ACTIVE = "en_cours", "En cours"
    CLOSED = "close", "Close"


class Agreement(models.Model):
    """A revitalisation agreement, or the follow-up of a PSE or RCC, with its targets."""

    establishment = models.ForeignKey(
        Establishment, verbose_name="entreprise", on_delete=models.PROTECT, related_name="agreements"
    )
    kind = models.CharField("type", max_length=16, choices=AgreementKind.choices)
    title = models.CharField("intitulé", max_length=200)
    status = models.CharField("état", max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE)
    signed_on = models.DateField("signée le", null=True, blank=True)
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    jobs_cut = models.PositiveIntegerField("emplois supprimés", default=0)
    amount = models.DecimalField("montant de la convention (€)", max_digits=12, decimal_places=2, default=0)
    jobs_target = models.PositiveIntegerField("emplois à recréer", default=0)
    epcis = models.ManyToManyField("territories.Epci", verbose_name="territoire concerné (EPCI)", blank=True)
    notes = models.TextField("précisions", blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "convention de revitalisation / PSE"
        verbose_name_plural = "conventions de revitalisation / PSE"
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")), name="agreement_dates"),
        ]

    def __str__(self):
        return self.title


class AgreementAction(models.Model):
    """An action funded by an agreement, with its budget and results."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField("action", max_length=200)
    description = models.TextField("description", blank=True)
    operator = models.CharField("opérateur", max_length=200, blank=True)
    amount_committed = models.DecimalField("montant engagé (€)", max_digits=12, decimal_places=2, default=0)
    amount_spent = models.DecimalField("montant dépensé (€)", max_digits=12, decimal_places=2, default=0)
    jobs_target = models.PositiveIntegerField("emplois visés", default=0)
    jobs_created = models.PositiveIntegerField("emplois recréés", default=0)
    beneficiaries = models.PositiveIntegerField("bénéficiaires", default=0)

    class Meta:
        verbose_name = "action financée"
        ordering = ["id"]

    def __str__(self):
        return self.title


class CommitteeMeeting(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("date")
    kind = models.CharField(
        "instance",
        max_length=12,
        choices=[("suivi", "Comité de suivi"), ("engagement", "Comité d'engagement"), ("bilan", "Comité de bilan")],
        default="suivi",
    )
    attendees = models.TextField("participants (structures)", blank=True)
    decisions = models.TextField("décisions")

    class Meta:
        verbose_name = "comité"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_kind_display()} du {long_date(self.date)}"


class HiringWeight(models.Model):
    """National hirings by ROME v3 job × NAF sous-classe (La Bonne Boite), to target prospecting."""

    rome_v3 = models.CharField("code ROME v3", max_length=5, db_index=True)
    rome_label = models.CharField("métier", max_length=255, blank=True)
    naf = models.CharField("code NAF", max_length=6, db_index=True, help_text="Forme INSEE : 01.11Z.")
    naf_label = models.CharField("secteur", max_length=255, blank=True)
    hirings = models.PositiveIntegerField("embauches")

    class Meta:
        verbose_name = "poids d'embauche ROME × NAF"
        verbose_name_plural = "poids d'embauche ROME × NAF"
        constraints = [models.UniqueConstraint(fields=["rome_v3", "naf"], name="unique_hiring_weight")]

    def __str__(self):
        return f"{self.rome_v3} × {self.naf}: {self.hirings}"
