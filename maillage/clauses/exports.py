"""Spreadsheet exports of the bilans and the national consolidation (XLSX, several sheets), and the module's
declared list exports (operations, lots, declarations, participants, coordination, import errors)."""

from maillage.common_text import group_thousands
from maillage.kernel.exports import BOLD, Column, Table, blank, new_workbook, workbook_bytes, yes_no
from maillage.kernel.exports import add_sheet as _sheet

from .models import FTE_HOURS
from .selectors import Bilan


def summary_rows(result: Bilan) -> list[tuple[str, object]]:
    return [
        ("Année", result.scope.year or "toutes"),
        ("Heures d'insertion comptabilisées", result.hours),
        ("Heures déclarées et validées (avant règles)", result.raw_hours),
        (f"Équivalents temps plein (1 ETP = {group_thousands(FTE_HOURS)}\u00a0h)", result.fte),
        ("Contrats", result.contracts),
        ("Participants", result.participants),
        ("Entreprises (employeurs)", result.companies),
        ("Donneurs d'ordre", result.buyers),
        ("Opérations", result.operations),
        ("Marchés", result.markets),
        ("Lots", result.lots),
        ("Heures prévues sur ces lots", result.target_hours),
    ]


def bilan_workbook(result: Bilan, title: str) -> bytes:
    workbook = new_workbook()
    summary = _sheet(workbook, "Synthèse", ["Indicateur", "Valeur"], [(title, ""), *summary_rows(result)])
    summary["A2"].font = BOLD
    _sheet(workbook, "Heures par mois", ["Mois", "Heures"], ((m.strftime("%Y-%m"), h) for m, h in result.by_month))
    _sheet(
        workbook,
        "Modalités",
        ["Modalité", "Heures", "Contrats"],
        ((label, h, n) for (label, h), (_, n) in zip(result.by_modality, result.contracts_by_modality, strict=True)),
    )
    _sheet(workbook, "Donneurs d'ordre", ["Donneur d'ordre", "Heures"], result.by_buyer)
    _sheet(workbook, "Territoires", ["EPCI", "Heures"], result.by_epci)
    _sheet(
        workbook,
        "Lots",
        ["Opération", "Lot", "Heures prévues", "Heures comptabilisées"],
        ((r["operation"], r["lot"], r["target"], r["hours"]) for r in result.by_lot),
    )
    _people_sheets(workbook, result)
    return workbook_bytes(workbook)


def _people_sheets(workbook, result: Bilan) -> None:
    rows = (
        [("Sexe", label, n) for label, n in result.by_sex]
        + [("Âge", label, n) for label, n in result.by_age]
        + [("Qualification", label, n) for label, n in result.by_qualification]
        + [("Public", label, n) for label, n in result.by_public]
    )
    _sheet(workbook, "Participants", ["Dimension", "Modalité", "Participants"], rows)
    _sheet(workbook, "Sorties à 6 mois", ["Situation", "Personnes"], result.outcomes)


def national_rows(result: Bilan, figures) -> list[tuple[str, object]]:
    return [
        ("Lots en exécution dans l'année", figures.lots_in_execution),
        ("Marchés en exécution dans l'année", figures.markets_in_execution),
        ("Heures prévues dans l'année (calendriers)", figures.planned_hours),
        ("Entreprises attributaires (titulaires et co-traitants)", figures.contractor_companies),
        ("dont nouvelles dans l'année", figures.contractor_companies_new),
        ("Nouveaux participants", figures.participants_new),
        ("Participants poursuivant leur parcours", figures.participants_continuing),
        ("Participants résidant en QPV", figures.residence_qpv),
        ("Facilitateurs", figures.facilitators),
        ("Temps consacré (ETP)", figures.fte),
        ("Seuils européens appliqués", figures.thresholds),
    ]


