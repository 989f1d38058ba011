"""Printable guides (PDF) by theme and territory, generated from the directory, never written by hand.

fpdf2 with DejaVu Sans (bundled in ``fonts/``, with its licence) so « œ », « € » and every French
character print as they are.
"""

from datetime import date

from fpdf import FPDF

from maillage.common_text import count_of
from maillage.kernel import mde
from maillage.kernel.pdf import FAMILY, add_fonts
from maillage.territories.models import Commune, Epci

from . import schema
from .models import Service


class GuideDocument(FPDF):
    def __init__(self, title: str, subtitle: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        add_fonts(self)
        self.doc_title, self.subtitle = title, subtitle
        self.mde_name = mde.name()
        self.set_title(title)
        self.set_author(self.mde_name)
        self.set_lang("fr")
        self.set_auto_page_break(auto=True, margin=16)
        self.add_page()

    def header(self):
        self.set_font(FAMILY, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.mde_name} – {self.doc_title}", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 5, f"Page {self.page_no()} – généré le {date.today():%d/%m/%Y} depuis l'annuaire", align="C")


def territory_choices() -> list[tuple[str, str]]:
    current = mde.settings()
    epcis = list(mde.perimeter_epcis().order_by("name"))
    if not epcis:
        epcis = list(Epci.objects.filter(communes__departement_id="27").distinct().order_by("name")[:30])
    choices = [(f"epci:{e.code}", e.name) for e in epcis]
    if current and current.departement_id:
        choices.insert(0, (f"dep:{current.departement_id}", f"Département : {current.departement}"))
    return choices


def services_for(category: str, territory: str):
    kind, _, code = territory.partition(":")
    communes = Commune.objects.filter(epci_id=code) if kind == "epci" else Commune.objects.filter(departement_id=code)
    codes = list(communes.values_list("code", flat=True))
    zone_codes = {code, "france", *codes}
    if kind == "epci":
        dep = communes.values_list("departement_id", flat=True).first()
        if dep:
            zone_codes.add(dep)
    qs = (
        Service.objects.filter(is_active=True, thematiques_key__contains=f"|{category}--")
        .select_related("structure")
        .order_by("name")
    )
    local = list(qs.filter(commune_id__in=codes))
    seen = {s.pk for s in local}
    wider = [
        s for s in qs.exclude(pk__in=seen).filter(commune__isnull=True) if set(s.eligibility_zone or []) & zone_codes
    ]
    return local, wider


def _section(pdf: GuideDocument, title: str, services: list[Service]) -> None:
    by_thematique: dict[str, list[Service]] = {}
    for service in services:
        for thematique in service.thematiques or []:
            by_thematique.setdefault(thematique, []).append(service)
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for thematique in sorted(by_thematique, key=lambda t: schema.label("thematiques", t)):
        members = by_thematique[thematique]
        if not members or schema.category_of(thematique) != pdf.category:
            continue
        pdf.set_font(FAMILY, "B", 11)
        pdf.set_fill_color(230, 240, 242)
        pdf.multi_cell(0, 6, schema.label("thematiques", thematique), fill=True, new_x="LMARGIN", new_y="NEXT")
        for service in members:
            pdf.set_font(FAMILY, "B", 10)
            pdf.multi_cell(0, 5, f"{service.name} – {service.structure.name}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FAMILY, "", 9)
            lines = [service.description[:600]]
            details = []
            if service.publics:
                details.append("Pour : " + ", ".join(service.public_labels))
            if service.fees:
                details.append(
                    schema.label("fees", service.fees) + (f" ({service.fees_details})" if service.fees_details else "")
                )
            if service.access_conditions:
                details.append("Conditions : " + service.access_conditions[:300])
            place = ", ".join(
                p for p in [service.address, f"{service.postal_code} {service.commune_name}".strip()] if p
            )
            if place:
                details.append("Où : " + place)
            contact = " – ".join(p for p in [service.phone, service.email] if p)
            if contact:
                details.append("Contact : " + contact)
            if service.mobilisation_url:
                details.append("En ligne : " + service.mobilisation_url)
            for line in lines + details:
                pdf.multi_cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)


def guide_pdf(category: str, territory: str, compress: bool = True) -> tuple[bytes, str, int]:
    """The guide of one theme (category of thématiques) for one territory: bytes, title, services."""
    kind, _, code = territory.partition(":")
    place = Epci.objects.filter(code=code).first() if kind == "epci" else None
    place_name = place.name if place else f"département {code}"
    category_label = schema.label("categories", category)
    title = f"Guide {category_label.lower()} – {place_name}"
    local, wider = services_for(category, territory)
    pdf = GuideDocument(title, place_name)
    pdf.set_compression(compress)
    pdf.category = category
    pdf.set_font(FAMILY, "B", 18)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(
        0,
        5,
        f"Les dispositifs de l'annuaire pour le thème « {category_label} » sur le territoire : {place_name}. "
        f"{count_of(len(local), 'service')} sur place, {count_of(len(wider), 'accessible')} depuis le territoire. "
        "Ce guide est produit à partir de l'annuaire à jour ; toute correction se fait dans l'annuaire.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    if local:
        _section(pdf, "Sur le territoire", local)
    if wider:
        _section(pdf, "Accessibles depuis le territoire (aides départementales, régionales et nationales)", wider)
    if not local and not wider:
        pdf.multi_cell(0, 6, "Aucun dispositif de ce thème n'est encore référencé pour ce territoire.")
    return bytes(pdf.output()), title, len(local) + len(wider)
