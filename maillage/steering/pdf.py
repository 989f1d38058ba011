"""The yearly activity report to the State as a PDF (fpdf2, the shared DejaVu Sans: it has « œ » and « € »)."""

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from maillage.kernel import mde
from maillage.kernel.pdf import FAMILY, add_fonts

from .selectors.reporting import format_value, report_sections


class ReportDocument(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        add_fonts(self)
        self.doc_title = title
        self.mde_name = mde.name()
        self.set_title(title)
        self.set_author(self.mde_name)
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()

    def header(self):
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"{self.mde_name} – {self.doc_title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")

    def heading(self, text: str, size: int = 14):
        self.ln(2)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 10)

    def paragraph(self, text: str):
        if text:
            self.set_font(FAMILY, "", 10)
            self.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1)

    def table(self, headers: list[str], rows: list[list[str]], widths: list[int]):
        self.set_font(FAMILY, "B", 9)
        for header, width in zip(headers, widths, strict=True):
            self.cell(width, 6, header, border=1)
        self.ln()
        self.set_font(FAMILY, "", 9)
        for row in rows:
            for index, (value, width) in enumerate(zip(row, widths, strict=True)):
                self.cell(width, 6, value[:70], border=1, align="L" if index == 0 else "R")
            self.ln()
        self.ln(2)


def report_pdf(report, figures: dict, *, staff_time: bool) -> bytes:
    """The report as a PDF; ``staff_time`` says whether the reader may see the MDE's staff hours (policies)."""
    status = "version validée" if report.is_validated else "brouillon"
    pdf = ReportDocument(f"Rapport d'activité {report.year} à l'État ({status}, version {report.version})")
    pdf.heading(f"Rapport d'activité {report.year}", 18)
    pdf.paragraph(f"{pdf.mde_name} – {status}, version {report.version}.")
    pdf.paragraph(report.introduction)
    for section in report_sections(report, figures):
        if not section["axes"] and not section["text"]:
            continue
        pdf.heading(section["title"])
        pdf.paragraph(section["text"])
        for axis in section["axes"]:
            for action in axis["actions"]:
                pdf.heading(action["title"], 11)
                hours = f" – temps passé : {format_value(action['staff_hours'])}\u00a0h" if staff_time else ""
                pdf.paragraph(f"État : {action['status']}{hours}")
                if action["indicators"]:
                    pdf.table(
                        ["Indicateur", "Cible", "Réalisé", "Unité"],
                        [
                            [ind["label"], format_value(ind["target"]), format_value(ind["actual"]), ind["unit"]]
                            for ind in action["indicators"]
                        ],
                        [95, 25, 25, 35],
                    )
    funding = figures["funding"]
    pdf.heading("Financements")
    share = funding["state_share_percent"]
    pdf.paragraph(
        f"Budget : {format_value(funding['budget'])}\u00a0€ ; réalisé : {format_value(funding['actual'])}\u00a0€ ; "
        f"part de l'État : {format_value(share) if share is not None else '–'}\u00a0%."
    )
    if funding["by_funder"]:
        pdf.table(
            ["Financeur", "Budget (€)", "Réalisé (€)", "Part (%)"],
            [
                [row["name"], format_value(row["budget"]), format_value(row["actual"]), format_value(row["share"])]
                for row in funding["by_funder"]
            ],
            [95, 30, 30, 25],
        )
    fse = figures["fse"]
    pdf.heading("Fonds social européen (FSE+)")
    pdf.paragraph(
        f"Participants entrés : {format_value(fse['participants'])} ; en emploi à la sortie : "
        f"{format_value(fse['in_employment_at_exit'])} ; en emploi six mois après : "
        f"{format_value(fse['in_employment_six_months'])}."
    )
    pdf.heading("Perspectives")
    pdf.paragraph(report.outlook)
    return bytes(pdf.output())
