"""Synthetic France Travail offers ("resultats" of the offers API search), written from ROME data.

Used for the test and benchmark fixtures and the demo. Titles are written the way employers write
them, not as appellation labels: one gender or an inclusive form, "H/F" in every spelling,
abbreviations, shortened labels, missing accents, capitals, typos, and context words (contract,
town, "urgent", "débutant accepté"). Descriptions mix the fiche's definition, a few of its skills
and the usual boilerplate; a share of them say almost nothing about the job, as real ones do.
Everything is drawn from a seeded generator, so a seed always gives the same file.
"""

import csv
import gzip
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings

from maillage.referentials.models import Appellation, FicheSkill, RomeFiche
from maillage.territories.models import Commune

from ..text import strip_accents

NEIGHBOUR_DEPARTEMENTS = ["27", "76", "78", "95", "60", "28", "61", "14"]

CONTRACTS = [("CDI", "Contrat à durée indéterminée", 45), ("CDD", "Contrat à durée déterminée", 25)]
CONTRACTS += [("MIS", "Mission intérimaire", 20), ("SAI", "Saisonnier", 4), ("LIB", "Profession libérale", 2)]
CONTRACTS += [("ALT", "Contrat d'apprentissage", 4)]

HOURS = [
    ("35H Horaires normaux", "Temps plein", 50),
    ("39H Horaires normaux", "Temps plein", 15),
    ("35H Travail en équipe", "Temps plein", 10),
    ("24H Horaires normaux", "Temps partiel", 10),
    ("28H Travail samedi et dimanche", "Temps partiel", 5),
    ("35H Travail en horaires décalés", "Temps plein", 10),
]

TO_ABBREVIATION = {
    "technicien": "tech",
    "technicienne": "tech",
    "assistant": "asst",
    "assistante": "assistante",
    "responsable": "resp.",
    "conducteur": "cond.",
    "agent": "agt",
    "opérateur": "opérateur",
    "ouvrier": "ouv.",
    "mécanicien": "mécano",
    "électricien": "elec",
    "comptable": "compta",
    "développeur": "dev",
    "maintenance": "maint.",
    "industrielle": "indus",
    "industriel": "indus",
    "administratif": "admin",
    "administrative": "admin",
    "polyvalent": "polyvalent(e)",
    "commercial": "commercial(e)",
}

PREFIXES = ["", "", "", "", "CDI - ", "URGENT - ", "Recrute ", "Offre : ", "[CDD] "]
SUFFIXES = ["", "", "", " confirmé", " débutant accepté", " - URGENT", " en alternance", " - poste de nuit"]
SUFFIXES += [" 35h", " (expérimenté)", " secteur Evreux", " - Vernon (27)", " - Louviers", " CDI temps plein"]
HF_MARKS = [" H/F", " (H/F)", " F/H", " h/f", " H/F/X", "", "", " (F/H)"]

