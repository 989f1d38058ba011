"""Synthetic temporary-work agency offers, written the way agencies write them (no real offer read).

About half of France Travail's offers are posted by temp agencies (NAF 78.20Z) for a client. Their
title is often bare or generic (« Opérateur de production H/F », « Agent polyvalent »,
« Technicien (H/F) »); the trade is named, when it is, deep in a long text: in the « recrute pour son
client … » sentence, in the missions, in the profile (« expérience en tant que … »), sometimes only
through the client's sector and a few tasks. Few of them tick ROME skill codes. The text around is
the agency's boilerplate (who we are, pay and benefits, « Rejoignez … »), and may name other trades
(the team leader, the caristes next door).

Everything here is written from general knowledge of such offers and the ROME referential, never
from the real offers the coder is evaluated on.
"""

import random
import re

from ..text import normalise

# Generic titles agencies use, by the start of the fiche code (grand domaine, or domaine when it matters).
GENERIC_TITLES = {
    "A": ["Ouvrier agricole", "Ouvrier polyvalent", "Agent polyvalent", "Saisonnier agricole"],
    "B": ["Opérateur de production", "Agent de fabrication", "Ouvrier polyvalent"],
    "D": ["Employé polyvalent", "Vendeur", "Conseiller de vente", "Employé de magasin"],
    "E": ["Opérateur", "Agent de production", "Technicien"],
    "F": ["Manœuvre", "Ouvrier du BTP", "Ouvrier polyvalent", "Compagnon", "Ouvrier qualifié", "Chef d'équipe"],
    "G": ["Employé polyvalent", "Commis", "Équipier polyvalent", "Agent polyvalent de restauration"],
    "H": [
        "Opérateur de production",
        "Agent de production",
        "Ouvrier de production",
        "Opérateur polyvalent",
        "Agent de fabrication",
        "Opérateur",
        "Ouvrier polyvalent",
        "Technicien",
        "Monteur",
        "Conducteur de ligne",
    ],
    "I": ["Technicien de maintenance", "Agent de maintenance", "Technicien", "Technicien SAV", "Mécanicien"],
    "K22": ["Agent polyvalent", "Agent d'entretien", "Agent de service", "Employé polyvalent"],
    "L": ["Technicien", "Assistant"],
    "M": ["Assistant administratif", "Employé administratif", "Gestionnaire", "Assistant", "Chargé de mission"],
    "N1": ["Préparateur de commandes", "Manutentionnaire", "Agent logistique", "Agent de quai", "Magasinier"],
    "N4": ["Chauffeur", "Conducteur", "Chauffeur livreur"],
}

# How often each grand domaine's offers come through an agency (industry, logistics and building most).
AGENCY_SHARE = {"H": 0.8, "N": 0.75, "F": 0.75, "I": 0.65, "A": 0.35, "B": 0.5, "E": 0.5, "M": 0.4, "K": 0.4}
AGENCY_SHARE_DEFAULT = 0.25

BRANDS = ["Intérim Plus", "Adéquat Emploi", "Temporis", "Proman Services", "Crit Emploi", "Synergie Travail"]
BRANDS += ["Actual Intérim", "Start People", "Partnaire", "Supplay", "Gezim Intérim", "Leader Intérim"]

INTROS = [
    "Notre agence {brand} de {town} recrute pour son client, {client}, un(e) {who} (H/F).",
    "{brand} {town}, c'est une équipe à votre écoute pour trouver votre prochaine mission. "
    "Nous recherchons pour notre client, {client}, un(e) {who} H/F.",
    "Vous cherchez une mission durable ? L'agence {brand} de {town} recrute pour l'un de ses clients, "
    "{client}, plusieurs {who} (H/F).",
    "{brand}, acteur de l'emploi depuis 20 ans, recrute pour son client basé à {town}, {client} : {who} H/F.",
    "Rejoignez {brand} ! Nous recrutons pour notre client, {client}, un(e) {who} en mission longue.",
]
CLIENTS = ["une entreprise spécialisée dans {sector}", "un acteur reconnu de {sector}", "une PME de {sector}"]
CLIENTS += ["un groupe leader dans {sector}", "une société familiale de {sector}"]

