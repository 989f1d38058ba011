"""Reads of the referentials module: the functions other modules call.

Searches are accent- and case-insensitive: labels are stored folded (``search_label``, see
``maillage.common_text.fold``) and the query is folded the same way, so the database only runs
plain ``LIKE`` comparisons on one column (a few milliseconds on the 13,120 appellations).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Length

from maillage.common_text import fold

from .models import (
    Appellation,
    CpvCode,
    DomaineProfessionnel,
    Fap,
    FapRome,
    FicheNafDivision,
    FicheSkill,
    GrandDomaine,
    MobilityLink,
    NafCode,
    ReferentialLoad,
    RomeFiche,
    Skill,
    SkillKind,
)

FICHE_TEXTS = ["fiche__definition", "fiche__access", "fiche__search_label"]
ROME_CODE = re.compile(r"^[A-Na-n]\d{4}$")
STATUS_LABELS = {
    "rome": "ROME 4.0 (France Travail)",
    "naf": "NAF rév. 2 (INSEE)",
    "cpv": "CPV 2008 (Union européenne)",
    "fap": "FAP 225 ↔ ROME v3 (DARES)",
}

# --- search helpers ----------------------------------------------------------------------------


def _tokens(query: str | None) -> tuple[str, list[str]]:
    key = fold(query)[:100]
    return key, key.split()


def _all_tokens(tokens: list[str], column: str = "search_label") -> Q:
    condition = Q()
    for token in tokens:
        condition &= Q(**{f"{column}__contains": token})
    return condition


def _word_prefix(token: str, column: str = "search_label") -> Q:
    return Q(**{f"{column}__startswith": token}) | Q(**{f"{column}__contains": f" {token}"})


def _relevance(key: str, tokens: list[str], column: str = "search_label") -> Case:
    """0: the label starts with the query; 1: a word starts with the whole query;
    2: every word of the query starts a word of the label; 3: the words are only contained."""
    every_word_prefix = Q()
    for token in tokens:
        every_word_prefix &= _word_prefix(token, column)
    return Case(
        When(**{f"{column}__startswith": key}, then=Value(0)),
        When(**{f"{column}__contains": f" {key}"}, then=Value(1)),
        When(every_word_prefix, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


# --- appellations ------------------------------------------------------------------------------


def appellation_search_queryset(query: str | None) -> QuerySet[Appellation]:
    """Appellations matching ``query``, most relevant first (unsliced, for pagination).

    A ROME code ("F1603") gives that fiche's appellations; an OGR code gives that appellation.
    """
    key, tokens = _tokens(query)
    base = Appellation.objects.select_related("fiche").defer(*FICHE_TEXTS)
    if not tokens:
        return base.none()
    raw = (query or "").strip()
    if ROME_CODE.match(raw):
        return base.filter(fiche_id=raw.upper()).order_by("-is_main", "rarely_used", "label")
    if raw.isdigit():
        return base.filter(code=raw)
    return (
        base.filter(_all_tokens(tokens))
        .annotate(relevance=_relevance(key, tokens), label_length=Length("label"))
        .order_by("relevance", "rarely_used", "label_length", "label")
    )


def search_appellations(query: str | None, limit: int = 20) -> list[Appellation]:
    """The ``limit`` best appellations for ``query`` (accent- and case-insensitive)."""
    return list(appellation_search_queryset(query)[: max(1, min(limit, 100))])


def fiche_for_appellation(code: str) -> RomeFiche | None:
    appellation = Appellation.objects.select_related("fiche").filter(code=code).first()
    return appellation.fiche if appellation else None


# --- fiches ------------------------------------------------------------------------------------


def fiche_queryset(query: str = "", grand_domaine: str = "", domaine: str = "") -> QuerySet[RomeFiche]:
    """Fiches filtered by grand domaine, domaine and a search on their code, label or appellations."""
    fiches = RomeFiche.objects.select_related("domaine__grand_domaine").annotate(
        appellation_count=Count("appellations", distinct=True)
    )
    if grand_domaine:
        fiches = fiches.filter(code__startswith=grand_domaine.upper()[:1])
    if domaine:
        fiches = fiches.filter(domaine_id=domaine.upper())
    key, tokens = _tokens(query)
    if tokens:
        raw = query.strip().upper()
        if ROME_CODE.match(raw) or re.match(r"^[A-N]\d{0,3}$", raw):
            return fiches.filter(code__startswith=raw).order_by("code")
        by_appellation = Appellation.objects.filter(_all_tokens(tokens)).values("fiche_id")
        fiches = fiches.filter(_all_tokens(tokens) | Q(code__in=by_appellation))
        return fiches.annotate(relevance=_relevance(key, tokens)).order_by("relevance", "code")
    return fiches.order_by("code")


def search_fiches(query: str | None, limit: int = 20) -> list[RomeFiche]:
    """The fiches an autocomplete proposes: by code prefix, or by label and appellation words."""
    if not (query or "").strip():
        return []
    return list(fiche_queryset(query).select_related(None).only("code", "label")[:limit])


def rome_codes_in(text: str | None) -> list[str]:
    """The ROME codes written in ``text`` (« H2605 – Câblage électronique », « h2913, N1103 »), in order, once."""
    codes = []
    for code in re.findall(r"\b([A-Na-n]\d{4})\b", text or ""):
        if code.upper() not in codes:
            codes.append(code.upper())
    return codes


def fiche_labels(codes) -> dict[str, str]:
    """Code → label of the given ROME fiches (unknown codes are absent)."""
    return dict(RomeFiche.objects.filter(code__in=list(codes)).values_list("code", "label"))


def domain_tree() -> list[GrandDomaine]:
    """Grand domaines with their domaines (for filters)."""
    return list(
        GrandDomaine.objects.prefetch_related(
            Prefetch("domaines", queryset=DomaineProfessionnel.objects.order_by("code"))
        ).order_by("code")
    )


def skills_of_fiche(code: str, kind: str | None = None) -> list[FicheSkill]:
    """The skills of fiche ``code`` (``FicheSkill`` rows with their ``skill``), core first."""
    rows = FicheSkill.objects.filter(fiche_id=code).select_related("skill")
    if kind:
        rows = rows.filter(skill__kind=kind)
    order = Case(
        When(importance=FicheSkill.Importance.CORE, then=Value(0)),
        When(importance=FicheSkill.Importance.EMERGING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(rows.annotate(rank=order).order_by("rank", "skill__label"))


@dataclass
class SkillGroups:
    """A fiche's skills as the fiche page shows them."""

    savoir_faire_core: list[Skill] = field(default_factory=list)
    savoir_faire_emerging: list[Skill] = field(default_factory=list)
    savoir_faire_other: list[Skill] = field(default_factory=list)
    savoir_etre: list[Skill] = field(default_factory=list)
    savoirs: dict[str, list[Skill]] = field(default_factory=dict)
    contexts: dict[str, list[Skill]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (
            self.savoir_faire_core
            or self.savoir_faire_emerging
            or self.savoir_faire_other
            or self.savoir_etre
            or self.savoirs
            or self.contexts
        )


def group_skills(fiche_skills: list[FicheSkill]) -> SkillGroups:
    groups = SkillGroups()
    savoirs, contexts = defaultdict(list), defaultdict(list)
    for row in fiche_skills:
        skill = row.skill
        if skill.kind == SkillKind.SAVOIR_FAIRE:
            if row.importance == FicheSkill.Importance.CORE:
                groups.savoir_faire_core.append(skill)
            elif row.importance == FicheSkill.Importance.EMERGING:
                groups.savoir_faire_emerging.append(skill)
            else:
                groups.savoir_faire_other.append(skill)
        elif skill.kind == SkillKind.SAVOIR_ETRE:
            groups.savoir_etre.append(skill)
        elif skill.kind == SkillKind.SAVOIR:
            savoirs[skill.category or "Autres savoirs"].append(skill)
        else:
            contexts[skill.category or "Autres contextes"].append(skill)
    groups.savoirs = dict(sorted(savoirs.items()))
    groups.contexts = dict(sorted(contexts.items()))
    return groups


def fap_for_fiche(code: str) -> list[Fap]:
    """FAP 225 families of a fiche, through its ROME v3 parent code."""
    parent = RomeFiche.objects.filter(code=code).values_list("code_rome_parent", flat=True).first()
    if not parent:
        return []
    return list(Fap.objects.filter(rome_links__rome_v3=parent).distinct().order_by("code"))


def official_mobility(code: str) -> list[MobilityLink]:
    """ROME's official mobility links from fiche ``code`` (empty when the file was not loaded)."""
    return list(MobilityLink.objects.filter(source_id=code).select_related("target").order_by("order", "target_id"))


@dataclass
class FicheDetails:
    fiche: RomeFiche
    appellations: list[Appellation]
    skills: SkillGroups
    naf_divisions: list[FicheNafDivision]
    faps: list[Fap]
    mobility: list[MobilityLink]
    v3_siblings: list[RomeFiche]


def fiche_with_details(code: str) -> FicheDetails | None:
    """Everything the fiche page shows, or ``None`` when no fiche has this code."""
    fiche = RomeFiche.objects.select_related("domaine__grand_domaine").filter(code=code.upper()).first()
    if fiche is None:
        return None
    siblings = []
    if fiche.code_rome_parent:
        siblings = [f for f in fiches_with_parent(fiche.code_rome_parent) if f.code != fiche.code]
    return FicheDetails(
        fiche=fiche,
        appellations=list(fiche.appellations.order_by("-is_main", "rarely_used", "label")),
        skills=group_skills(skills_of_fiche(fiche.code)),
        naf_divisions=list(fiche.naf_divisions.order_by("division")),
        faps=fap_for_fiche(fiche.code),
        mobility=official_mobility(fiche.code),
        v3_siblings=siblings,
    )


def fiches_with_parent(rome_v3: str) -> list[RomeFiche]:
    """ROME 4.0 fiches whose v3 parent is ``rome_v3`` (the v3 → v4 crosswalk)."""
    return list(RomeFiche.objects.filter(code_rome_parent=rome_v3).order_by("code"))


def fiches_for_fap(fap_code: str) -> list[RomeFiche]:
    parents = FapRome.objects.filter(fap_id=fap_code).values("rome_v3")
    return list(RomeFiche.objects.filter(code_rome_parent__in=parents).order_by("code"))


# --- NAF and CPV -------------------------------------------------------------------------------


def normalise_naf_code(value: str) -> str:
    """ "4321a", "43.21A", "43 21 A" → "43.21A"; partial codes keep their shape ("432" → "43.2")."""
    compact = re.sub(r"[\s.]", "", (value or "").upper())
    if len(compact) <= 2:
        return compact
    return f"{compact[:2]}.{compact[2:]}"


def naf_search_queryset(query: str | None, level: str | None = None) -> QuerySet[NafCode]:
    """NAF codes by code prefix ("43.2", "4321A") or by label words, accent-insensitive (unsliced)."""
    raw = (query or "").strip()
    codes = NafCode.objects.all()
    if level:
        codes = codes.filter(level=level)
    compact = re.sub(r"[\s.]", "", raw.upper())
    if re.match(r"^\d{1,4}[A-Z]?$", compact) or re.match(r"^[A-U]$", compact):
        return codes.filter(code__startswith=normalise_naf_code(compact)).order_by("code")
    key, tokens = _tokens(raw)
    if not tokens:
        return codes.none()
    return codes.filter(_all_tokens(tokens)).annotate(relevance=_relevance(key, tokens)).order_by("relevance", "code")


def search_naf(query: str | None, limit: int = 20, level: str | None = None) -> list[NafCode]:
    return list(naf_search_queryset(query, level)[:limit])


def cpv_search_queryset(query: str | None, division: str | None = None) -> QuerySet[CpvCode]:
    """CPV codes by code prefix ("4521", "45210000-2") or by label words, accent-insensitive (unsliced)."""
    raw = (query or "").strip()
    codes = CpvCode.objects.all()
    if division:
        codes = codes.filter(division=division)
    digits = raw.split("-")[0].replace(" ", "")
    if digits.isdigit():
        return codes.filter(code__startswith=digits[:8]).order_by("code")
    key, tokens = _tokens(raw)
    if not tokens:
        return codes.none()
    return codes.filter(_all_tokens(tokens)).annotate(relevance=_relevance(key, tokens)).order_by("relevance", "code")


def search_cpv(query: str | None, limit: int = 20, division: str | None = None) -> list[CpvCode]:
    return list(cpv_search_queryset(query, division)[:limit])


# --- status ------------------------------------------------------------------------------------


def cpv_label(code: str | None) -> str:
    """The French label of a CPV code (« 45262500 » or « 45262500-6 »); empty when the code is unknown."""
    digits = (code or "").split("-")[0].strip()[:8]
    if not digits:
        return ""
    return CpvCode.objects.filter(code=digits).values_list("label", flat=True).first() or ""


def rome_load() -> ReferentialLoad | None:
    """The recorded ROME load (version and counts), without counting the tables."""
    return ReferentialLoad.objects.filter(name="rome").first()


def referential_status() -> list[dict]:
    """What is loaded, for the status command and pages: one entry per referential."""
    loads = {load.name: load for load in ReferentialLoad.objects.all()}
    live = {
        "rome": {
            "fiches": RomeFiche.objects.count(),
            "appellations": Appellation.objects.count(),
            "skills": Skill.objects.count(),
            "fiche_skills": FicheSkill.objects.count(),
            "mobility_links": MobilityLink.objects.count(),
        },
        "naf": {"naf": NafCode.objects.count()},
        "cpv": {"cpv": CpvCode.objects.count()},
        "fap": {"fap": Fap.objects.count(), "fap_rome": FapRome.objects.count()},
    }
    status = []
    for name, label in STATUS_LABELS.items():
        load = loads.get(name)
        status.append(
            {
                "name": name,
                "label": label,
                "loaded": load is not None,
                "version": load.version if load else "",
                "loaded_at": load.loaded_at if load else None,
                "source": load.source if load else "",
                "counts": live[name],
            }
        )
    return status