# Titles and descriptions as employers write them for frequent jobs, in their own words (no ROME
# sentence), with the appellation a careful adviser would choose. About one offer in eight.
IN_HOUSE = [
    (
        "Équipier polyvalent H/F – restauration rapide",
        "Employé polyvalent / Employée polyvalente de restaurant",
        "Prise de commande au comptoir, préparation des burgers et des frites, nettoyage de la salle. "
        "Horaires en coupure, travail le week-end.",
    ),
    (
        "ELS – Employé libre service (H/F)",
        "Employé polyvalent / Employée polyvalente de libre-service",
        "Mise en rayon des produits frais et de l'épicerie, facing, contrôle des dates, réassort.",
    ),
    (
        "Agent de quai H/F",
        "Agent / Agente de quai manutentionnaire",
        "Chargement et déchargement des camions, contrôle des colis, scan des étiquettes, port de charges.",
    ),
    (
        "Préparateur commandes / picking (H/F)",
        "Préparateur / Préparatrice de commandes",
        "Préparation des commandes au scanner vocal dans un entrepôt frais, filmage des palettes.",
    ),
    (
        "Auxiliaire de vie (H/F) - secteur Evreux",
        "Auxiliaire de vie",
        "Accompagnement de personnes âgées chez elles : lever, toilette, repas, courses. Permis B exigé.",
    ),
    (
        "Femme / homme de ménage chez particuliers",
        "Employé / Employée de ménage",
        "Entretien du logement de particuliers : repassage, ménage, vitres. 20 h par semaine.",
    ),
    (
        "ASH nuit EHPAD",
        "Agent / Agente de service hospitalier (ASH)",
        "Entretien des chambres et des parties communes, distribution des collations, aide au service.",
    ),
    (
        "Agent de propreté bureaux – tôt le matin",
        "Agent / Agente de propreté de locaux",
        "Nettoyage de bureaux et de sanitaires de 6 h à 9 h, autolaveuse, tri des déchets.",
    ),
    (
        "Chauffeur livreur VL (H/F)",
        "Chauffeur-livreur / Chauffeuse-livreuse",
        "Tournées de livraison de colis en utilitaire léger, 80 points par jour, permis B.",
    ),
    (
        "Plongeur H/F brasserie",
        "Plongeur / Plongeuse en restauration",
        "Lavage de la vaisselle et des batteries de cuisine, rangement, nettoyage en fin de service.",
    ),
    (
        "Serveur / serveuse brasserie centre-ville",
        "Serveur / Serveuse en restauration",
        "Accueil des clients, prise de commande, service à l'assiette, encaissement. Coupures.",
    ),
    (
        "Vendeur(se) PAP",
        "Vendeur / Vendeuse en prêt-à-porter",
        "Conseil en boutique de vêtements, encaissement, mise en valeur des collections, cabines.",
    ),
    (
        "Hôte(sse) de caisse 25h",
        "Hôte / Hôtesse de caisse",
        "Encaissement en hypermarché, ouverture et fermeture de caisse, accueil des clients.",
    ),
    (
        "Technicien de maintenance H/F - 3x8",
        "Technicien / Technicienne de maintenance industrielle",
        "Dépannage mécanique, électrique et pneumatique sur lignes de conditionnement, préventif, GMAO.",
    ),
    (
        "Agent de sécu SSIAP 1",
        "Agent / Agente de sécurité incendie",
        "Rondes de sécurité incendie, contrôle d'accès, tenue du PC sécurité en centre commercial.",
    ),
    (
        "Mécano auto H/F",
        "Mécanicien / Mécanicienne automobile",
        "Entretien et réparation toutes marques : vidanges, freins, distribution, diagnostic.",
    ),
    (
        "Elec bâtiment confirmé (H/F)",
        "Electricien / Electricienne du bâtiment",
        "Installations électriques en neuf et rénovation, tirage de câbles, pose d'appareillage.",
    ),
    (
        "Assistante de direction PME",
        "Assistant / Assistante de direction",
        "Agenda du dirigeant, organisation des déplacements, préparation des réunions, courrier.",
    ),
    (
        "Comptable unique PME H/F",
        "Comptable",
        "Saisie, rapprochements bancaires, déclarations de TVA, bilan avec l'expert-comptable.",
    ),
    (
        "Hôte(sse) d'accueil standard",
        "Agent / Agente d'accueil",
        "Accueil physique et téléphonique des visiteurs, standard, badges, réception des colis.",
    ),
    (
        "Coiffeur(se) mixte",
        "Coiffeur / Coiffeuse",
        "Coupes, couleurs, brushings hommes et femmes dans un salon de centre-ville.",
    ),
    (
        "Boulanger H/F – travail de nuit",
        "Boulanger / Boulangère",
        "Pains, baguettes et viennoiseries : pétrissage, façonnage, cuisson au four à sole.",
    ),
    (
        "Cariste CACES 3 et 5",
        "Cariste",
        "Chargement des camions et mise en stock en hauteur, inventaires tournants.",
    ),
]

COMPANY_START = ["Ateliers", "Transports", "Groupe", "Établissements", "Société", "Maison", "Laboratoires", "Cabinet"]
COMPANY_MID = ["Normands", "de la Seine", "de l'Eure", "du Vexin", "Lefèvre", "Duval", "Martin", "Iton", "Risle"]
COMPANY_END = ["", " SAS", " SARL", " & Fils", " Industrie", " Services", " SA"]

BOILERPLATE = [
    "Poste à pourvoir rapidement.",
    "Vous êtes rigoureux(se), ponctuel(le) et avez le sens du travail en équipe.",
    "Permis B souhaité, le site n'est pas desservi par les transports en commun.",
    "Mutuelle d'entreprise, tickets restaurant, prime de fin d'année.",
    "Une première expérience sur un poste similaire est appréciée.",
    "Débutant(e) accepté(e) : une formation interne est prévue à la prise de poste.",
    "Rejoignez une entreprise familiale en croissance de 40 salariés.",
    "Horaires en 2x8, heures supplémentaires majorées.",
]


