"""The steering module's exports, declared once: FSE+ common indicators, a funder's justification and the
activity report's figures."""

from collections.abc import Iterator

from maillage.kernel.exports import Column, Table, blank

FSE_INDICATORS = Table(
    "fse-indicateurs-communs",
    "FSE+",
    [
        Column("Code", "code"),
        Column("Type", "type"),
        Column("Indicateur", "label"),
        Column("Total", "total"),
        Column("Femmes", "women"),
        Column("Hommes", "men"),
        Column("Non binaires", "non_binary"),
    ],
)


def fse_indicator_rows(report: dict) -> Iterator[dict]:
    """The common indicators of ``selectors.fse.common_indicators``, outputs first, then the entities."""
    for group, key in (
        ("Réalisation", "outputs"),
        ("Résultat immédiat", "results"),
        ("Résultat à plus long terme", "longer_term"),
    ):
        for row in report[key]:
            yield {
                "code": row.code,
                "type": group,
                "label": row.label,
                "total": row.total,
                "women": row.women,
                "men": row.men,
                "non_binary": row.non_binary,
            }
    for code, label, value in report["entities"]:
        entity = {"code": code, "type": "Réalisation (entités)", "label": label, "total": value}
        yield entity | {"women": "", "men": "", "non_binary": ""}


# Rows are the dicts of ``selectors.plan.justification_rows``.
JUSTIFICATION = Table(
    "justification",
    "Justification",
    [
        Column("Axe", "axis"),
        Column("Action", "action"),
        Column("Montant attribué (€)", "budget"),
        Column("Réalisé (€)", "actual"),
        Column("Taux de cofinancement (%)", "cofinancing_rate", blank),
        Column("Budget total de l'action (€)", "action_budget"),
        Column("Part du financeur (%)", "share", blank),
        Column("Temps passé (heures)", "staff_hours"),
        Column("Coût du temps passé (€)", "staff_cost"),
        Column("Réalisations (indicateurs des modules)", "outputs"),
    ],
)

REPORT = Table(
    "rapport-activite",
    "Rapport",
    [
        Column("Partie", "part"),
        Column("Action", "action"),
        Column("Indicateur", "label"),
        Column("Cible", "target"),
        Column("Réalisé", "actual"),
        Column("Unité", "unit"),
    ],
)


def report_rows(sections: list[dict], figures: dict) -> Iterator[dict]:
    """The activity report's indicators (``report_sections``), then the funding and the FSE+ figures."""
    for section in sections:
        for axis in section["axes"]:
            for action in axis["actions"]:
                for ind in action["indicators"]:
                    yield {"part": section["title"], "action": action["title"], **_indicator(ind)}
    for funder in figures["funding"]["by_funder"]:
        yield {
            "part": "Financements",
            "action": funder["kind"],
            "label": funder["name"],
            "target": funder["budget"],
            "actual": funder["actual"],
            "unit": "€",
        }
    fse = figures["fse"]
    for label, key in (
        ("Participants entrés", "participants"),
        ("En emploi à la sortie", "in_employment_at_exit"),
        ("En emploi six mois après", "in_employment_six_months"),
    ):
        yield {"part": "FSE+", "action": "", "label": label, "target": "", "actual": fse[key], "unit": "personnes"}


def _indicator(ind: dict) -> dict:
    return {"label": ind["label"], "target": ind["target"], "actual": ind["actual"], "unit": ind["unit"]}
