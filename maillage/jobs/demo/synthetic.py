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

from ..text import normalise, strip_accents
from . import interim

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

# Shares of the realistic offers that set how far the text agrees with the title (calibrated on the
# input-only statistic of bench/offer_agreement.py, docs/jobs.md).
AGENCY_BARE_TITLE = 0.35  # agency offers titled with a bare or generic title
NEIGHBOUR_NAMED = 0.15  # agency offers whose text names a neighbouring trade instead of the coded one
EMPLOYER_NAMES_TRADE = 0.7  # direct employers' texts that name the trade in their first sentence
GENERIC_MISSIONS_ONLY = 0.1  # offers whose missions are only tasks shared by many trades
OTHER_TRADE_NAMED = 0.5  # agency texts that name another trade of the domain (the team leader…)
SIBLING_TASKS = 0.8  # tasks shared by many trades taken from the core skills of the trade's ROME domaine
MISSION_WORD_DROPPED = 0.2  # each word of a mission taken from ROME is dropped with this probability
# Share of the realistic offers' titles (in-house ones aside) to which the employer adds words of their own
# that neither an appellation's label nor the coder's title cleaning knows (calibrated on the input-only
# share of titles that are exactly an appellation's label, docs/jobs.md, fifth pass).
TITLE_OWN_WORDS = 0.5
# Share of the ticked offers whose codes are drawn from a neighbouring fiche's skills too (same ROME
# domaine): the form proposes the chosen appellation's skills, which are not exactly its fiche's
# (calibrated on the input-only statistic demo/agreement.skill_anchor_agreement, docs/jobs.md, sixth pass).
NEIGHBOUR_CODES = 0.1

# What employers add to a job's name in a title, whatever the trade: grade, schedule, place, terms.
OWN_WORDS = ["qualifié", "senior", "junior", "N2", "niveau 3", "coefficient 170", "3x8", "2x8", "VSD"]
OWN_WORDS += ["du matin", "horaires de journée", "équipe du soir", "Gaillon", "Bernay", "Pacy-sur-Eure"]
OWN_WORDS += ["Val-de-Reuil", "Le Neubourg", "Rouen sud", "temps complet", "poste évolutif", "avec expérience"]
OWN_WORDS += ["sans diplôme", "mi-temps", "remplacement", "renfort été", "réf. 2417", "titulaire du permis"]

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


def with_own_words(title: str, rng: random.Random) -> str:
    """The title with a few words of the employer's own (« Soudeur H/F » → « Soudeur qualifié H/F »)."""
    words = rng.choice(OWN_WORDS)
    mark = next((m for m in HF_MARKS if m and m in title), None)
    return title.replace(mark, f" {words}{mark}", 1) if mark else f"{title} {words}"


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


def _hirings_by_v3_naf() -> dict[str, list[tuple[str, str, int]]]:
    """Yearly hirings per ROME v3 code and NAF sous-classe (La Bonne Boite's ROME × NAF file)."""
    path = Path(settings.REFERENCE_DATA_DIR) / "labour-market" / "rome_naf_mapping.csv.gz"
    hirings: dict[str, list[tuple[str, str, int]]] = {}
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                try:
                    count = int(row["hirings"] or 0)
                except ValueError:
                    continue
                hirings.setdefault(row["rome_id"], []).append((row["naf_id"], row["naf_label"], count))
    return hirings


def _hirings_by_v3() -> dict[str, int]:
    """Yearly hirings per ROME v3 code: frequent jobs get more offers."""
    return {v3: sum(c for *_, c in rows) for v3, rows in _hirings_by_v3_naf().items()}


def _missions(
    definition: str, skills: list[str], generic: tuple[list[str], list[str]], rng: random.Random
) -> list[str]:
    """What an offer says the person will do, in its own words rather than ROME's.

    One to three of the fiche's skills (some of them a neighbouring trade's: ``generic`` holds tasks
    shared by many trades and the skills of the fiche's domaine), a word in three dropped; a
    definition sentence now and then; one offer in four only generic tasks.
    """
    pool = generic[1] if generic[1] and rng.random() < SIBLING_TASKS else generic[0] + generic[1]
    common = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
    if rng.random() < GENERIC_MISSIONS_ONLY or not skills:
        chosen = common + ["Vous réalisez les tâches confiées par votre responsable."]
    else:
        chosen = rng.sample(skills, k=min(len(skills), rng.randint(1, 3))) + common
        sentences = _sentences(definition)
        if sentences and rng.random() < 0.2:
            chosen.append(rng.choice(sentences))
        rng.shuffle(chosen)
    lines = [line[0].lower() + line[1:] for line in chosen]
    return [" ".join(w for w in line.split(" ") if rng.random() > MISSION_WORD_DROPPED) for line in lines]