def consolidation_workbook(result: Bilan, figures, *, territory_label: str) -> bytes:
    """The Alliance Villes Emploi yearly indicators, one sheet per family of indicators (no personal names)."""
    workbook = new_workbook()
    _sheet(
        workbook,
        "Indicateurs",
        ["Indicateur", "Valeur"],
        [("Territoire", territory_label), *summary_rows(result), *national_rows(result, figures)],
    )
    _sheet(
        workbook,
        "Heures par modalité",
        ["Famille de modalités", "Heures", "ETP"],
        ((g, h, round(h / float(FTE_HOURS), 2)) for g, h in result.by_modality_group),
    )
    _sheet(
        workbook,
        "Contrats par modalité",
        ["Modalité", "Contrats", "Heures"],
        ((label, n, h) for (label, n), (_, h) in zip(result.contracts_by_modality, result.by_modality, strict=True)),
    )
    _sheet(workbook, "Durées des contrats", ["Durée", "Contrats"], figures.contract_durations)
    _people_sheets(workbook, result)
    _sheet(workbook, "Résidence", ["EPCI de résidence", "Participants"], figures.residence_epci)
    _sheet(workbook, "Clauses", ["Type de clause", "Lots en exécution"], figures.clauses)
    _sheet(workbook, "Marchés par nature", ["Nature", "Marchés"], figures.markets_by_nature)
    _sheet(workbook, "Marchés par montant", ["Tranche de montant HT", "Marchés"], figures.markets_by_amount)
    _sheet(workbook, "Marchés par secteur", ["Division CPV", "Marchés"], result.markets_by_division)
    _sheet(workbook, "Heures par type", ["Type de marché", "Heures"], result.by_kind)
    _sheet(workbook, "Donneurs d'ordre", ["Type de donneur d'ordre", "Donneurs d'ordre"], figures.buyers_by_type)
    _sheet(workbook, "Structures employeuses", ["Type de structure", "Structures"], figures.employing_structures)
    _sheet(workbook, "Facilitation", ["Type de structure de facilitation", "Structures"], figures.structures_by_type)
    _sheet(workbook, "Financements", ["Financeur", "Montant (€)", "Part (%)"], figures.funding)
    return workbook_bytes(workbook)


def _epci_name(epci) -> str:
    return epci.name if epci else ""


BILAN_SUMMARY = Table("bilan-clauses", "Bilan", [Column("Indicateur", 0), Column("Valeur", 1)])

OPERATIONS = Table(
    "operations-clauses",
    "Opérations",
    [
        Column("Opération", "name"),
        Column("Donneur d'ordre", "buyer.name"),
        Column("EPCI", lambda o: _epci_name(o.epci)),
        Column("État", "get_status_display"),
        Column("Début", "start_on"),
        Column("Fin", "end_on"),
        Column("Lots", "lot_count"),
    ],
)

# Rows are the dicts of ``selectors.progress_rows``.
LOTS = Table(
    "lots-clauses",
    "Lots",
    [
        Column("Opération", "lot.market.operation.name"),
        Column("Lot", lambda r: str(r["lot"])),
        Column("Donneur d'ordre", "lot.market.operation.buyer.name"),
        Column("EPCI", lambda r: _epci_name(r["lot"].epci)),
        Column("Heures prévues", "target"),
        Column("Heures dues à date", "due"),
        Column("Heures réalisées", "done"),
        Column("Taux (%)", "rate"),
        Column("En retard", "behind", yes_no),
        Column("Pénalités (€)", "penalty"),
    ],
)

STATEMENTS = Table(
    "declarations-a-valider",
    "Déclarations",
    [
        Column("Mois", lambda s: s.month.strftime("%Y-%m")),
        Column("Personne", lambda s: str(s.participant)),
        Column("Opération", "lot.market.operation.name"),
        Column("Lot", lambda s: str(s.lot)),
        Column("Employeur", "contract.employer.name"),
        Column("Heures", lambda s: float(s.hours)),
        Column("Montant", lambda s: float(s.amount) if s.amount is not None else None),
    ],
)

PARTICIPANTS = Table(
    "participants-clauses",
    "Participants",
    [
        Column("Nom", "last_name"),
        Column("Prénom", "first_name"),
        Column("Date de naissance", "birth_date"),
        Column("Sexe", "get_sex_display"),
        Column("Commune", "commune.name", blank),
        Column("Qualification", "get_qualification_display"),
    ],
)

# Rows are the dicts of ``selectors.coordination.coverage_table``.
COVERAGE = Table(
    "coordination-clauses",
    "Coordination",
    [
        Column("EPCI", "epci.name"),
        Column("Structures", lambda r: ", ".join(r["structures"])),
        Column("Facilitateurs", lambda r: ", ".join(r["facilitators"])),
        Column("Chevauchement", "overlap", yes_no),
        Column("Non couvert", "uncovered", yes_no),
        Column("Lots clausés", "clause_lots"),
        Column("Types de marchés sans clause", lambda r: ", ".join(r["missing_kinds"])),
    ],
)

IMPORT_ERRORS = Table(
    "erreurs-import", "Erreurs", [Column("Ligne", "line"), Column("Colonne", "column"), Column("Motif", "message")]
)
