"""CPV divisions (the first two digits of a CPV 2008 code) with short French labels.

The full CPV list lives in ``referentials.CpvCode``; the 45 division labels are kept here too so
that the radar reads well before the referentials are loaded (and without a join on 1.5 M rows).
"""

DIVISIONS = {
    "03": "Produits agricoles, de l'élevage, de la pêche et de la sylviculture",
    "09": "Produits pétroliers, combustibles, électricité",
    "14": "Produits de l'exploitation minière",
    "15": "Produits alimentaires et boissons",
    "16": "Machines agricoles",
    "18": "Vêtements, chaussures, bagages",
    "19": "Cuir, textiles, plastiques, caoutchouc",
    "22": "Imprimés et produits connexes",
    "24": "Produits chimiques",
    "30": "Machines de bureau et matériel informatique",
    "31": "Machines et appareils électriques, éclairage",
    "32": "Équipements de radio, télévision, communication",
    "33": "Matériel médical, pharmaceutique, soins personnels",
    "34": "Équipements de transport",
    "35": "Équipements de sécurité, lutte contre l'incendie, police, défense",
    "37": "Instruments de musique, articles de sport, jeux",
    "38": "Équipements de laboratoire, d'optique et de précision",
    "39": "Mobilier, aménagement, électroménager, produits de nettoyage",
    "41": "Eau collectée et purifiée",
    "42": "Machines industrielles",
    "43": "Machines pour l'exploitation minière et la construction",
    "44": "Structures et matériaux de construction",
    "45": "Travaux de construction",
    "48": "Logiciels et systèmes d'information",
    "50": "Services de réparation et d'entretien",
    "51": "Services d'installation",
    "55": "Hôtellerie, restauration, commerce de détail",
    "60": "Services de transport",
    "63": "Services d'appui aux transports, agences de voyages",
    "64": "Services des postes et télécommunications",
    "65": "Services publics (eau, énergie)",
    "66": "Services financiers et d'assurance",
    "70": "Services immobiliers",
    "71": "Architecture, ingénierie, contrôle",
    "72": "Services informatiques",
    "73": "Recherche et développement",
    "75": "Administration publique, défense, sécurité sociale",
    "76": "Services liés à l'industrie pétrolière et gazière",
    "77": "Services agricoles, sylvicoles, horticoles (espaces verts)",
    "79": "Services aux entreprises (conseil, sécurité, impression, recrutement…)",
    "80": "Enseignement et formation",
    "85": "Santé et action sociale",
    "90": "Assainissement, nettoyage, environnement",
    "92": "Services récréatifs, culturels et sportifs",
    "98": "Autres services collectifs et personnels",
}


def division_label(code: str) -> str:
    if not code:
        return "CPV non renseigné"
    return DIVISIONS.get(code, f"Division {code}")


def market_kind(division: str) -> str:
    """Works (45), supplies (01–44, 48) or services (50–98), as DECP counts them."""
    if not division or not division.isdigit():
        return ""
    number = int(division)
    if number == 45:
        return "Travaux"
    if number <= 44 or number == 48:
        return "Fournitures"
    return "Services"
