"""A tiny ROME 4.0 export (official file names and columns) written on the fly for tests."""

import csv
import gzip
import io
from pathlib import Path

VERSION = "460"

# code: (label, parent, level text, riasec, cadre)
FICHES = {
    "A1203": ("Agent / Agente d'entretien des espaces verts", "A1203", "accessible avec un CAP", "R", "N"),
    "A1205": ("Élagueur / Élagueuse", "A1203", "accessible avec un CAPA", "R", "N"),
    "B1803": ("Couturier / Couturière", "B1803", "accessible avec un CAP métiers de la mode", "A", "N"),
    "H2604": ("Monteur / Monteuse en électronique", "H2604", "accessible avec un CAP ou un Bac pro", "R", "N"),
    "H2913": ("Soudeur / Soudeuse", "H2913", "accessible avec un CAP", "R", "N"),
    "F1703": ("Maçon / Maçonne", "F1703", "accessible sans diplôme", "R", "N"),
    "M1607": ("Secrétaire", "M1607", "accessible avec un Bac", "C", "N"),
    "M1604": ("Assistant / Assistante de direction", "M1604", "accessible avec un Bac+2", "C", "O"),
}
DOMAINS = {"A": "Agriculture", "B": "Arts", "H": "Industrie", "F": "Construction", "M": "Support à l'entreprise"}