def _employer_description(company: str, trade: str, missions: list[str], rng: random.Random) -> str:
    """A direct employer's text: who we are, the job named or not, missions, profile, benefits."""
    parts = [
        f"{company} recherche un(e) {trade} pour renforcer son équipe." if rng.random() < EMPLOYER_NAMES_TRADE else ""
    ]
    parts.append(f"{company} recrute pour renforcer son équipe." if not parts[0] else "")
    parts += [rng.choice(interim.MISSION_HEADERS)] + [f"- {m}" for m in missions]
    parts += [rng.choice(interim.PROFILE_HEADERS)] + [f"- {p}" for p in rng.sample(interim.PROFILE_GENERIC, k=2)]
    parts += rng.sample(BOILERPLATE, k=2)
    for line in rng.sample(interim.FILLER, k=rng.randint(2, 6)):
        parts.insert(rng.randint(1, len(parts)), line)
    return "\n".join(p for p in parts if p)


QUALIFICATIONS = [("Employé qualifié", 38), ("Employé non qualifié", 19), ("Ouvrier qualifié (P1,P2)", 13)]
QUALIFICATIONS += [("Ouvrier spécialisé", 7), ("Technicien", 7), ("Manœuvre", 5), ("Agent de maîtrise", 4)]


def _qualification(appellation, rng: random.Random) -> str:
    """« Cadre » for most offers of an executive appellation and a few others, else a worker's grade."""
    if rng.random() < (0.85 if appellation.emploi_cadre else 0.02):
        return "Cadre"
    return _weighted(rng, QUALIFICATIONS)[0]


def _employer_naf(rng: random.Random, rows: list[tuple[str, str, int]]) -> tuple[str, str]:
    """A NAF sous-classe that hires this trade (« 2611Z » → « 26.11Z »), drawn by hirings; agencies excluded."""
    rows = [r for r in rows if r[0] != "7820Z"]
    if not rows:
        return "", ""
    naf, label, _count = rng.choices(rows, weights=[r[2] for r in rows], k=1)[0]
    return f"{naf[:2]}.{naf[2:]}", label


def _realistic_fields(offer: dict, appellation, fiche_skills, context: dict, rng: random.Random) -> None:
    """Make a generated offer look like a real one: agency or employer, NAF, ticked skills in real shares."""
    fiche = appellation.fiche
    naf, sector = _employer_naf(rng, context["naf_rows"])
    others = context["others"]
    missions = _missions(fiche.definition, [s[1] for s in fiche_skills], context["generic"], rng)
    siblings = [a for a in others if a.fiche.code[:3] == fiche.code[:3]]
    if rng.random() < interim.agency_share(fiche.code):
        town = (offer.get("lieuTravail", {}).get("libelle") or "27 - EVREUX").split(" - ")[-1].title()
        # The trade the text names is now and then a neighbouring one (« conducteur de ligne » for an
        # offer coded as production operator): employers and advisers do not always agree.
        named = rng.choice(siblings) if siblings and rng.random() < NEIGHBOUR_NAMED else appellation
        specific = _gender_form(named.label, rng)
        bare, generic = interim.bare_title(appellation.label, fiche.code, rng, _gender_form)
        offer["intitule"] = (
            bare + rng.choice(HF_MARKS) if rng.random() < AGENCY_BARE_TITLE else employer_title(appellation.label, rng)
        )
        titled = context["by_form"].get(normalise(bare)) if generic else None
        if titled is not None and rng.random() < 0.6:
            # The employer picked the generic appellation in France Travail's form and wrote it as the
            # title: the offer is coded as that appellation, whatever trade the text describes.
            offer["romeCode"], offer["romeLibelle"] = titled.fiche.code, titled.fiche.label
            offer["appellationlibelle"] = titled.label
        other = _gender_form(rng.choice(others).label, rng) if others and rng.random() < OTHER_TRADE_NAMED else None
        offer["description"] = interim.agency_description(
            rng,
            who=offer["intitule"].split(" H/F")[0].split(" (")[0],
            trade=specific,
            sector=sector[:1].lower() + sector[1:],
            town=town,
            missions=missions,
            filler=rng.sample(interim.FILLER, k=rng.randint(2, 6)),
            other_trade=other,
        )
        offer["codeNAF"], offer["secteurActiviteLibelle"] = "78.20Z", "Activités des agences de travail temporaire"
        contract = ("MIS", "Mission intérimaire") if rng.random() < 0.85 else ("CDI", "Contrat à durée indéterminée")
        offer["typeContrat"], offer["typeContratLibelle"] = contract
        ticked = rng.random() < 0.16
    else:
        offer["codeNAF"], offer["secteurActiviteLibelle"] = naf, sector
        if not context["in_house"]:
            company = offer.get("entreprise", {}).get("nom") or "Notre entreprise"
            offer["description"] = _employer_description(company, _gender_form(appellation.label, rng), missions, rng)
        ticked = rng.random() < 0.77
    if not context["in_house"] and rng.random() < TITLE_OWN_WORDS:
        offer["intitule"] = with_own_words(offer["intitule"], rng)
    offer["qualificationLibelle"] = _qualification(appellation, rng)
    if not ticked:
        offer["competences"] = []
        return
    pool = [s for s in fiche_skills if s[2]] if rng.random() < 0.7 else fiche_skills
    pool = pool or fiche_skills
    if siblings and rng.random() < NEIGHBOUR_CODES:
        pool = pool + context["skills_by_fiche"].get(rng.choice(siblings).fiche.code, [])
    chosen = rng.sample(pool, k=min(len(pool), rng.randint(2, 6)))
    offer["competences"] = [{"code": c, "libelle": label, "exigence": rng.choice(["E", "S"])} for c, label, _ in chosen]


