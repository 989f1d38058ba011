"""Reads of company relations: lists, the company file, follow-ups due, needs, plans, aggregates."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from maillage.common_text import fold
from maillage.companies import policies as policy
from maillage.kernel import mde
from maillage.referentials.models import Appellation, NafCode
from maillage.territories.models import Commune, Epci

from .models import (
    OPEN_NEED_STATUSES,
    Agreement,
    Contact,
    Establishment,
    HiringWeight,
    Interaction,
    NeedReason,
    NeedStatus,
    PlanAction,
    RecruitmentNeed,
    RecruitmentPlan,
    SizeBand,
)
from .validators import clean_siret

# NAF rév. 2 sections by division (the first two digits of a code).
NAF_SECTIONS = [
    ("A", 1, 3, "Agriculture, sylviculture et pêche"),
    ("B", 5, 9, "Industries extractives"),
    ("C", 10, 33, "Industrie manufacturière"),
    ("D", 35, 35, "Électricité, gaz, vapeur"),
    ("E", 36, 39, "Eau, assainissement, déchets"),
    ("F", 41, 43, "Construction"),
    ("G", 45, 47, "Commerce, réparation d'automobiles"),
    ("H", 49, 53, "Transports et entreposage"),
    ("I", 55, 56, "Hébergement et restauration"),
    ("J", 58, 63, "Information et communication"),
    ("K", 64, 66, "Activités financières et d'assurance"),
    ("L", 68, 68, "Activités immobilières"),
    ("M", 69, 75, "Activités spécialisées, scientifiques et techniques"),
    ("N", 77, 82, "Services administratifs et de soutien"),
    ("O", 84, 84, "Administration publique"),
    ("P", 85, 85, "Enseignement"),
    ("Q", 86, 88, "Santé humaine et action sociale"),
    ("R", 90, 93, "Arts, spectacles et activités récréatives"),
    ("S", 94, 96, "Autres activités de services"),
    ("T", 97, 98, "Activités des ménages"),
    ("U", 99, 99, "Activités extra-territoriales"),
]
NEED_STATUS_ORDER = [NeedStatus.OPEN, NeedStatus.IN_PROGRESS, NeedStatus.FILLED, NeedStatus.CANCELLED]
_NAF_PREFIX = re.compile(r"^\d{2}\.?\d{0,2}[A-Za-z]?$")
SECTION_LABELS = {code: label for code, _, _, label in NAF_SECTIONS}


def naf_section(naf: str) -> str:
    digits = naf[:2]
    if not digits.isdigit():
        return ""
    division = int(digits)
    for code, low, high, _ in NAF_SECTIONS:
        if low <= division <= high:
            return code
    return ""


def naf_prefix(text: str) -> str:
    """A NAF code or its beginning in the stored form: "2120" → "21.20", "21.2" → "21.2"."""
    raw = text.strip().replace(".", "").upper()
    return f"{raw[:2]}.{raw[2:]}" if len(raw) > 2 else raw


def _section_q(section: str) -> Q:
    for code, low, high, _ in NAF_SECTIONS:
        if code == section:
            condition = Q(pk__in=[])
            for division in range(low, high + 1):
                condition |= Q(naf__startswith=f"{division:02d}")
            return condition
    return Q()


@dataclass
class EstablishmentFilters:
    q: str = ""
    epci: str = ""
    section: str = ""
    size_band: str = ""
    open_needs: bool = False
    referent: int | None = None
    include_inactive: bool = False


def establishments_for(user, filters: EstablishmentFilters | None = None) -> QuerySet[Establishment]:
    filters = filters or EstablishmentFilters()
    queryset = policy.visible_establishments(user).select_related("commune__epci", "organisation", "referent")
    if not filters.include_inactive:
        queryset = queryset.filter(is_active=True)
    if filters.q:
        digits = clean_siret(filters.q)
        condition = Q(name__icontains=filters.q) | Q(legal_name__icontains=filters.q)
        condition |= Q(commune__search_name__startswith=fold(filters.q))
        if digits.isdigit():
            condition |= Q(siret__startswith=digits)
        if _NAF_PREFIX.match(filters.q.strip()):
            condition |= Q(naf__startswith=naf_prefix(filters.q))
        queryset = queryset.filter(condition)
    if filters.epci:
        queryset = queryset.filter(commune__epci_id=filters.epci)
    if filters.section:
        queryset = queryset.filter(_section_q(filters.section))
    if filters.size_band:
        queryset = queryset.filter(size_band=filters.size_band)
    if filters.referent:
        queryset = queryset.filter(referent_id=filters.referent)
    queryset = queryset.annotate(
        open_needs=Count("needs", filter=Q(needs__status__in=OPEN_NEED_STATUSES), distinct=True),
        open_positions=Coalesce(
            Sum("needs__positions", filter=Q(needs__status__in=OPEN_NEED_STATUSES)),
            Value(0),
            output_field=IntegerField(),
        ),
    )
    if filters.open_needs:
        queryset = queryset.filter(open_needs__gt=0)
    return queryset.order_by("name", "siret")


def epci_choices(user) -> list[Epci]:
    """EPCI with at least one establishment the user may see (for the filters)."""
    codes = policy.visible_establishments(user).values("commune__epci_id")
    return list(Epci.objects.filter(code__in=codes).order_by("name"))


def perimeter_epcis() -> list[Epci]:
    return list(mde.perimeter_epcis().order_by("name"))


def naf_labels(codes) -> dict[str, str]:
    return dict(NafCode.objects.filter(code__in=set(codes)).values_list("code", "label"))


@dataclass
class CompanyFile:
    establishment: Establishment
    contacts: list[Contact] = field(default_factory=list)
    interactions: list[Interaction] | None = None
    needs: list[RecruitmentNeed] = field(default_factory=list)
    plans: list[RecruitmentPlan] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    naf_label: str = ""


def company_file(user, establishment: Establishment) -> CompanyFile:
    file = CompanyFile(establishment=establishment)
    file.naf_label = naf_labels([establishment.naf]).get(establishment.naf, "")
    if policy.can_view_contacts(user, establishment):
        file.contacts = list(establishment.contacts.all())
    if policy.can_view_interactions(user, establishment):
        file.interactions = list(establishment.interactions.select_related("author", "contact")[:100])
    status_order = Case(
        *[When(status=status, then=Value(rank)) for rank, status in enumerate(NEED_STATUS_ORDER)],
        default=Value(len(NEED_STATUS_ORDER)),
        output_field=IntegerField(),
    )
    file.needs = list(
        establishment.needs.select_related("appellation__fiche").order_by(status_order, "wanted_by", "pk")
    )
    file.plans = list(establishment.plans.annotate(action_count=Count("actions")))
    file.agreements = list(policy.visible_agreements(user, establishment.agreements.all()))
    return file


def followups_due(user, *, until: datetime.date | None = None, author=None) -> QuerySet[Interaction]:
    """Interactions whose follow-up date is reached (or within ``until``) and not done yet."""
    until = until or timezone.localdate()
    establishments = policy.visible_establishments(user).values("pk")
    queryset = Interaction.objects.filter(
        establishment__in=establishments, follow_up_on__isnull=False, follow_up_done_at__isnull=True
    )
    if not policy.is_reader(user):
        return queryset.none()
    queryset = queryset.filter(follow_up_on__lte=until)
    if author is not None:
        queryset = queryset.filter(author=author)
    return queryset.select_related("establishment__commune", "author", "contact").order_by("follow_up_on", "id")


@dataclass
class NeedFilters:
    q: str = ""
    status: str = "open"
    reason: str = ""
    epci: str = ""
    contract_type: str = ""


def needs_for(user, filters: NeedFilters | None = None) -> QuerySet[RecruitmentNeed]:
    filters = filters or NeedFilters()
    queryset = policy.visible_needs(user).select_related("establishment__commune__epci", "appellation__fiche")
    if filters.status == "open":
        queryset = queryset.filter(status__in=OPEN_NEED_STATUSES)
    elif filters.status in NeedStatus.values:
        queryset = queryset.filter(status=filters.status)
    if filters.reason:
        queryset = queryset.filter(reason=filters.reason)
    if filters.contract_type:
        queryset = queryset.filter(contract_type=filters.contract_type)
    if filters.epci:
        queryset = queryset.filter(establishment__commune__epci_id=filters.epci)
    if filters.q:
        key = fold(filters.q)
        queryset = queryset.filter(
            Q(appellation__search_label__contains=key)
            | Q(appellation__fiche__code__iexact=filters.q)
            | Q(establishment__name__icontains=filters.q)
        )
    return queryset.order_by("wanted_by", "id")


@dataclass
class QuarterRow:
    quarter: int
    needs: list[RecruitmentNeed]
    actions: list[PlanAction]
    positions: int


def plan_by_quarter(plan: RecruitmentPlan) -> list[QuarterRow]:
    needs = list(
        plan.establishment.needs.filter(wanted_by__year=plan.year)
        .exclude(status=NeedStatus.CANCELLED)
        .select_related("appellation")
    )
    actions = list(plan.actions.select_related("need__appellation"))
    rows = []
    for quarter in range(1, 5):
        quarter_needs = [n for n in needs if (n.wanted_by.month - 1) // 3 + 1 == quarter]
        rows.append(
            QuarterRow(
                quarter=quarter,
                needs=quarter_needs,
                actions=[a for a in actions if a.quarter == quarter],
                positions=sum(n.positions for n in quarter_needs),
            )
        )
    return rows


def agreements_for(user, *, kind: str = "", status: str = "") -> QuerySet[Agreement]:
    queryset = policy.visible_agreements(user).select_related("establishment__commune")
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    return with_results(queryset)


def with_results(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """Annotate agreements with their results summed over their actions (in SQL)."""
    zero_int = Value(0)
    return queryset.annotate(
        amount_committed=Coalesce(Sum("actions__amount_committed"), Value(0, output_field=Agreement.amount.field)),
        amount_spent=Coalesce(Sum("actions__amount_spent"), Value(0, output_field=Agreement.amount.field)),
        jobs_created=Coalesce(Sum("actions__jobs_created"), zero_int, output_field=IntegerField()),
        beneficiaries=Coalesce(Sum("actions__beneficiaries"), zero_int, output_field=IntegerField()),
        action_count=Count("actions", distinct=True),
    )


def agreement_totals(agreements: QuerySet[Agreement]) -> dict:
    """Sums over a list of agreements (targets on the agreements, results on their actions)."""
    from .models import AgreementAction

    ids = agreements.values("pk")
    targets = Agreement.objects.filter(pk__in=ids).aggregate(
        amount=Sum("amount"), jobs_target=Sum("jobs_target"), jobs_cut=Sum("jobs_cut")
    )
    results = AgreementAction.objects.filter(agreement__in=ids).aggregate(
        committed=Sum("amount_committed"),
        spent=Sum("amount_spent"),
        jobs_created=Sum("jobs_created"),
        beneficiaries=Sum("beneficiaries"),
    )
    return {key: value or 0 for key, value in {**targets, **results}.items()}


def percent(part, whole) -> int | None:
    if not whole:
        return None
    return round(100 * float(part) / float(whole))


def aggregates(user) -> dict:
    """Counts for the overview page: never a name, only numbers (viewers see this page only)."""
    if policy.is_reader(user) or not policy.company_organisation_ids(user):
        scope = policy.epci_scope(user)
        establishments = Establishment.objects.filter(is_active=True)
        if scope is not None:
            establishments = establishments.filter(commune__epci_id__in=scope)
    else:
        establishments = policy.visible_establishments(user).filter(is_active=True)
    needs = RecruitmentNeed.objects.filter(establishment__in=establishments.values("pk"))
    open_needs = needs.filter(status__in=OPEN_NEED_STATUSES)
    by_epci = list(
        establishments.values("commune__epci__name")
        .annotate(
            count=Count("pk", distinct=True),
            with_needs=Count("pk", filter=Q(needs__status__in=OPEN_NEED_STATUSES), distinct=True),
        )
        .order_by("-count")
    )
    size_labels = dict(SizeBand.choices)
    by_size = [
        {"label": size_labels.get(row["size_band"], row["size_band"]), "count": row["count"]}
        for row in establishments.values("size_band").annotate(count=Count("pk")).order_by("size_band")
    ]
    reason_labels = dict(NeedReason.choices)
    reason_rows = open_needs.values("reason").annotate(needs=Count("pk"), positions=Sum("positions"))
    by_reason = [
        {"label": reason_labels.get(row["reason"], row["reason"]), "needs": row["needs"], "positions": row["positions"]}
        for row in reason_rows.order_by("-positions")
    ]
    top_jobs = list(
        open_needs.values("appellation__fiche__code", "appellation__fiche__label")
        .annotate(positions=Sum("positions"), companies=Count("establishment", distinct=True))
        .order_by("-positions")[:15]
    )
    sections: dict[str, int] = {}
    for naf, count in establishments.values_list("naf").annotate(count=Count("pk")):
        section = naf_section(naf)
        sections[section] = sections.get(section, 0) + count
    by_section = sorted(
        (
            {"label": SECTION_LABELS.get(code, "Non renseigné"), "code": code, "count": n}
            for code, n in sections.items()
        ),
        key=lambda row: -row["count"],
    )
    totals = open_needs.aggregate(needs=Count("pk"), positions=Coalesce(Sum("positions"), 0))
    agreements = with_results(Agreement.objects.exclude(status="close")).aggregate(
        count=Count("pk", distinct=True), amount=Sum("amount"), jobs_target=Sum("jobs_target")
    )
    return {
        "establishments": establishments.count(),
        "open_needs": totals["needs"],
        "open_positions": totals["positions"],
        "by_epci": by_epci,
        "by_size": by_size,
        "by_reason": by_reason,
        "by_section": by_section,
        "top_jobs": top_jobs,
        "agreements": agreements,
    }


def search_appellations(query: str, limit: int = 20) -> list[Appellation]:
    query = (query or "").strip()
    if not query:
        return []
    base = Appellation.objects.select_related("fiche")
    if len(query) == 5 and query[0].isalpha() and query[1:].isdigit():
        return list(base.filter(fiche__code=query.upper()).order_by("-is_main", "label")[:limit])
    if query.isdigit():
        return list(base.filter(code=query)[:limit])
    key = fold(query)
    prefix = list(base.filter(search_label__startswith=key).order_by("label")[:limit])
    seen = {a.code for a in prefix}
    rest = base.filter(search_label__contains=key).exclude(code__in=seen).order_by("label")
    return prefix + list(rest[: max(0, limit - len(prefix))])


def communes_for_form(limit_to_perimeter: bool = True) -> QuerySet[Commune]:
    epcis = perimeter_epcis()
    queryset = Commune.objects.all()
    if limit_to_perimeter and epcis:
        queryset = queryset.filter(epci__in=epcis)
    return queryset.order_by("name")


def naf_of(establishment_id: str) -> str:
    """The NAF code of an establishment given by its id (as a form sends it), or ""."""
    if not str(establishment_id).isdigit():
        return ""
    return Establishment.objects.filter(pk=int(establishment_id)).values_list("naf", flat=True).first() or ""


def has_open_need_for(fiche_code: str):
    """Subquery flag: the establishment already has an open need for this ROME fiche."""
    return Exists(
        RecruitmentNeed.objects.filter(
            establishment=OuterRef("pk"), status__in=OPEN_NEED_STATUSES, appellation__fiche__code=fiche_code
        )
    )


def wanted_jobs(user, limit: int = 10) -> list[dict]:
    """The jobs the territory's companies need most (open positions), shortage jobs first."""
    needs = policy.visible_needs(user).filter(status__in=OPEN_NEED_STATUSES)
    return list(
        needs.values("appellation__fiche__code", "appellation__fiche__label")
        .annotate(
            positions=Sum("positions"),
            shortage=Count("pk", filter=Q(reason=NeedReason.SHORTAGE)),
            companies=Count("establishment", distinct=True),
        )
        .order_by("-shortage", "-positions", "appellation__fiche__code")[:limit]
    )


