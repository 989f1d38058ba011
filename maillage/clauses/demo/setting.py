"""The demo's setting: the structures, buyers, companies, SIAE and prescribers, the facilitators'
coverage and funding, the counting rules and the sizing presets (no random draw here)."""

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from maillage.common_text import elide
from maillage.territories.models import Commune, Epci

from ..defaults import load_defaults
from ..models import (
    BuyerProfile,
    BuyerType,
    CountingRule,
    Coverage,
    EligibilityCriterion,
    Funder,
    FundingLine,
    SizingPreset,
)
from ..services.sizing import add_months

MARKER = "[démo]"
MDE_NAME = "Maison de l'Emploi et de la Formation d'Évreux"
PLIE_NAME = "PLIE de l'agglomération d'Évreux"
CORE_EPCI = "200071454"
PERIMETER_EPCIS = [CORE_EPCI, "242700276", "242700607", "200066462", "200089456"]
FACILITATORS = {
    "facilitateur@demo.maillage.fr": (MDE_NAME, [CORE_EPCI, "242700276"]),
    "facilitatrice.plie@demo.maillage.fr": (PLIE_NAME, [CORE_EPCI, "200089456"]),
}
OPERATIONS = 420
SIAE = [
    (OrganisationKind.SIAE_ETTI, "Intérim Solidaire Normandie (ETTI, fictive)"),
    (OrganisationKind.SIAE_AI, "Coup de Main Services (AI, fictive)"),
    (OrganisationKind.GEIQ, "GEIQ BTP Eure (fictif)"),
    (OrganisationKind.SIAE_EI, "Tremplin Bâtiment 27 (EI, fictive)"),
    (OrganisationKind.SIAE_ACI, "Jardins de l'Iton (ACI, fictif)"),
]
PRESCRIBER_KINDS = [
    OrganisationKind.FRANCE_TRAVAIL,
    OrganisationKind.MISSION_LOCALE,
    OrganisationKind.CAP_EMPLOI,
    OrganisationKind.PLIE,
]


@dataclass
class Demo:
    """What every step of the seed reads: the generator, the territory, the dates and the actors."""

    rng: random.Random
    communes: list[tuple[str, str, str]]
    this_month: date
    mde: Organisation
    plie: Organisation
    buyers: list[Organisation] = field(default_factory=list)
    companies: list[Organisation] = field(default_factory=list)
    demo_company: int | None = None
    siae: dict = field(default_factory=dict)
    prescribers: list[Organisation] = field(default_factory=list)
    facilitators: dict = field(default_factory=dict)  # user → (structure, EPCI codes)
    default_rule: CountingRule | None = None
    buyer_rules: dict = field(default_factory=dict)
    presets: dict = field(default_factory=dict)  # CPV division → presets

    @property
    def start(self) -> date:
        return date(self.this_month.year - 2, 1, 1)

    @property
    def last_month(self) -> date:
        return add_months(self.this_month, -1)

    @property
    def weights(self) -> list[int]:
        """Larger communes are drawn more often."""
        return [max(1, 60 - i) for i in range(len(self.communes))]


def build(rng: random.Random, communes: list[tuple[str, str, str]], this_month: date | None = None) -> Demo:
    load_defaults(EligibilityCriterion, SizingPreset, CountingRule)
    demo = Demo(
        rng=rng,
        communes=communes,
        this_month=this_month or timezone.localdate().replace(day=1),
        mde=organisation(MDE_NAME, OrganisationKind.MDE, "27229"),
        plie=organisation(PLIE_NAME, OrganisationKind.PLIE, "27229"),
    )
    demo.buyers = _buyers(communes)
    demo.companies = _companies()
    demo.demo_company = (
        Membership.objects.filter(user__email="entreprise@demo.maillage.fr", role=Role.COMPANY_MEMBER)
        .values_list("organisation_id", flat=True)
        .first()
    )
    demo.siae = {kind: organisation(name, kind, "27229") for kind, name in SIAE}
    demo.prescribers = list(Organisation.objects.filter(kind__in=PRESCRIBER_KINDS).order_by("pk")) or [demo.plie]
    _cover_facilitators(demo)
    _counting_rules(demo)
    for preset in SizingPreset.objects.filter(epci__isnull=True).order_by("trade"):
        demo.presets.setdefault(preset.cpv_division, []).append(preset)
    return demo