def _gender_form(label: str, rng: random.Random) -> str:
    """One side of "Couturier / Couturière", keeping the shared complement."""
    if " / " not in label:
        return label
    left, right = label.split(" / ", 1)
    left_words, right_words = left.split(" "), right.split(" ")
    if len(right_words) > len(left_words):
        left = " ".join(left_words + right_words[len(left_words) :])
    choice = rng.random()
    if choice < 0.5:
        return left
    if choice < 0.85:
        return right
    head, *rest = left.split(" ")
    inclusive = head + rng.choice(["(e)", "(se)", "·e", ".ère", "/euse"]) if len(head) > 3 else head
    return " ".join([inclusive, *rest])


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    kind = rng.random()
    if kind < 0.4:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind < 0.7:
        word = word[:j] + word[j + 1 :]
    else:
        word = word[:j] + word[j] + word[j:]
    words[i] = word
    return " ".join(words)


def employer_title(label: str, rng: random.Random) -> str:
    title = _gender_form(label, rng)
    if rng.random() < 0.12:
        # Temp agencies' bare titles ("Opérateur H/F", "Technicien"): only the description tells the trade.
        title = re.split(r"[ -]", title)[0]
    title = re.sub(r"\s*\([^)]*\)", "", title) if rng.random() < 0.5 else title
    words = title.split(" ")
    if len(words) > 4 and rng.random() < 0.25:
        words = words[: rng.randint(3, 4)]
        while words and words[-1].lower() in {"de", "d'", "en", "du", "des", "la", "le", "et", "à"}:
            words.pop()
    if rng.random() < 0.35:
        words = [TO_ABBREVIATION.get(w.lower(), w) for w in words]
    if rng.random() < 0.2:
        words = [w for w in words if w.lower() not in {"de", "en", "du", "des"}]
    title = " ".join(words)
    if rng.random() < 0.3:
        title = strip_accents(title)
    if rng.random() < 0.15:
        title = _typo(title, rng)
    title = rng.choice(PREFIXES) + title + rng.choice(HF_MARKS) + rng.choice(SUFFIXES)
    if rng.random() < 0.15:
        title = title.upper()
    return title.strip()


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=\.)\s+|\n+", text or "") if len(s.strip()) > 10]


def _description(fiche, skills: list[str], company: str, rng: random.Random) -> str:
    parts = [f"{company} recherche un(e) collaborateur(trice) pour renforcer son équipe."]
    if rng.random() < 0.55:
        sentences = _sentences(fiche.definition)
        if sentences:
            parts.append("Vos missions :")
            parts += [f"- {s}" for s in rng.sample(sentences, k=min(len(sentences), rng.randint(1, 3)))]
        if skills:
            chosen = rng.sample(skills, k=min(len(skills), rng.randint(2, 4)))
            parts.append("Compétences attendues : " + " ; ".join(s[0].lower() + s[1:] for s in chosen) + ".")
    elif skills:
        parts.append(f"Vous devrez notamment : {rng.choice(skills).lower()}.")
    parts += rng.sample(BOILERPLATE, k=2)
    return "\n".join(parts)


def _hirings_by_v3() -> dict[str, int]:
    """Yearly hirings per ROME v3 code (La Bonne Boite's ROME × NAF file): frequent jobs get more offers."""
    path = Path(settings.REFERENCE_DATA_DIR) / "labour-market" / "rome_naf_mapping.csv.gz"
    hirings: dict[str, int] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                try:
                    hirings[row["rome_id"]] = hirings.get(row["rome_id"], 0) + int(row["hirings"] or 0)
                except ValueError:
                    continue
    return hirings


def _weighted(rng: random.Random, items):
    total = sum(item[-1] for item in items)
    pick = rng.uniform(0, total)
    for item in items:
        pick -= item[-1]
        if pick <= 0:
            return item
    return items[-1]