def _weighted(rng: random.Random, items):
    total = sum(item[-1] for item in items)
    pick = rng.uniform(0, total)
    for item in items:
        pick -= item[-1]
        if pick <= 0:
            return item
    return items[-1]


def generate_ft_offers(n: int, seed: int = 2026, departements=NEIGHBOUR_DEPARTEMENTS, realistic: bool = False) -> dict:
    """``{"resultats": [...]}`` with ``n`` offers in the shape of France Travail's offers API.

    ``realistic`` adds what real offers have and make coding hard (``interim``): temp agencies' bare
    titles and long texts (NAF 78.20Z), the employer's NAF, and ROME skill codes ticked on 16 % of
    agency offers and 77 % of the others. The offer coder's weights are tuned on such sets.
    """
    rng = random.Random(seed)
    appellations = list(
        Appellation.objects.filter(rarely_used=False)
        .select_related("fiche")
        .order_by("code")
        .only(
            "code",
            "label",
            "emploi_cadre",
            "fiche__code",
            "fiche__label",
            "fiche__definition",
            "fiche__code_rome_parent",
        )
    )
    if not appellations:
        return {"resultats": []}
    naf_hirings = _hirings_by_v3_naf()
    hirings = {v3: sum(c for *_, c in rows) for v3, rows in naf_hirings.items()}
    by_form = {form: a for a in reversed(appellations) for form in interim.label_forms(a.label)}
    by_domain: dict[str, list] = {}
    for appellation in appellations:
        by_domain.setdefault(appellation.fiche.code[:1], []).append(appellation)
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
    skill_fiches: dict[str, int] = {}
    for skills in skills_by_fiche.values():
        for _code, label, _core in skills:
            skill_fiches[label] = skill_fiches.get(label, 0) + 1
    generic_skills = sorted(label for label, count in skill_fiches.items() if count >= 0.05 * len(skills_by_fiche))
    domaine_skills: dict[str, list[str]] = {}
    for fiche_code, skills in skills_by_fiche.items():
        domaine_skills.setdefault(fiche_code[:3], []).extend(label for _code, label, core in skills if core)
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
        if realistic:
            context = {
                "others": [a for a in by_domain.get(fiche.code[:1], []) if a.fiche.code != fiche.code],
                "naf_rows": naf_hirings.get(fiche.code_rome_parent or fiche.code, []),
                "generic": (generic_skills, domaine_skills.get(fiche.code[:3], [])),
                "in_house": house is not None,
                "by_form": by_form,
                "skills_by_fiche": skills_by_fiche,
            }
            _realistic_fields(offer, appellation, fiche_skills, context, rng)
        results.append(offer)
    # Identifiers must be unique: a clash of the random suffix gets the index appended.
    seen: set[str] = set()
    for offer in results:
        while offer["id"] in seen:
            offer["id"] += rng.choice("ABCDEFGH")
        seen.add(offer["id"])
    return {"resultats": results}
