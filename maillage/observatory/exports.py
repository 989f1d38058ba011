"""Exports of a diagnostic: a long table (CSV / XLSX) and a PDF (fpdf2, DejaVu font for « œ »).

Masked counts are written « secret » everywhere; text cells are neutralised against formula
injection (a leading ``= + - @`` gets an apostrophe).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from fpdf import FPDF

from maillage.common_text import long_date
from maillage.kernel.exports import Column, Table, new_workbook, safe_cell, workbook_bytes
from maillage.kernel.pdf import FAMILY, add_fonts

from . import secrecy

DIAGNOSTIC = Table(
    "diagnostic",
    "Diagnostic",
    [
        Column("Rubrique", 0),
        Column("Libellé", 1),
        Column("Territoire", 2),
        Column("Valeur", 3),
        Column("Unité", 4),
        Column("Précision", 5),
    ],
)

# Rows are the dicts of ``selectors.tension.tension_matrix``; a secret count shows as such.
TENSION = Table(
    "tensions-locales",
    "Tensions locales",
    [
        Column("EPCI", "epci_name"),
        Column("ROME", "rome"),
        Column("Métier", "rome_label"),
        Column("Offres", "offers"),
        Column("Ouvertes", "open"),
        Column("Pourvues", "filled"),
        Column("Closes sans embauche", "closed_unfilled"),
        Column("Candidatures", "applications"),
        Column("Délai moyen (jours)", "days_to_fill"),
        Column("Candidats", lambda r: secrecy.SECRET_LABEL if r["candidates"] is None else r["candidates"]),
        Column("Indice local", "score"),
        Column("FAP BMO", "bmo_fap"),
        Column("% difficiles BMO", "bmo_difficult_pct"),
        Column("Classe DARES", "dares_class"),
    ],
)

# Rows are ``FapRomeMatch`` objects; the headers are the machine-readable names the file has always had.
FAP_ROME = Table(
    "fap2021-rome",
    "FAP 2021 - ROME",
    [
        Column("fap2021", "fap_code"),
        Column("intitule_fap2021", "fap_label"),
        Column("fap2009", "fap2009_code"),
        Column("rome", "rome_code"),
        Column("intitule_rome", "rome_label"),
        Column("confiance", "confidence"),
        Column("methode", "method"),
    ],
)

# Rows are ``(line, error)`` pairs: every refused line of the last run (``views.data.import_errors``).
IMPORT_ERRORS = Table("erreurs-import", "Erreurs", [Column("ligne", 0), Column("erreur", 1)])


def _v(value):
    return secrecy.SECRET_LABEL if value is None else value


def diagnostic_rows(scope, data) -> list[list]:
    """The rows of ``DIAGNOSTIC``."""
    rows: list[list] = [["Population", "Population légale", scope.label, data["population"], "habitants", ""]]
    seekers = data["job_seekers"]
    for row in seekers["comparisons"]:
        rows.append(
            ["Demandeurs d'emploi", "Inscrits A, B, C (déc. 2024)", row["label"], _v(row["latest"]), "personnes", ""]
        )
        rows.append(["Demandeurs d'emploi", "Pour 1 000 habitants", row["label"], row["per_thousand"], "‰", ""])
        rows.append(["Demandeurs d'emploi", "Évolution sur un an", row["label"], row["change_1y"], "%", ""])
    bmo = data["bmo"]
    for row in bmo["comparisons"]:
        note = "minorant (cellules secrètes)" if row["lower_bound"] else ""
        rows.append(["BMO 2024", "Projets de recrutement", row["label"], row["projects"], "projets", note])
        rows.append(["BMO 2024", "Part des projets difficiles", row["label"], row["difficult_pct"], "%", ""])
        rows.append(["BMO 2024", "Part des projets saisonniers", row["label"], row["seasonal_pct"], "%", ""])
    for row in bmo["top_projects"]:
        rows.append(
            ["BMO 2024 par métier", f"{row['code']} {row['label']}", scope.label, row["projects"], "projets",
             f"{row['difficult_pct']}\u00a0% difficiles, {row['seasonal_pct']}\u00a0% saisonniers"]
        )  # fmt: skip
    for weight in bmo["weights"]:
        rows.append(
            [
                "Méthode",
                f"Poids du bassin {weight.name}",
                scope.label,
                round(weight.weight, 4),
                "part de population",
                "",
            ]
        )
    for row in data["shortage"]:
        factors = ", ".join(f"{name} {value:.0f}/5" for name, value in row["factors"] if value is not None)
        rows.append(["Métiers en tension (DARES 2019)", f"{row['code']} {row['label']}", scope.departement,
                     row["tension_class"], "classe 1-5", factors])  # fmt: skip
    return [[safe_cell(cell) for cell in row] for row in rows]


class DiagnosticPdf(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        add_fonts(self)
        self.doc_title = title
        self.set_title(title)
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def header(self):
        self.set_font(FAMILY, "B", 9)
        self.cell(0, 6, self.doc_title, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"Page {self.page_no()} – édité le {date.today():%d/%m/%Y}", align="C")

    def heading(self, text: str):
        self.ln(3)
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, "", 9)

    def paragraph(self, text: str):
        self.set_font(FAMILY, "", 9)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def fr(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")


def write_diagnostic(pdf: DiagnosticPdf, scope, data) -> None:
    seekers, bmo = data["job_seekers"], data["bmo"]
    pdf.heading("Chiffres clés")
    pdf.paragraph(
        f"{scope.label} : {fr(data['population'])} habitants. Secret statistique : les effectifs de personnes "
        f"inférieurs à {secrecy.threshold()} sont masqués (« secret »)."
    )
    pdf.heading("Demandeurs d'emploi inscrits (A, B, C), décembre 2024")
    pdf.paragraph(
        f"Communes couvertes (5 000 habitants et plus) : {', '.join(seekers['covered_names']) or 'aucune'} ; "
        f"{fr(seekers['coverage'], 1)}\u00a0% de la population du territoire."
    )
    pdf_table(pdf, ["Territoire", "Inscrits", "‰ habitants", "Sur 1 an", "Depuis janv. 2020"],
              [[r["label"], fr(r["latest"]) if r["latest"] is not None else "secret",
                fr(r["per_thousand"], 1), f"{fr(r['change_1y'], 1)}\u00a0%", f"{fr(r['change_5y'], 1)}\u00a0%"]
               for r in seekers["comparisons"]])  # fmt: skip
    pdf.heading("Besoins en main-d'œuvre 2024")
    pdf_table(pdf, ["Territoire", "Projets", "‰ habitants", "% difficiles", "% saisonniers"],
              [[r["label"], fr(r["projects"]), fr(r["per_thousand"], 1), fr(r["difficult_pct"], 1),
                fr(r["seasonal_pct"], 1)] for r in bmo["comparisons"]])  # fmt: skip
    pdf.paragraph(
        "Méthode : chaque bassin BMO compte pour la part de sa population qui habite le territoire : "
        + "; ".join(f"{w.name.title()} {fr(100 * w.weight, 1)}\u00a0%" for w in bmo["weights"])
        + ". Les cellules secrètes à la source sont exclues : les totaux sont alors des minorants."
    )
    pdf.heading("Premiers métiers recherchés (BMO 2024)")
    pdf_table(pdf, ["Métier (FAP 2021)", "Projets", "% difficiles", "% saisonniers"],
              [[f"{r['code']} {r['label']}", fr(r["projects"]), fr(r["difficult_pct"], 1), fr(r["seasonal_pct"], 1)]
               for r in bmo["top_projects"][:12]], widths=[100, 25, 30, 30])  # fmt: skip
    if data["shortage"]:
        pdf.heading("Métiers en forte tension dans le département (DARES 2019) et facteurs explicatifs")
        pdf_table(pdf, ["Métier (FAP 2009)", "Classe", "Facteurs (1 à 5)"],
                  [[f"{r['code']} {r['label']}", fr(r["tension_class"]),
                    "; ".join(f"{n} {fr(v)}" for n, v in r["factors"])] for r in data["shortage"][:10]],
                  widths=[60, 15, 115])  # fmt: skip
    pdf.heading("Sources")
    for dataset in data["sources"]:
        pdf.paragraph(f"{dataset.label} – {dataset.source}, {dataset.vintage}. {dataset.licence}.")


def pdf_table(pdf: DiagnosticPdf, headers, rows, widths=None):
    pdf.set_font(FAMILY, "", 8)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
        header = table.row()
        for cell in headers:
            header.cell(str(cell))
        for values in rows:
            row = table.row()
            for cell in values:
                row.cell("" if cell is None else str(cell))


def pdf_response(pdf: FPDF, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def diagnostic_pdf(scope, data, *, title: str, sections: list[dict] | None = None) -> HttpResponse:
    pdf = DiagnosticPdf(title)
    for section in sections or []:
        pdf.heading(section.get("title", ""))
        if section.get("text"):
            pdf.paragraph(section["text"])
    write_diagnostic(pdf, scope, data)
    return pdf_response(pdf, "diagnostic-" + scope.key.replace(":", "-"))


def _cell(value) -> str:
    if value is None:
        return secrecy.SECRET_LABEL
    if isinstance(value, float):
        return fr(value, 1)
    return fr(value) if isinstance(value, int) else str(value)


def write_version(pdf: DiagnosticPdf, version) -> None:
    """A diagnostic version: its sections, each with its embedded (frozen) figure table."""
    snapshot = version.snapshot
    status = (
        f"Validé en comité de pilotage le {long_date(version.committee_date)}"
        if version.committee_date
        else "Version de travail (non validée)"
    )
    pdf.paragraph(f"{snapshot.get('scope', '')} – version {version.number} du {version.created_at:%d/%m/%Y}. {status}.")
    for section in version.sections:
        pdf.heading(section["title"])
        if section.get("text"):
            pdf.paragraph(section["text"])
        figure = snapshot.get(section.get("figure") or "")
        if figure and figure.get("rows"):
            pdf_table(pdf, figure["headers"], [[_cell(v) for v in row] for row in figure["rows"]])
    pdf.heading("Sources")
    for source in snapshot.get("sources", []):
        pdf.paragraph(source)


def version_xlsx(version) -> bytes:
    workbook = new_workbook()
    sheet = workbook.create_sheet("Diagnostic")
    sheet.append([safe_cell(version.document.title), f"version {version.number}"])
    for section in version.sections:
        sheet.append([])
        sheet.append([safe_cell(section["title"])])
        if section.get("text"):
            sheet.append([safe_cell(section["text"])])
        figure = version.snapshot.get(section.get("figure") or "")
        if figure:
            sheet.append([safe_cell(h) for h in figure["headers"]])
            for row in figure["rows"]:
                sheet.append([secrecy.SECRET_LABEL if v is None else safe_cell(v) for v in row])
    return workbook_bytes(workbook)
