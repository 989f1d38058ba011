"""The procurement module's exports, declared once: the radar's four tables, the contracts and the prospects."""

from maillage.kernel.exports import Column, Table

from .cpv import market_kind


def amount(value):
    """Amounts as floats (spreadsheets sum them), a missing amount as an empty cell."""
    return float(value) if value is not None else None


FIGURES = [
    Column("Marchés", "count"),
    Column("Montant HT (€)", "amount", amount),
    Column("Considérations connues", "known"),
    Column("Avec considération sociale", "social"),
    Column("Part (%)", "share"),
    Column("Clause sociale", "clause"),
    Column("Critère social", "criterion"),
    Column("Marché réservé", "reserved"),
]

# ``?tableau=`` → the radar's table (rows: the dicts of ``selectors.radar``) and the key of its rows in the data.
RADAR = {
    "epci": (Table("radar-epci", "EPCI", [Column("Code", "code"), Column("EPCI", "name"), *FIGURES]), "by_epci"),
    "divisions": (
        Table(
            "radar-types-de-marches",
            "Types de marchés",
            [Column("Division CPV", "code"), Column("Type de marché", "label"), *FIGURES],
        ),
        "by_division",
    ),
    "acheteurs": (
        Table("radar-acheteurs", "Acheteurs", [Column("SIRET", "siret"), Column("Acheteur", "name"), *FIGURES]),
        "by_buyer",
    ),
    "annees": (Table("radar-annees", "Années", [Column("Année", "year"), *FIGURES]), "by_year"),
}


def _holders(contract) -> str:
    return ", ".join(f"{h.get('name') or ''} ({h.get('id')})".strip() for h in contract.holders or [])


# What CONTRACTS reads: a contract has forty columns, and building whole rows was half the time of an
# export of a few thousand contracts (issue #9, bench/profile_mix.py).
CONTRACT_FIELDS = (
    "buyer_id", "buyer__name", "ref", "object", "cpv_code", "cpv_division", "nature", "procedure",
    "commune_id", "epci_id", "epci__name", "departement_id", "amount", "notified_on", "duration_months",
    "holders", "has_social", "social_clause", "social_criterion", "reserved", "subcontracting_declared",
)  # fmt: skip

CONTRACTS = Table(
    "marches-publics",
    "Marchés publics",
    [
        Column("SIRET acheteur", "buyer_id"),
        Column("Acheteur", "buyer.name"),
        Column("Identifiant", "ref"),
        Column("Objet", "object"),
        Column("CPV", "cpv_code"),
        Column("Type", lambda c: market_kind(c.cpv_division)),
        Column("Nature", "nature"),
        Column("Procédure", "procedure"),
        Column("Commune", lambda c: c.commune.name if c.commune_id and c.commune else ""),
        Column("EPCI", lambda c: c.epci.name if c.epci_id and c.epci else ""),
        Column("Département", lambda c: c.departement_id or ""),
        Column("Montant HT (€)", "amount", amount),
        Column("Notifié le", "notified_on"),
        Column("Durée (mois)", "duration_months"),
        Column("Titulaires", _holders),
        Column("Considération sociale", "social_status"),
        Column("Sous-traitance déclarée", lambda c: {True: "Oui", False: "Non", None: ""}[c.subcontracting_declared]),
    ],
)

PROSPECT_BUYERS = Table(
    "prospects-acheteurs",
    "Acheteurs sans clause",
    [
        Column("SIRET", "siret"),
        Column("Acheteur", "name"),
        Column("Marchés", "count"),
        Column("Montant HT (€)", "amount", amount),
        Column("Dont considération inconnue", "unknown"),
        Column("Dernier", "last_notified"),
    ],
)

PROSPECT_TYPES = Table(
    "prospects-types",
    "Types récurrents sans clause",
    [
        Column("SIRET", "siret"),
        Column("Acheteur", "name"),
        Column("Division CPV", "cpv_division"),
        Column("Type de marché", "division_label"),
        Column("Marchés", "count"),
        Column("Montant HT (€)", "amount", amount),
        Column("Dont considération inconnue", "unknown"),
        Column("Dernier", "last_notified"),
    ],
)