def generate_ft_offers(n: int, seed: int = 2026, departements=NEIGHBOUR_DEPARTEMENTS) -> dict:
    """``{"resultats": [...]}`` with ``n`` offers in the shape of France Travail's offers API."""
    rng = random.Random(seed)
    appellations = list(
        Appellation.objects.filter(rarely_used=False)
        .select_related("fiche")
        .order_by("code")
        .only("code", "label", "fiche__code", "fiche__label", "fiche__definition", "fiche__code_rome_parent")
    )
    if not appellations:
        return {"resultats": []}
    hirings = _hirings_by_v3()
    per_fiche: dict[str, int] = {}
    for appellation in appellations:
        per_fiche[appellation.fiche.code] = per_fiche.get(appellation.fiche.code, 0) + 1
    appellation_weights = [
        max(1, hirings.get(a.fiche.code_rome_parent or a.fiche.code, 0)) / per_fiche[a.fiche.code] for a in appellations
    ]
    skills_by_fiche: dict[str, list[tuple[str, str, bool]]] = {}
    for fiche_id, code, label, importance in FicheSkill.objects.values_list(
        "fiche_id", "skill_id", "skill__label", "importance"
    ).order_by("fiche_id", "skill_id"):
        skills_by_fiche.setdefault(fiche_id, []).append((code, label, importance == FicheSkill.Importance.CORE))
    communes = list(
        Commune.objects.filter(departement_id__in=departements, latitude__isnull=False)
        .order_by("code")
        .values_list("code", "name", "postcodes", "latitude", "longitude", "population")
    )
    commune_weights = [max(1, c[5]) for c in communes]
    by_label = {a.label: a for a in appellations}
    in_house = [(title, by_label[label], text) for title, label, text in IN_HOUSE if label in by_label]
    start = datetime(2026, 9, 1, 8, 0)
    results = []
    for index in range(n):
        house = rng.choice(in_house) if in_house and rng.random() < 0.125 else None
        appellation = house[1] if house else rng.choices(appellations, weights=appellation_weights, k=1)[0]
        fiche: RomeFiche = appellation.fiche
        fiche_skills = skills_by_fiche.get(fiche.code, [])
        core = [s for s in fiche_skills if s[2]] or fiche_skills
        company = (rng.choice(COMPANY_START) + " " + rng.choice(COMPANY_MID) + rng.choice(COMPANY_END)).strip()
        contract = _weighted(rng, CONTRACTS)
        hours = _weighted(rng, HOURS)
        commune = rng.choices(communes, weights=commune_weights, k=1)[0] if communes else None
        chosen_skills = rng.sample(core, k=min(len(core), rng.randint(2, 5)))
        offer = {
            "id": f"{190 + index // 1000:03d}{''.join(rng.choices('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', k=4))}",
            "intitule": house[0] if house else employer_title(appellation.label, rng),
            "description": (
                f"{company} recrute.\n{house[2]}\n" + " ".join(rng.sample(BOILERPLATE, k=2))
                if house
                else _description(fiche, [s[1] for s in core], company, rng)
            ),
            "dateCreation": (start + timedelta(hours=rng.randint(0, 24 * 60))).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "romeCode": fiche.code,
            "romeLibelle": fiche.label,
            "appellationlibelle": appellation.label,
            "typeContrat": contract[0],
            "typeContratLibelle": contract[1],
            "natureContrat": "Contrat travail",
            "experienceExige": rng.choice(["D", "E", "S"]),
            "dureeTravailLibelle": hours[0],
            "dureeTravailLibelleConverti": hours[1],
            "nombrePostes": rng.choice([1, 1, 1, 1, 2, 3]),
            "entreprise": {"nom": company} if rng.random() < 0.8 else {},
            "competences": [
                {"code": code, "libelle": label, "exigence": rng.choice(["E", "S"])} for code, label, _ in chosen_skills
            ],
            "salaire": {"libelle": rng.choice(["Mensuel de 1900,00 Euros sur 12 mois", "Selon profil", ""])},
        }
        if commune:
            code, name, postcodes, lat, lon, _pop = commune
            offer["lieuTravail"] = {
                "libelle": f"{code[:2]} - {strip_accents(name).upper()}",
                "latitude": round(lat, 5),
                "longitude": round(lon, 5),
                "codePostal": (postcodes.split() or [""])[0],
                "commune": code,
            }
        results.append(offer)
    # Identifiers must be unique: a clash of the random suffix gets the index appended.
    seen: set[str] = set()
    for offer in results:
        while offer["id"] in seen:
            offer["id"] += rng.choice("ABCDEFGH")
        seen.add(offer["id"])
    return {"resultats": results}