# item code: (label, kind, category, macro)
ITEMS = {
    "100001": ("Tailler les arbres", "sf", "Technique", "400001"),
    "100002": ("Entretenir les espaces verts", "sf", "Technique", "400001"),
    "100003": ("Coudre des pièces de tissu à la main ou à la machine", "sf", "Technique", "400002"),
    "100004": ("Assembler des composants de petite taille avec précision", "sf", "Technique", "400002"),
    "100005": ("Souder des pièces métalliques", "sf", "Technique expert", "400003"),
    "100006": ("Lire un plan, un schéma", "sf", "Transverse", "400004"),
    "100007": ("Monter un mur en parpaings", "sf", "Technique", "400005"),
    "100008": ("Rédiger un courrier", "sf", "Technique", "400006"),
    "100009": ("Organiser un agenda", "sf", "Transverse", "400006"),
    "100010": ("Contrôler la conformité d'une pièce", "sf", "Transverse", "400004"),
    "100011": ("Utiliser une tronçonneuse", "sf", "Technique expert", "400001"),
    "200001": ("Botanique", "sav", "Domaines d'expertise", ""),
    "200002": ("Techniques de couture", "sav", "Techniques professionnelles", ""),
    "200003": ("Électronique", "sav", "Domaines d'expertise", ""),
    "200004": ("Techniques de soudage", "sav", "Techniques professionnelles", ""),
    "200005": ("Bureautique", "sav", "Domaines d'expertise", ""),
    "200006": ("Minutie et dextérité fine", "sav", "Techniques professionnelles", ""),
    "300001": ("Travail en extérieur", "ctx", "Conditions de travail et risques professionnels", ""),
    "300002": ("Station debout prolongée", "ctx", "Conditions de travail et risques professionnels", ""),
    "300003": ("Travail en atelier", "ctx", "Lieux et déplacements", ""),
    "300004": ("Travail de bureau", "ctx", "Lieux et déplacements", ""),
}
# fiche: {item: coeur_metier}
LINKS = {
    "A1203": {"100001": "", "100002": "Principale", "200001": "", "300001": "", "300002": ""},
    "A1205": {"100001": "Principale", "100011": "Principale", "100002": "", "200001": "", "300001": ""},
    "B1803": {"100003": "Principale", "100004": "", "200002": "Principale", "200006": "", "300003": ""},
    "H2604": {"100004": "Principale", "100006": "", "100010": "", "200003": "", "200006": "", "300003": ""},
    "H2913": {"100005": "Principale", "100006": "", "100010": "Émergente", "200004": "", "300003": ""},
    "F1703": {"100007": "Principale", "100006": "", "300001": "", "300002": ""},
    "M1607": {"100008": "Principale", "100009": "", "200005": "", "300004": ""},
    "M1604": {"100008": "", "100009": "Principale", "200005": "", "300004": ""},
}
TEXT_HEADER = ["code_rome", "code_compo_bloc", "libelle_type_texte", "position_phrase", "libelle_texte"]
MOBILITY = [("A1203", "M1607", "1"), ("M1607", "F1703", "1"), ("B1803", "H2913", "1")]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _files() -> dict[str, str]:
    fiches = [
        [code, code, str(10 + i), label, "", "", "", "", cadre, parent]
        for i, (code, (label, parent, _, _, cadre)) in enumerate(sorted(FICHES.items()))
    ]
    items = []
    for code, (label, kind, _, _) in sorted(ITEMS.items()):
        items.append([code, label, {"sf": "1", "sav": "3", "ctx": ""}[kind]])
    competences = [
        [code, "Compétence", label, "", macro, "", "Savoir-faire", category, "", "N", "", ""]
        for code, (label, kind, category, macro) in sorted(ITEMS.items())
        if kind == "sf"
    ]
    savoirs = [
        [code, label, category, "", "", "N"]
        for code, (label, kind, category, _) in sorted(ITEMS.items())
        if kind == "sav"
    ]
    contexts = [
        [code, label, "1", category] for code, (label, kind, category, _) in sorted(ITEMS.items()) if kind == "ctx"
    ]
    coherence = [[f, item, core] for f, links in sorted(LINKS.items()) for item, core in links.items()]
    texts = []
    for code, (label, _, access, _, _) in sorted(FICHES.items()):
        texts.append([code, "3", "definition", "1", f"Exerce le métier de {label.split(' /')[0].lower()}."])
        texts.append([code, "4", "acces_metier", "1", f"Cet emploi est {access}."])
    appellations = [
        [str(20000 + i), label, label, code, "", "", "", "", "", "SYNONYME", "", code, "N"]
        for i, (code, (label, *_)) in enumerate(sorted(FICHES.items()))
    ]
    riasec = [[code, r, ""] for code, (_, _, _, r, _) in sorted(FICHES.items())]
    domains = [
        [code, label, code[0], DOMAINS[code[0]], code[:3], f"Domaine {code[:3]}"]
        for code, (label, *_) in sorted(FICHES.items())
    ]
    naf = [["1", "Agriculture", "1", code, label] for code, (label, *_) in sorted(FICHES.items()) if code[0] == "A"]
    return {
        "referentiel_code_rome": _csv(
            [
                "code_rome",
                "code_fiche_metier",
                "code_ogr",
                "libelle_rome",
                "transition_eco",
                "transition_num",
                "transition_demo",
                "emploi_reglemente",
                "emploi_cadre",
                "code_rome_parent",
            ],
            fiches,
        ),
        "cr_gd_dp": _csv(
            [
                "code_rome",
                "libelle_rome",
                "code_grand_domaine",
                "libelle_grand_domaine",
                "code_domaine_professionel",
                "libelle_domaine_professionel",
            ],
            domains,
        ),
        "item": _csv(["code_ogr", "libelle", "code_rubrique"], items),
        "referentiel_competence": _csv(
            [
                "code_ogr",
                "nature",
                "libelle_competence",
                "definition",
                "code_ogr_macro_comp",
                "code_macro_comp",
                "cat_comp",
                "sous_cat_comp",
                "transition_eco",
                "transition_num",
                "libelle_heterogeneite",
                "libelle_origine",
            ],
            competences,
        ),
        "referentiel_savoir": _csv(
            [
                "code_ogr_savoir",
                "libelle_savoir",
                "categorie_savoir",
                "sous_categorie_savoir",
                "transition_eco",
                "transition_num",
            ],
            savoirs,
        ),
        "referentiel_contexte_travail": _csv(
            ["code_ogr", "libelle_cont_travail", "code_type_cont_trav", "libelle_type_cont_trav"], contexts
        ),
        "coherence_item": _csv(["code_rome", "code_ogr", "coeur_metier"], coherence),
        "texte": _csv(
            ["code_rome", "code_compo_bloc", "libelle_type_texte", "position_phrase", "libelle_texte"], texts
        ),
        "referentiel_appellation": _csv(
            [
                "code_ogr",
                "libelle_appellation_long",
                "libelle_appellation_court",
                "code_rome",
                "transition_eco",
                "transition_num",
                "transition_demo",
                "emploi_reglemente",
                "emploi_cadre",
                "classification",
                "origine",
                "code_rome_parent",
                "peu_usite",
            ],
            appellations,
        ),
        "referentiel_code_rome_riasec": _csv(["code_rome", "riasec_majeur", "riasec_mineur"], riasec),
        "arborescence_secteur_naf": _csv(
            ["code_secteur_naf", "libelle_secteur_naf", "code_ogr_rome", "code_rome", "libelle_rome"], naf
        ),
    }


def write_rome_export(directory: Path, gz: bool = False, with_mobility: bool = False) -> Path:
    """Write the fixture export in ``directory`` (official names); optionally a mobility file too."""
    directory.mkdir(parents=True, exist_ok=True)
    for stem, text in _files().items():
        name = f"unix_{stem}_v{VERSION}_utf8.csv"
        if gz:
            (directory / f"{name}.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        else:
            (directory / name).write_text(text, encoding="utf-8")
    if with_mobility:
        mobility = _csv(["code_rome", "code_rome_cible", "numero_ordre"], [list(row) for row in MOBILITY])
        (directory / f"unix_rubrique_mobilite_v{VERSION}_utf8.csv").write_text(mobility, encoding="utf-8")
        (directory / "mobility_dev.csv").write_text(mobility, encoding="utf-8")
    return directory
