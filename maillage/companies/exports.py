"""The module's declared exports (agreements, needs, prospects, follow-ups) and the company file as one XLSX
workbook (one sheet per section), for a meeting with the company."""

from maillage.kernel.exports import Column, Table, new_workbook, workbook_bytes, yes_no
from maillage.kernel.exports import add_sheet as _sheet

from .selectors import CompanyFile


def _epci_name(establishment) -> str:
    return establishment.commune.epci.name if establishment.commune.epci else ""


AGREEMENTS = Table(
    "conventions",
    "Conventions",
    [
        Column("Convention", "title"),
        Column("Type", "get_kind_display"),
        Column("Entreprise", "establishment.name"),
        Column("SIRET", "establishment.siret"),
        Column("Commune", "establishment.commune.name"),
        Column("État", "get_status_display"),
        Column("Début", "start_date"),
        Column("Fin", "end_date"),
        Column("Emplois supprimés", "jobs_cut"),
        Column("Montant (€)", "amount"),
        Column("Engagé (€)", "amount_committed"),
        Column("Dépensé (€)", "amount_spent"),
        Column("Emplois à recréer", "jobs_target"),
        Column("Emplois recréés", "jobs_created"),
        Column("Bénéficiaires", "beneficiaries"),
    ],
)

NEEDS = Table(
    "besoins-recrutement",
    "Besoins",
    [
        Column("Établissement", "establishment.name"),
        Column("SIRET", "establishment.siret"),
        Column("Commune", "establishment.commune.name"),
        Column("EPCI", lambda n: _epci_name(n.establishment)),
        Column("Code ROME", "appellation.fiche_id"),
        Column("Métier (appellation)", "appellation.label"),
        Column("Postes", "positions"),
        Column("Postes pourvus", "positions_filled"),
        Column("Contrat", "get_contract_type_display"),
        Column("Embauche souhaitée", "wanted_by"),
        Column("Difficulté", "get_difficulty_display"),
        Column("Motif", "get_reason_display"),
        Column("État", "get_status_display"),
    ],
)

# Rows are ``(rank, prospect)`` pairs.
PROSPECTS = Table(
    "prospection",
    "Prospection",
    [
        Column("Rang", lambda r: r[0]),
        Column("Établissement", lambda r: r[1].establishment.name),
        Column("SIRET", lambda r: r[1].establishment.siret),
        Column("Commune", lambda r: r[1].establishment.commune.name),
        Column("EPCI", lambda r: _epci_name(r[1].establishment)),
        Column("Code NAF", lambda r: r[1].establishment.naf),
        Column("Secteur", lambda r: r[1].naf_label),
        Column("Tranche d'effectif", lambda r: r[1].establishment.get_size_band_display()),
        Column("Part des embauches du métier dans le secteur (%)", lambda r: round(100 * r[1].share, 2)),
        Column(
            "Embauches nationales du secteur pour ce métier (secteur voisin : pour moitié)",
            lambda r: round(r[1].hirings),
        ),
        Column("Indice (100 = meilleur)", lambda r: r[1].score),
        Column("Besoin déjà exprimé", lambda r: r[1].has_open_need, yes_no),
        Column("Dernier échange", lambda r: r[1].last_contact),
        Column("Pourquoi", lambda r: r[1].reason),
    ],
)

FOLLOWUPS = Table(
    "relances",
    "Relances",
    [
        Column("Relance prévue le", "follow_up_on"),
        Column("Établissement", "establishment.name"),
        Column("Commune", "establishment.commune.name"),
        Column("Échange", "get_kind_display"),
        Column("Date de l'échange", "date"),
        Column("Objet", "subject"),
        Column("Auteur", lambda i: str(i.author or "")),
    ],
)


def company_file_xlsx(file: CompanyFile) -> bytes:
    e = file.establishment
    workbook = new_workbook()
    _sheet(
        workbook,
        "Établissement",
        ["Rubrique", "Valeur"],
        [
            ("Nom", e.name),
            ("Raison sociale", e.legal_name),
            ("SIRET", e.siret),
            ("Code NAF", e.naf),
            ("Activité", file.naf_label),
            ("Tranche d'effectif", e.get_size_band_display()),
            ("Adresse", e.address),
            ("Commune", f"{e.commune.name} ({e.commune_id})"),
            ("EPCI", e.commune.epci.name if e.commune.epci else ""),
        ],
    )
    _sheet(
        workbook,
        "Contacts",
        ["Prénom", "Nom", "Fonction", "E-mail", "Téléphone", "Principal", "En poste"],
        (
            (
                c.first_name,
                c.last_name,
                c.job_title,
                c.email,
                c.phone,
                "oui" if c.is_main else "",
                "oui" if c.is_active else "non",
            )
            for c in file.contacts
        ),
    )
    if file.interactions is not None:
        _sheet(
            workbook,
            "Échanges",
            ["Date", "Type", "Objet", "Compte rendu", "Auteur", "Relance prévue", "Relance faite"],
            (
                (
                    i.date,
                    i.get_kind_display(),
                    i.subject,
                    i.notes,
                    str(i.author or ""),
                    i.follow_up_on,
                    i.follow_up_done_at.date() if i.follow_up_done_at else None,
                )
                for i in file.interactions
            ),
        )
    _sheet(
        workbook,
        "Besoins",
        [
            "Code ROME",
            "Métier",
            "Postes",
            "Pourvus",
            "Contrat",
            "Embauche souhaitée",
            "Trimestre",
            "Difficulté",
            "Motif",
            "État",
        ],
        (
            (
                n.appellation.fiche_id,
                n.appellation.label,
                n.positions,
                n.positions_filled,
                n.get_contract_type_display(),
                n.wanted_by,
                n.quarter,
                n.get_difficulty_display(),
                n.get_reason_display(),
                n.get_status_display(),
            )
            for n in file.needs
        ),
    )
    _sheet(
        workbook,
        "Plan de recrutement",
        ["Année", "Trimestre", "Action", "Date prévue", "Besoin", "Postes visés", "Partenaires", "État"],
        (
            (
                plan.year,
                f"T{a.quarter}",
                a.get_kind_display(),
                a.planned_on,
                a.need.appellation.label if a.need else "",
                a.positions_targeted,
                a.partners,
                a.get_status_display(),
            )
            for plan in file.plans
            for a in plan.actions.select_related("need__appellation")
        ),
    )
    return workbook_bytes(workbook)
