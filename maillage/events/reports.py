"""The event report (PDF and XLSX) and the badges (PDF with a QR code to check in from a phone).

PDFs use DejaVu Sans (bundled in ``fonts/``, Bitstream Vera licence) so « œ », « € » and every French
character print as typed.
"""

import io
from datetime import date

import segno
from fpdf import FPDF

from maillage.common_text import long_date
from maillage.kernel.exports import add_sheet, new_workbook, safe_cell, workbook_bytes
from maillage.kernel.pdf import FAMILY, add_fonts

from .choices import REGISTRANT_PUBLICS, EventKind

PUBLIC_LABELS = dict(REGISTRANT_PUBLICS) | {"": "Non précisé"}


def _rate(value):
    return "–" if value is None else f"{value:.1f}\u00a0%".replace(".", ",")


def summary_rows(kpis) -> list[tuple[str, object]]:
    return [
        ("Inscrits", kpis.registrants),
        ("dont sur place", kpis.registrants_on_site),
        ("dont à distance", kpis.registrants_remote),
        ("Inscriptions annulées", kpis.cancelled),
        ("Présents", kpis.present),
        ("dont venus sans inscription", kpis.walk_ins),
        ("Taux de présence", _rate(kpis.attendance_rate)),
        ("Stands", kpis.stands),
        ("Offres", kpis.offers),
        ("Candidatures", kpis.applications),
        ("Candidatures retenues", kpis.retained),
        ("Entretiens réservés", kpis.interviews_booked),
        ("Entretiens passés", kpis.interviewed),
        ("Recrutements", kpis.hired),
        ("En emploi à 1 mois", kpis.in_employment_1m),
        ("En emploi à 3 mois", kpis.in_employment_3m),
        ("Satisfaction des candidats (sur 5)", kpis.satisfaction_candidates or "–"),
        ("Satisfaction des entreprises (sur 5)", kpis.satisfaction_companies or "–"),
    ]


def offer_rows(kpis):
    return [
        (o["stand__establishment__name"], o["offer__title"], o["n_applications"], o["n_retained"], o["n_hired"])
        for o in kpis.per_offer
    ]


def public_rows(kpis):
    return [(PUBLIC_LABELS.get(r["public"], r["public"]), r["n"], r["present"]) for r in kpis.by_public]


def epci_rows(kpis, epci_names):
    return [
        (epci_names.get(r["epci_code"], r["epci_code"] or "Hors territoire ou non précisé"), r["n"], r["present"])
        for r in kpis.by_epci
    ]


class _Pdf(FPDF):
    def __init__(self, title: str, orientation="P"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        add_fonts(self)
        self.doc_title = title
        self.set_title(title)
        self.set_lang("fr")
        self.set_auto_page_break(auto=True, margin=15)

    def footer(self):
        self.set_y(-10)
        self.set_font(FAMILY, "", 7)
        self.cell(
            0, 4, f"{self.doc_title} – page {self.page_no()}/{{nb}} – édité le {date.today():%d/%m/%Y}", align="C"
        )

    def heading(self, text, size=12):
        self.ln(2)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")

    def table_of(self, headers, rows, widths):
        self.set_font(FAMILY, "", 9)
        with self.table(col_widths=widths, text_align=["LEFT"] + ["RIGHT"] * (len(headers) - 1)) as table:
            head = table.row()
            for value in headers:
                head.cell(str(value))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(str(value))
        self.ln(2)


def report_pdf(event, kpis, epci_names) -> bytes:
    pdf = _Pdf(f"Bilan – {event.title}")
    pdf.add_page()
    pdf.heading(f"Bilan de l'événement « {event.title} »", 15)
    pdf.set_font(FAMILY, "", 10)
    place = event.commune.name if event.commune_id else "en ligne"
    pdf.multi_cell(
        0,
        5,
        f"{EventKind(event.kind).label} – le {long_date(event.start_date, weekday=True)} de {event.start_time:%H:%M} à "
        f"{event.end_time:%H:%M} – {place} – organisé par {event.organiser.name}.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.heading("Chiffres clés")
    pdf.table_of(["Indicateur", "Valeur"], summary_rows(kpis), (120, 60))
    if kpis.per_offer:
        pdf.heading("Candidatures par offre")
        pdf.table_of(
            ["Entreprise", "Offre", "Candidatures", "Retenues", "Recrutés"], offer_rows(kpis), (45, 70, 25, 22, 22)
        )
    pdf.heading("Inscrits par public")
    pdf.table_of(["Public", "Inscrits", "Présents"], public_rows(kpis) or [("–", 0, 0)], (110, 35, 35))
    pdf.heading("Inscrits par EPCI de résidence")
    pdf.table_of(["EPCI", "Inscrits", "Présents"], epci_rows(kpis, epci_names) or [("–", 0, 0)], (110, 35, 35))
    return bytes(pdf.output())


def report_xlsx(event, kpis, epci_names) -> bytes:
    """Four sheets through the shared tabular mechanism (formula injection neutralised there)."""
    workbook = new_workbook()
    add_sheet(workbook, "Chiffres clés", ["Indicateur", "Valeur"], summary_rows(kpis))
    add_sheet(workbook, "Offres", ["Entreprise", "Offre", "Candidatures", "Retenues", "Recrutés"], offer_rows(kpis))
    add_sheet(workbook, "Publics", ["Public", "Inscrits", "Présents"], public_rows(kpis))
    add_sheet(workbook, "EPCI", ["EPCI", "Inscrits", "Présents"], epci_rows(kpis, epci_names))
    workbook.properties.title = safe_cell(f"Bilan – {event.title}")[:200]
    return workbook_bytes(workbook)


def qr_png(data: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def badges_pdf(event, registrations, url_for) -> bytes:
    """Eight badges per A4 page: name, event, and a QR code of the check-in link."""
    pdf = _Pdf(f"Badges – {event.title}")
    width, height = 95, 68
    for index, registration in enumerate(registrations):
        if index % 8 == 0:
            pdf.add_page()
        col, row = index % 2, (index % 8) // 2
        x, y = 10 + col * width, 10 + row * height
        pdf.rect(x, y, width - 4, height - 4)
        person = registration.registrant.person
        pdf.set_xy(x + 4, y + 5)
        pdf.set_font(FAMILY, "B", 14)
        pdf.multi_cell(width - 40, 7, f"{person.first_name}\n{person.last_name}" if person else "Participant")
        pdf.set_xy(x + 4, y + height - 22)
        pdf.set_font(FAMILY, "", 8)
        pdf.multi_cell(width - 40, 4, event.title[:80])
        pdf.image(qr_png(url_for(registration)), x=x + width - 36, y=y + 8, w=30, h=30)
    if not registrations:
        pdf.add_page()
        pdf.heading("Aucun inscrit.")
    return bytes(pdf.output())