def contact_emails_of_organisations(organisation_ids) -> list[str]:
    """E-mail addresses of the active contacts of the establishments of these organisations.

    An establishment belongs to an organisation by its link or by the same SIRET (one company)."""
    from maillage.accounts.models import Organisation

    ids = list(organisation_ids)
    sirets = [s for s in Organisation.objects.filter(pk__in=ids).values_list("siret", flat=True) if s]
    establishments = Establishment.objects.filter(Q(organisation_id__in=ids) | Q(siret__in=sirets))
    return sorted(
        set(
            Contact.objects.filter(establishment__in=establishments, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def demo_establishment(member_email: str):
    """The establishment of a company member (the first one otherwise): where the demo's offers go."""
    own = Establishment.objects.filter(organisation__memberships__user__email=member_email).order_by("pk").first()
    return own or Establishment.objects.order_by("pk").first()


def establishments_matching(query: str, limit: int = 15) -> list[Establishment]:
    """Establishments by folded name or SIRET prefix (company choices in other modules' forms)."""
    query = (query or "").strip()
    digits = query.replace(" ", "")
    if digits.isdigit():
        return list(Establishment.objects.filter(siret__startswith=digits).order_by("name")[:limit])
    queryset = Establishment.objects.all()
    for word in query.split():
        queryset = queryset.filter(name__icontains=word)
    return list(queryset.order_by("name")[:limit])


def siret_problem(siret: str) -> str:
    """Why a SIRET is not valid (French, for another module's form), or "" when it is."""
    from django.core.exceptions import ValidationError

    from .validators import validate_siret

    try:
        validate_siret(siret)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


# --- Figures for the steering indicators (any period and territory; no personal data) ---

MET_KINDS = ("visite", "reunion", "evenement")


def companies_met(*, start: datetime.date, end: datetime.date, epci_codes: tuple[str, ...] = ()) -> int:
    """Establishments met (visit, meeting or event, not a call or an e-mail) during the period."""
    interactions = Interaction.objects.filter(kind__in=MET_KINDS, date__gte=start, date__lte=end)
    if epci_codes:
        interactions = interactions.filter(establishment__commune__epci_id__in=epci_codes)
    return interactions.values("establishment_id").distinct().count()


def needs_collected(*, start: datetime.date, end: datetime.date, epci_codes: tuple[str, ...] = ()) -> dict:
    """Recruitment needs recorded during the period: how many, and how many positions they hold."""
    needs = RecruitmentNeed.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if epci_codes:
        needs = needs.filter(establishment__commune__epci_id__in=epci_codes)
    figures = needs.aggregate(needs=Count("pk"), positions=Sum("positions"))
    return {"needs": figures["needs"], "positions": figures["positions"] or 0}


def revitalisation_jobs(*, start: datetime.date, end: datetime.date, epci_codes: tuple[str, ...] = ()) -> dict:
    """Jobs to recreate and recreated under the revitalisation / PSE agreements running in the period."""
    agreements = Agreement.objects.filter(start_date__lte=end, end_date__gte=start)
    if epci_codes:
        agreements = agreements.filter(establishment__commune__epci_id__in=epci_codes)
    return agreement_totals(agreements)


def agreement_choices() -> list[tuple[int, str]]:
    """Every agreement as (id, label), for forms of other modules that point to one."""
    return [
        (pk, f"{title} – {name}")
        for pk, title, name in Agreement.objects.order_by("-start_date").values_list(
            "pk", "title", "establishment__name"
        )
    ]


def agreement_results(agreement_id: int) -> dict | None:
    """One agreement's targets and results (jobs to recreate versus recreated, amounts, beneficiaries)."""
    agreement = with_results(Agreement.objects.filter(pk=agreement_id)).select_related("establishment").first()
    if agreement is None:
        return None
    return {
        "title": agreement.title,
        "company": agreement.establishment.name,
        "jobs_target": agreement.jobs_target,
        "jobs_created": agreement.jobs_created,
        "amount": agreement.amount,
        "amount_spent": agreement.amount_spent,
        "beneficiaries": agreement.beneficiaries,
    }


def trades_hired_by(naf: str, limit: int = 2) -> list[str]:
    """The ROME v3 codes a NAF sous-classe hires most, nationally (La Bonne Boite: « 43.21A » → F1602…)."""
    rows = HiringWeight.objects.filter(naf=naf).order_by("-hirings", "rome_v3")
    return list(rows.values_list("rome_v3", flat=True)[:limit])
