"""Official documents in PDF (fpdf2, pure Python): operation bilan, attestation, yearly bilan."""

from datetime import date
from decimal import Decimal

from fpdf import FPDF

from maillage.common_text import group_thousands, long_date
from maillage.kernel import mde
from maillage.kernel.pdf import add_fonts

from .models import FTE_HOURS
from .selectors import Bilan


def _latin(text) -> str:
    """The text as is: the bundled DejaVu font has every French glyph (« Gros œuvre », « € »)."""
    return "" if text is None else str(text)


def fmt(value, decimals: int = 0) -> str:
    if value is None:
        return "-"
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
        return text
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class Document(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc_title = title
        self.mde_name = mde.name()
        self.set_title(_latin(title))
        self.set_author(_latin(self.mde_name))
        self.set_auto_page_break(auto=True, margin=18)
        self.font_family_name = add_fonts(self)
        self.add_page()

    def header(self):
        self.set_font(self.font_family_name, "B", 10)
        self.set_text_color(11, 85, 99)
        self.cell(0, 6, _latin(self.mde_name), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(11, 85, 99)
        self.line(10, 17, 200, 17)
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.font_family_name, "", 8)
        self.cell(
            0,
            5,
            _latin(f"{self.doc_title} – page {self.page_no()}/{{nb}} – édité le {date.today():%d/%m/%Y}"),
            align="C",
        )

    def title_block(self, subtitle: str = ""):
        self.set_font(self.font_family_name, "B", 16)
        self.multi_cell(0, 8, _latin(self.doc_title), new_x="LMARGIN", new_y="NEXT")
        if subtitle:
            self.set_font(self.font_family_name, "", 11)
            self.multi_cell(0, 6, _latin(subtitle), new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def heading(self, text: str):
        self.ln(2)
        self.set_font(self.font_family_name, "B", 12)
        self.set_text_color(11, 85, 99)
        self.cell(0, 7, _latin(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)

    def paragraph(self, text: str):
        self.set_font(self.font_family_name, "", 10)
        self.multi_cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def table(self, headers, rows, widths=None):
        self.set_font(self.font_family_name, "", 9)
        widths = widths or [190 // len(headers)] * len(headers)
        with super().table(col_widths=widths, text_align=["LEFT"] + ["RIGHT"] * (len(headers) - 1)) as table:
            header = table.row()
            for value in headers:
                header.cell(_latin(value))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(_latin(fmt(value, 1) if isinstance(value, float) else fmt(value)))
        self.ln(2)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _bilan_sections(doc: Document, result: Bilan) -> None:
    doc.heading("Chiffres clés")
    doc.table(
        ["Indicateur", "Valeur"],
        [
            ("Heures d'insertion comptabilisées", result.hours),
            (f"Équivalents temps plein (1 ETP = {group_thousands(FTE_HOURS)}\u00a0h)", result.fte),
            ("Heures prévues sur les lots concernés", result.target_hours),
            ("Participants", result.participants),
            ("Contrats", result.contracts),
            ("Entreprises", result.companies),
            ("Donneurs d'ordre", result.buyers),
            ("Opérations / lots", f"{result.operations} / {result.lots}"),
        ],
        widths=[130, 60],
    )
    doc.heading("Heures par modalité")
    doc.table(["Modalité", "Heures"], [r for r in result.by_modality if r[1]], widths=[130, 60])
    doc.heading("Profil des participants")
    doc.table(
        ["Dimension", "Modalité", "Personnes"],
        [("Sexe", *r) for r in result.by_sex]
        + [("Âge", *r) for r in result.by_age]
        + [("Qualification", *r) for r in result.by_qualification]
        + [("Public", *r) for r in result.by_public],
        widths=[35, 125, 30],
    )
    if any(n for _, n in result.outcomes):
        doc.heading("Situation 6 mois après la fin du parcours")
        doc.table(["Situation", "Personnes"], result.outcomes, widths=[150, 40])


def operation_bilan_pdf(operation, result: Bilan, lot_rows: list[dict]) -> bytes:
    doc = Document(f"Bilan de la clause sociale – {operation.name}")
    doc.alias_nb_pages()
    doc.title_block(f"Donneur d'ordre : {operation.buyer.name}")
    doc.heading("Lots")
    doc.table(
        ["Lot", "Heures prévues", "Heures réalisées", "Taux", "Pénalités (EUR)"],
        [(str(r["lot"]), r["target"], r["done"], f"{fmt(r['rate'], 1)}\u00a0%", r["penalty"] or "-") for r in lot_rows],
        widths=[80, 27, 27, 26, 30],
    )
    _bilan_sections(doc, result)
    return doc.output_bytes()


def yearly_bilan_pdf(title: str, result: Bilan) -> bytes:
    doc = Document(title)
    doc.alias_nb_pages()
    doc.title_block("Heures validées du 1er janvier au 31 décembre, règles de comptabilisation appliquées.")
    _bilan_sections(doc, result)
    if result.by_buyer:
        doc.heading("Heures par donneur d'ordre")
        doc.table(["Donneur d'ordre", "Heures"], result.by_buyer[:40], widths=[150, 40])
    if result.by_epci:
        doc.heading("Heures par territoire (EPCI)")
        doc.table(["EPCI", "Heures"], result.by_epci, widths=[150, 40])
    return doc.output_bytes()


def attestation_pdf(
    *,
    lot,
    company,
    row: dict,
    company_hours: float,
    role: dict | None,
    closed_at,
    people: int,
    contracts: int,
    period: tuple,
    signatory: str,
) -> bytes:
    from .models import CompanyRole

    operation = lot.market.operation
    doc = Document("Attestation de réalisation de la clause sociale d'insertion")
    doc.alias_nb_pages()
    doc.title_block(f"{operation.name} - {lot}")
    role_text = "entreprise du lot"
    if role:
        role_text = str(dict(CompanyRole.choices).get(role["role"], role["role"])).lower()
        if role["start_on"] or role["end_on"]:
            role_text += f" (du {fmt(role['start_on'])} au {fmt(role['end_on'])})"
    doc.paragraph(
        f"La structure de facilitation {doc.mde_name} atteste que l'entreprise {company.name}"
        f"{' (SIRET ' + company.siret + ')' if company.siret else ''}, {role_text} du lot « {lot.label} » "
        f"du marché « {lot.market.object} » passé par {operation.buyer.name}, a réalisé au titre de la clause "
        f"sociale d'insertion (article L2112-2 du code de la commande publique) les heures suivantes :"
    )
    doc.table(
        ["", "Valeur"],
        [
            (f"Heures réalisées par {company.name} (ou pour son compte)", fmt(company_hours, 1)),
            ("Heures d'insertion prévues au lot", row["target"]),
            ("Heures réalisées sur le lot, toutes entreprises", row["done"]),
            ("Taux de réalisation du lot", f"{fmt(row['rate'], 1)}\u00a0%"),
            ("Personnes en parcours pour l'entreprise", people),
            ("Contrats", contracts),
            ("Période", f"du {fmt(period[0])} au {fmt(period[1])}" if period[0] else "-"),
        ],
        widths=[130, 60],
    )
    if closed_at:
        doc.paragraph(
            f"Chiffres figés à la clôture du lot le {long_date(closed_at)} : l'attestation est reproductible à "
            "l'identique."
        )
    doc.paragraph(
        "Les heures sont celles des relevés mensuels validés par le facilitateur, comptabilisées selon les "
        "règles applicables au donneur d'ordre et au territoire. Attestation délivrée pour servir et valoir ce "
        "que de droit, à l'entreprise et au donneur d'ordre."
    )
    doc.ln(8)
    doc.paragraph(f"Fait le {long_date(date.today())}, {signatory}.")
    return doc.output_bytes()