AGENCY_BOILERPLATE = [
    "Notre agence vous accompagne dans votre parcours professionnel et vous propose des missions adaptées.",
    "Vous bénéficiez de nos avantages intérimaires : acompte de paie à la semaine, CET à 5 %, "
    "comité d'entreprise, mutuelle, aides au logement et à la mobilité.",
    "Salaire : selon profil + 10 % d'indemnité de fin de mission + 10 % de congés payés.",
    "Rémunération : taux horaire selon expérience, paniers repas, heures supplémentaires majorées.",
    "Rejoignez-nous et postulez en ligne, nous étudions toutes les candidatures.",
    "Votre agence s'engage pour l'égalité des chances et l'emploi des personnes en situation de handicap.",
    "Mission de 3 mois renouvelable, possibilité d'embauche à la clé.",
    "Horaires : journée ou équipe en 2x8 selon les besoins du client.",
    "Vous êtes motivé(e), ponctuel(le) et avez le goût du travail en équipe ? Ce poste est fait pour vous !",
    "Le poste est accessible aux personnes débutantes motivées, une formation est assurée par le client.",
]
# What every long offer says whatever the trade: the company, the site, the team, safety, quality.
FILLER = [
    "Implantée dans la région depuis plus de 30 ans, l'entreprise compte 120 collaborateurs sur deux sites.",
    "Vous intégrerez une équipe dynamique de 15 personnes dans un environnement de travail agréable.",
    "Le respect des règles d'hygiène, de sécurité et de qualité est au cœur de nos activités.",
    "Vous travaillez en autonomie tout en rendant compte à votre responsable.",
    "Vous participez à l'amélioration continue et au rangement de votre poste de travail.",
    "Une formation aux outils et aux procédures internes est assurée à votre arrivée.",
    "Le site est accessible en transport en commun, un parking est à disposition.",
    "Nos valeurs : proximité, engagement, exigence et esprit d'équipe.",
    "Vous assurez la bonne transmission des informations à l'équipe suivante.",
    "Vous veillez au respect des délais et de la qualité attendue par nos clients.",
    "Vous utilisez les outils informatiques mis à disposition pour le suivi de votre activité.",
    "Travail du lundi au vendredi, possibilité de travail le samedi selon l'activité.",
    "Notre société, en pleine croissance, développe ses activités en France et à l'international.",
    "Vous êtes force de proposition et avez le sens de l'organisation.",
    "Des déplacements ponctuels sont à prévoir sur le département.",
    "L'entreprise est certifiée ISO 9001 et engagée dans une démarche environnementale.",
]
PROFILE_HEADERS = ["Profil recherché :", "Votre profil :", "Qui êtes-vous ?", "Profil :"]
PROFILE_GENERIC = [
    "Vous êtes rigoureux(se) et respectez les consignes de sécurité.",
    "Port des EPI obligatoire.",
    "Vous êtes disponible immédiatement.",
    "Permis B et véhicule souhaités (site non desservi).",
    "Une première expérience est un plus.",
]
MISSION_HEADERS = ["Vos missions :", "Vos missions seront les suivantes :", "Description du poste :", "Au quotidien :"]
# Where an agency's text names the trade: the intro (a share of which also in the profile), the profile only,
# else nowhere.
TRADE_IN_INTRO = 0.4
TRADE_IN_PROFILE_ONLY = 0.35
BARE_GENERIC = 0.45  # bare titles that are the domain's generic title (else the label's first words)
COLLEAGUES = ["Sous la responsabilité du {other}, ", "En lien avec le {other}, ", "Vous épaulerez le {other} : "]


def agency_share(fiche_code: str) -> float:
    return AGENCY_SHARE.get(fiche_code[:1], AGENCY_SHARE_DEFAULT)


def bare_title(label: str, fiche_code: str, rng: random.Random, gender_form) -> tuple[str, bool]:
    """A title that hardly names the trade (the domain's generic title, or the first words of the label),
    and whether it is one of the generic titles."""
    choice = rng.random()
    generic = next(
        (GENERIC_TITLES[p] for p in (fiche_code[:3], fiche_code[:2], fiche_code[:1]) if p in GENERIC_TITLES), None
    )
    if generic and choice < BARE_GENERIC:
        return rng.choice(generic), True
    words = re.sub(r"\s*\([^)]*\)", "", gender_form(label, rng)).split(" ")
    if choice < BARE_GENERIC + 0.35 or len(words) < 3:
        return words[0], False
    return " ".join(words[:3]).rstrip(" d'"), False


def agency_description(
    rng: random.Random,
    *,
    who: str,
    trade: str,
    sector: str,
    town: str,
    missions: list[str],
    other_trade: str | None,
    filler: list[str] = (),
) -> str:
    """The agency's text: intro, boilerplate, missions, profile, pay; the trade named here or there, or not."""
    brand = rng.choice(BRANDS)
    client = rng.choice(CLIENTS).format(sector=sector) if sector else "une entreprise de la région"
    where = rng.random()  # where the trade is named: the intro, the profile, both, or nowhere
    intro_who = trade if where < TRADE_IN_INTRO else who
    parts = [rng.choice(INTROS).format(brand=brand, town=town, client=client, who=intro_who)]
    parts += rng.sample(AGENCY_BOILERPLATE, k=rng.randint(0, 2))
    parts.append(rng.choice(MISSION_HEADERS))
    lead = rng.choice(COLLEAGUES).format(other=other_trade) if other_trade and rng.random() < 0.5 else ""
    for index, mission in enumerate(missions):
        parts.append(f"- {lead if index == 0 else ''}{mission}")
    parts.append(rng.choice(PROFILE_HEADERS))
    profile = rng.sample(PROFILE_GENERIC, k=2)
    if TRADE_IN_INTRO <= where < TRADE_IN_INTRO + TRADE_IN_PROFILE_ONLY or where < 0.15:
        profile.insert(rng.randrange(len(profile) + 1), f"Vous avez une première expérience en tant que {trade}.")
    parts += [f"- {line}" for line in profile]
    parts += rng.sample(AGENCY_BOILERPLATE, k=rng.randint(1, 3))
    for line in filler:
        parts.insert(rng.randint(1, len(parts)), line)
    return "\n".join(parts)


def label_forms(label: str) -> list[str]:
    """« Agent / Agente de quai » → « agent de quai », « agente de quai » (with and without brackets)."""
    forms = []
    for text in {label, re.sub(r"\s*\([^)]*\)", "", label)}:
        if " / " in text:
            left, right = text.split(" / ", 1)
            left_words, right_words = left.split(" "), right.split(" ")
            if len(right_words) > len(left_words):
                left = " ".join(left_words + right_words[len(left_words) :])
            forms += [left, right]
        else:
            forms.append(text)
    return sorted({normalise(f) for f in forms if normalise(f)})