def organisation(name: str, kind: str, commune_code: str | None = None) -> Organisation:
    found = Organisation.objects.filter(name=name).order_by("pk").first()
    if found is None:
        commune = Commune.objects.filter(code=commune_code).first() if commune_code else None
        found = Organisation.objects.create(name=name, kind=kind, commune=commune)
    return found


def _buyers(communes) -> list[Organisation]:
    # The same list on every run (the draws depend on its length): base-demo buyers, then the demo's own.
    buyers = list(
        Organisation.objects.filter(kind=OrganisationKind.BUYER).exclude(name__startswith="Commune ").order_by("pk")
    )
    buyers.append(organisation("CA Évreux Portes de Normandie", OrganisationKind.LOCAL_AUTHORITY, "27229"))
    for code, _, name in communes[5:17]:
        buyers.append(organisation(f"Commune {elide('de', name)}", OrganisationKind.BUYER, code))
    return buyers


def _companies() -> list[Organisation]:
    companies = list(Organisation.objects.filter(kind=OrganisationKind.COMPANY).order_by("pk")[:120])
    return companies or [organisation(f"Entreprise de démonstration {i}", OrganisationKind.COMPANY) for i in range(30)]


def _cover_facilitators(demo: Demo) -> None:
    """Each demo facilitator's coverage (EPCI, buyers) and the structured funding of the post per year."""
    for email, (structure_name, epci_codes) in FACILITATORS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        structure = demo.mde if structure_name == MDE_NAME else demo.plie
        coverage, _ = Coverage.objects.get_or_create(
            facilitator=user,
            structure=structure,
            defaults={
                "fte": Decimal("1") if structure == demo.mde else Decimal("0.5"),
                "funding": "État, CA Évreux Portes de Normandie" if structure == demo.mde else "FSE+, Département",
            },
        )
        coverage.epcis.set(Epci.objects.filter(code__in=epci_codes))
        _fund(coverage, is_mde=structure == demo.mde)
        coverage.buyers.set([b for b in demo.buyers if b.commune_id and b.commune_id.startswith("27")][:3])
        demo.facilitators[user] = (structure, set(epci_codes))


def _fund(coverage: Coverage, *, is_mde: bool) -> None:
    """Structured funding of the post, per funder and year (the national file's shares)."""
    lines = (
        [(Funder.STATE, 24000), (Funder.EPCI, 18000), (Funder.FSE, 8000)]
        if is_mde
        else [(Funder.FSE, 15000), (Funder.DEPARTMENT, 9000)]
    )
    for year in range(date.today().year - 2, date.today().year + 1):
        for funder, amount in lines:
            FundingLine.objects.get_or_create(
                coverage=coverage, year=year, funder=funder, defaults={"amount": Decimal(amount)}
            )


def _counting_rules(demo: Demo) -> None:
    """A buyer-specific counting rule (the social landlord counts lasting contracts with a 20 % bonus)."""
    landlord = next((b for b in demo.buyers if "Habitat" in b.name), None)
    if landlord:
        BuyerProfile.objects.get_or_create(buyer=landlord, defaults={"buyer_type": BuyerType.SOCIAL_LANDLORD})
    if landlord and not CountingRule.objects.filter(buyer=landlord).exists():
        CountingRule.objects.create(
            name="Règle du bailleur social",
            buyer=landlord,
            lasting_bonus_percent=Decimal("20"),
            training_monthly_cap=Decimal("70"),
        )
    demo.default_rule = CountingRule.objects.filter(epci__isnull=True, buyer__isnull=True).order_by("pk").first()
    demo.buyer_rules = {r.buyer_id: r for r in CountingRule.objects.filter(buyer__isnull=False, epci__isnull=True)}
