"""Factories of the jobs tests: a tiny but real-looking ROME referential and places around Évreux."""

from types import SimpleNamespace

from django.utils import timezone

from maillage.jobs.models import Candidate, ConsentPurpose, Offer, OfferStatus
from maillage.jobs.search import refresh_candidates, refresh_offers
from maillage.referentials.models import Appellation, DomaineProfessionnel, FicheSkill, GrandDomaine, RomeFiche, Skill

from ..factories import CommuneFactory

FICHES = {
    "B1803": ("Couturier / Couturière", "B18", "Réalise des vêtements sur mesure ou en petite série."),
    "D1207": ("Retoucheur / Retoucheuse en habillement", "D12", "Effectue des retouches de vêtements."),
    "H2605": (
        "Monteur-câbleur / Monteuse-câbleuse en électronique",
        "H26",
        "Réalise le montage et le câblage de cartes et sous-ensembles électroniques.",
    ),
    "H2602": ("Câbleur / Câbleuse d'armoires", "H26", "Câble des armoires électriques."),
    "D1505": ("Personnel de caisse", "D15", "Enregistre les achats des clients et procède à l'encaissement."),
    "D1408": ("Téléconseiller / Téléconseillère", "D14", "Renseigne les clients par téléphone."),
    "H2913": ("Soudeur / Soudeuse", "H29", "Soude des pièces métalliques selon des plans."),
}
APPELLATIONS = [
    ("10001", "Couturier / Couturière", "B1803", True),
    ("10002", "Couturier / Couturière retoucheur / retoucheuse", "B1803", False),
    ("10003", "Retoucheur / Retoucheuse en habillement", "D1207", True),
    ("10004", "Monteur-câbleur / Monteuse-câbleuse en électronique", "H2605", True),
    ("10005", "Câbleur / Câbleuse en électronique", "H2605", False),
    ("10006", "Câbleur / Câbleuse d'armoires électriques", "H2602", True),
    ("10007", "Caissier / Caissière", "D1505", True),
    ("10008", "Téléconseiller / Téléconseillère", "D1408", True),
    ("10009", "Soudeur / Soudeuse TIG", "H2913", True),
]
SKILLS = [
    ("300233", "Réaliser les travaux de montage, d'assemblage", ["B1803", "H2605", "H2602"], ["B1803", "H2605"]),
    ("300490", "Faire preuve de rigueur et de précision", ["B1803", "H2605", "H2913", "D1505"], []),
    ("100100", "Coudre des pièces de tissu", ["B1803", "D1207"], ["B1803", "D1207"]),
    ("100101", "Réaliser des retouches", ["D1207", "B1803"], ["D1207"]),
    ("105778", "Câblage filaire", ["H2605", "H2602"], ["H2605", "H2602"]),
    ("100286", "Techniques de soudure", ["H2605", "H2913"], ["H2913"]),
    ("105777", "Caractéristiques des composants électroniques", ["H2605"], ["H2605"]),
    ("100200", "Encaisser un paiement", ["D1505"], ["D1505"]),
    ("100201", "Accueillir un client", ["D1505", "D1408"], ["D1408"]),
    ("100202", "Traiter une réclamation client", ["D1408"], ["D1408"]),
]


def make_referential():
    grands = {}
    for code, (label, domaine, definition) in FICHES.items():
        grand = grands.setdefault(
            code[0], GrandDomaine.objects.get_or_create(code=code[0], label=f"Domaine {code[0]}")[0]
        )
        dom, _ = DomaineProfessionnel.objects.get_or_create(
            code=domaine, defaults={"label": f"Domaine {domaine}", "grand_domaine": grand}
        )
        RomeFiche.objects.create(
            code=code,
            label=label,
            search_label=label.lower(),
            domaine=dom,
            code_rome_parent=code,
            definition=definition,
        )
    for code, label, fiche, is_main in APPELLATIONS:
        Appellation.objects.create(code=code, label=label, search_label=label.lower(), fiche_id=fiche, is_main=is_main)
    for code, label, fiches, core in SKILLS:
        Skill.objects.create(code=code, label=label, kind="savoir_faire", search_label=label.lower())
        for fiche in fiches:
            importance = FicheSkill.Importance.CORE if fiche in core else ""
            FicheSkill.objects.create(fiche_id=fiche, skill_id=code, importance=importance)
    communes = SimpleNamespace(
        evreux=CommuneFactory(code="27229", name="Évreux", search_name="evreux", latitude=49.0241, longitude=1.1508),
        louviers=CommuneFactory(
            code="27375", name="Louviers", search_name="louviers", latitude=49.2153, longitude=1.1656
        ),
        vernon=CommuneFactory(code="27681", name="Vernon", search_name="vernon", latitude=49.0929, longitude=1.4853),
        rouen=CommuneFactory(code="76540", name="Rouen", search_name="rouen", latitude=49.4431, longitude=1.0993),
    )
    return SimpleNamespace(communes=communes)


def make_candidate(commune, *, held=(), sought=(), skills=(), radius=30, consent=True, **extra) -> Candidate:
    candidate = Candidate.objects.create(
        first_name=extra.pop("first_name", "Fatima"),
        last_name=extra.pop("last_name", "Haddad"),
        commune=commune,
        latitude=commune.latitude,
        longitude=commune.longitude,
        mobility_radius_km=radius,
        consent_at=timezone.now() if consent else None,
        consent_purpose=extra.pop("consent_purpose", ConsentPurpose.SHARING),
        **extra,
    )
    candidate.held_appellations.set(Appellation.objects.filter(code__in=held))
    candidate.sought_appellations.set(Appellation.objects.filter(code__in=sought))
    candidate.skills.set(Skill.objects.filter(code__in=skills))
    refresh_candidates(ids=[candidate.pk])
    candidate.refresh_from_db()
    return candidate


def make_offer(commune, *, appellation="10004", skills=(), contract="CDI", **extra) -> Offer:
    app = Appellation.objects.get(code=appellation)
    offer = Offer.objects.create(
        title=extra.pop("title", "Monteur câbleur H/F"),
        appellation=app,
        rome_code=app.fiche_id,
        contract_type=contract,
        commune=commune,
        latitude=commune.latitude,
        longitude=commune.longitude,
        status=extra.pop("status", OfferStatus.PUBLISHED),
        company_name=extra.pop("company_name", "Ateliers de l'Iton"),
        **extra,
    )
    offer.skills.set(Skill.objects.filter(code__in=skills))
    refresh_offers(ids=[offer.pk])
    return offer
