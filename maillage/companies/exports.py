"""The company file as one XLSX workbook (one sheet per section), for a meeting with the company."""

from maillage.kernel.exports import add_sheet as _sheet
from maillage.kernel.exports import new_workbook, workbook_bytes

from .selectors import CompanyFile


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
