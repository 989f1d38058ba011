"""The common indicators of Regulation (EU) 2021/1057 (Annex I) over FSE+ participant records.

Computed in SQL (one aggregate per export). Participants count once per entry into an action
(the managing authority's rule); « non renseigné » answers count in no category.
Result indicators count participants who left during the period (EECR01–04) or whose six-month
follow-up falls in it (EECR05).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from ..models import Action, ExitSituation, FseParticipant, Isced, LabourStatus, YesNo

OUTPUT_INDICATORS: list[tuple[str, str, Q]] = [
    (
        "EECO01",
        "Chômeurs, y compris de longue durée",
        Q(labour_status__in=[LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED]),
    ),
    ("EECO02", "Chômeurs de longue durée", Q(labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)),
    ("EECO03", "Personnes inactives", Q(labour_status=LabourStatus.INACTIVE)),
    ("EECO04", "Personnes exerçant un emploi, y compris les indépendants", Q(labour_status=LabourStatus.EMPLOYED)),
    ("EECO05", "Enfants de moins de 18 ans", Q(age_at_entry__lt=18)),
    ("EECO06", "Jeunes de 18 à 29 ans", Q(age_at_entry__gte=18, age_at_entry__lte=29)),
    ("EECO07", "Participants de 55 ans et plus", Q(age_at_entry__gte=55)),
    ("EECO08", "Titulaires d'un diplôme de niveau CITE 0 à 2", Q(education=Isced.LOW)),
    ("EECO09", "Titulaires d'un diplôme de niveau CITE 3 ou 4", Q(education=Isced.MEDIUM)),
    ("EECO10", "Titulaires d'un diplôme de niveau CITE 5 à 8", Q(education=Isced.HIGH)),
    ("EECO11", "Nombre total de participants", Q()),
    ("EECO12", "Participants handicapés", Q(sensitive_consent=True, disability=YesNo.YES)),
    ("EECO13", "Ressortissants de pays tiers", Q(sensitive_consent=True, third_country_national=YesNo.YES)),
    ("EECO14", "Participants d'origine étrangère", Q(sensitive_consent=True, foreign_background=YesNo.YES)),
    (
        "EECO15",
        "Minorités (y compris les communautés marginalisées telles que les Roms)",
        Q(sensitive_consent=True, minority=YesNo.YES),
    ),
    (
        "EECO16",
        "Personnes sans domicile ou touchées par l'exclusion en matière de logement",
        Q(sensitive_consent=True, homeless=YesNo.YES),
    ),
    ("EECO17", "Participants des zones rurales", Q(rural=YesNo.YES)),
]
# Sex is reported beside every participant indicator (breakdown asked by the managing authority).
SEX_BREAKDOWN = [("f", "femmes"), ("m", "hommes"), ("x", "non binaires")]

RESULT_INDICATORS: list[tuple[str, str, Q]] = [
    (
        "EECR01",
        "Participants à la recherche d'un emploi au terme de leur participation",
        Q(labour_status=LabourStatus.INACTIVE, exit_situation=ExitSituation.JOB_SEARCH),
    ),
    (
        "EECR02",
        "Participants suivant des études ou une formation au terme de leur participation",
        Q(exit_situation=ExitSituation.TRAINING),
    ),
    (
        "EECR03",
        "Participants obtenant une qualification au terme de leur participation",
        Q(qualification_gained=YesNo.YES),
    ),
    (
        "EECR04",
        "Participants exerçant un emploi, y compris indépendant, au terme de leur participation",
        Q(exit_situation=ExitSituation.EMPLOYED),
    ),
]
LONGER_TERM_INDICATORS: list[tuple[str, str, Q]] = [
    (
        "EECR05",
        "Participants exerçant un emploi, y compris indépendant, six mois après la fin de leur participation",
        Q(employed_six_months=YesNo.YES),
    ),
]


@dataclass
class CommonIndicator:
    code: str
    label: str
    total: int
    women: int
    men: int
    non_binary: int


def participants_of(*, start: date, end: date, action_ids=None):
    queryset = FseParticipant.objects.filter(action__is_fse_cofunded=True)
    if action_ids:
        queryset = queryset.filter(action_id__in=action_ids)
    return queryset


def _rows(queryset, definitions) -> list[CommonIndicator]:
    aggregates = {}
    for code, _label, condition in definitions:
        aggregates[code] = Count("pk", filter=condition)
        for sex, _ in SEX_BREAKDOWN:
            aggregates[f"{code}_{sex}"] = Count("pk", filter=condition & Q(sex=sex))
    counts = queryset.aggregate(**aggregates)
    return [
        CommonIndicator(code, label, counts[code], counts[f"{code}_f"], counts[f"{code}_m"], counts[f"{code}_x"])
        for code, label, _ in definitions
    ]


def common_indicators(*, start: date, end: date, action_ids=None) -> dict:
    """Output indicators (entries in the period), results at exit and six months after, entities."""
    base = participants_of(start=start, end=end, action_ids=action_ids)
    entered = base.filter(entry_date__gte=start, entry_date__lte=end)
    left = base.filter(exit_date__gte=start, exit_date__lte=end)
    followed = base.filter(followup_date__gte=start, followup_date__lte=end)
    actions = Action.objects.filter(is_fse_cofunded=True, year__gte=start.year, year__lte=end.year)
    if action_ids:
        actions = actions.filter(pk__in=action_ids)
    entities = actions.aggregate(public=Sum("fse_public_bodies_supported"), smes=Sum("fse_smes_supported"))
    return {
        "outputs": _rows(entered, OUTPUT_INDICATORS),
        "results": _rows(left, RESULT_INDICATORS),
        "longer_term": _rows(followed, LONGER_TERM_INDICATORS),
        "entities": [
            ("EECO18", "Administrations ou services publics soutenus", entities["public"] or 0),
            ("EECO19", "Micro, petites et moyennes entreprises soutenues", entities["smes"] or 0),
        ],
    }


ENTRY_REQUIRED = ("sex", "age_at_entry", "labour_status", "education", "rural")


def completeness_problems(*, start: date, end: date, action_ids=None, today: date | None = None) -> list[str]:
    """What the managing authority would reject: missing answers (« non renseigné » is an answer).

    - every participant needs the data at entry;
    - one who left needs the situation at exit and the qualification;
    - six months after exit, the follow-up is due.
    """
    today = today or date.today()
    problems = []
    base = participants_of(start=start, end=end, action_ids=action_ids).filter(entry_date__lte=end)
    base = base.filter(Q(entry_date__gte=start) | Q(exit_date__isnull=True) | Q(exit_date__gte=start))
    labels = {name: FseParticipant._meta.get_field(name).verbose_name for name in ENTRY_REQUIRED}
    for participant in base.select_related("action").order_by("pk"):
        missing = [labels[name] for name in ENTRY_REQUIRED if getattr(participant, name) in ("", None)]
        if participant.exit_date:
            if not participant.exit_situation:
                missing.append("situation à la sortie")
            if not participant.qualification_gained:
                missing.append("qualification obtenue à la sortie")
            six_months = add_months(participant.exit_date, 6)
            if six_months <= today and not participant.employed_six_months:
                missing.append("suivi à six mois")
        if missing:
            problems.append(f"Participant n° {participant.pk} ({participant.action.title}) : {', '.join(missing)}.")
    return problems


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)
