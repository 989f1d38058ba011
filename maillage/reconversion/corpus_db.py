"""The engine's corpus built from the database referential (``referentials`` models)."""

from maillage.referentials.models import Appellation, FicheNafDivision, FicheSkill, RomeFiche, Skill

from .engine.corpus import CONTEXTE, CORE, EMERGING, OTHER, SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE, Fiche, Item, RomeCorpus

KIND = {"savoir_faire": SAVOIR_FAIRE, "savoir_etre": SAVOIR_ETRE, "savoir": SAVOIR, "contexte": CONTEXTE}
IMPORTANCE = {FicheSkill.Importance.CORE: CORE, FicheSkill.Importance.EMERGING: EMERGING}


def corpus_from_db() -> RomeCorpus:
    """Fiches, skills and texts of the loaded referential (mobility links are not read)."""
    fiches = {
        row["code"]: Fiche(
            code=row["code"],
            label=row["label"],
            parent=row["code_rome_parent"] or row["code"],
            domain=row["domaine_id"] or row["code"][:3],
            definition=row["definition"],
            access=row["access"],
            riasec_major=row["riasec_major"],
            riasec_minor=row["riasec_minor"],
            cadre=row["emploi_cadre"],
            regulated=row["emploi_reglemente"],
        )
        for row in RomeFiche.objects.values(
            "code",
            "label",
            "code_rome_parent",
            "domaine_id",
            "definition",
            "access",
            "riasec_major",
            "riasec_minor",
            "emploi_cadre",
            "emploi_reglemente",
        )
    }
    items = {
        row["code"]: Item(
            code=row["code"],
            label=row["label"],
            kind=KIND.get(row["kind"], SAVOIR_FAIRE),
            category=row["category"],
            subcategory=row["subcategory"] if row["kind"] == "savoir" else "",
            macro_code=row["macro_code"],
        )
        for row in Skill.objects.values("code", "label", "kind", "category", "subcategory", "macro_code")
    }
    for fiche_id, skill_id, importance in FicheSkill.objects.values_list("fiche_id", "skill_id", "importance"):
        if fiche_id in fiches and skill_id in items:
            fiches[fiche_id].items[skill_id] = IMPORTANCE.get(importance, OTHER)
    for fiche_id, label in Appellation.objects.order_by("label").values_list("fiche_id", "label"):
        if fiche_id in fiches:
            fiches[fiche_id].appellations.append(label)
    for fiche_id, division in FicheNafDivision.objects.values_list("fiche_id", "division"):
        if fiche_id in fiches:
            fiches[fiche_id].tags.add(f"naf:{division}")
    return RomeCorpus(fiches=fiches, items=items)
