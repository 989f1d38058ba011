import shutil

import pytest
from django.core.management import call_command

from maillage.referentials.loaders import ReferenceSources, ReferentialFileError, load_all
from maillage.referentials.loaders.base import find_rome_file
from maillage.referentials.loaders.rome import rome_version
from maillage.referentials.models import (
    Appellation,
    CpvCode,
    Fap,
    FapRome,
    FicheNafDivision,
    FicheSkill,
    MobilityLink,
    NafCode,
    ReferentialLoad,
    RomeFiche,
    Skill,
    SkillKind,
)

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def _by_name(results):
    return {result.name: result for result in results}


def test_fixture_load_counts(referentials):
    results = _by_name(referentials)
    assert results["rome"].counts == {
        "grands_domaines": 3,
        "domaines": 3,
        "fiches": 5,
        "appellations": 10,
        "skills": 10,
        "fiche_skills": 12,
        "naf_divisions": 4,
        "mobility_links": 3,
    }
    assert results["naf"].counts == {"naf": 21 + 9}
    assert results["cpv"].counts == {"cpv": 5}
    assert results["fap"].counts == {"fap": 5, "fap_rome": 4}


def test_fiche_fields_texts_and_flags(referentials):
    fiche = RomeFiche.objects.get(code="F1602")
    assert fiche.label == "Électricien / Électricienne du bâtiment"
    assert fiche.search_label == "electricien electricienne du batiment"
    assert fiche.domaine_id == "F16"
    assert fiche.code_rome_parent == "F1602"
    assert fiche.ogr == "100"
    # Sentences assembled by position, doubled apostrophes undone.
    assert fiche.definition == (
        "Installe les réseaux électriques des bâtiments.\nRéalise les travaux d'installation électrique."
    )
    assert fiche.access == "Accessible avec un CAP d'électricien."
    assert fiche.transition_eco == "Emploi stratégique pour la Transition écologique"
    assert fiche.emploi_reglemente and not fiche.emploi_cadre and not fiche.transition_num
    assert (fiche.riasec_major, fiche.riasec_minor) == ("R", "C")
    assert RomeFiche.objects.get(code="J1501").transition_demo


def test_appellations(referentials):
    main = Appellation.objects.get(code="11001")
    assert main.is_main and main.fiche_id == "F1602" and main.emploi_reglemente
    rare = Appellation.objects.get(code="11003")
    assert rare.rarely_used and not rare.is_main
    assert rare.short_label == "Monteur électricien"
    assert not Appellation.objects.filter(code="11011").exists()  # its fiche is unknown


def test_skills_kinds_labels_and_links(referentials):
    assert Skill.objects.get(code="200001").kind == SkillKind.SAVOIR_FAIRE
    savoir_etre = Skill.objects.get(code="200003")
    assert savoir_etre.kind == SkillKind.SAVOIR_ETRE
    assert savoir_etre.label == "Organiser son travail"  # label from unix_item
    assert savoir_etre.nature == "Macro-compétence"
    assert Skill.objects.get(code="200006").kind == SkillKind.SAVOIR_FAIRE  # only in unix_item
    savoir = Skill.objects.get(code="200009")
    assert (savoir.kind, savoir.category, savoir.subcategory) == (
        SkillKind.SAVOIR,
        "Certifications et habilitations",
        "Habilitations",
    )
    context = Skill.objects.get(code="200010")
    assert (context.kind, context.category) == (SkillKind.CONTEXTE, "Horaires et durée du travail")
    assert Skill.objects.get(code="200007").definition == "Déplacer des charges d'un point à un autre."
    importance = dict(FicheSkill.objects.filter(fiche_id="F1602").values_list("skill_id", "importance"))
    assert importance == {
        "200001": FicheSkill.Importance.CORE,
        "200003": "",
        "200004": "",
        "200005": "",
        "200006": "",  # from unix_liens_rome_referentiels only
        "200008": FicheSkill.Importance.EMERGING,
    }
    assert FicheSkill.objects.filter(fiche_id="J1501", skill_id="200003").exists()


def test_naf_divisions_and_mobility(referentials):
    assert set(FicheNafDivision.objects.filter(fiche_id="N1101").values_list("division", flat=True)) == {"01"}
    links = list(MobilityLink.objects.filter(source_id="F1603").values_list("target_id", "order"))
    assert links == [("F1620", 1), ("F1602", 2)]
    assert not MobilityLink.objects.filter(target_id="Z9999").exists()


def test_naf_levels_and_parents(referentials):
    assert NafCode.objects.get(code="A").level == NafCode.Level.SECTION
    division = NafCode.objects.get(code="43")
    assert (division.level, division.parent_id) == (NafCode.Level.DIVISION, "F")
    assert NafCode.objects.get(code="43.2").parent_id == "43"
    assert NafCode.objects.get(code="43.21").parent_id == "43.2"
    subclass = NafCode.objects.get(code="43.21A")
    assert (subclass.level, subclass.parent_id) == (NafCode.Level.SOUS_CLASSE, "43.21")
    # 43.22 is absent from the fixture: its sub-class keeps no parent rather than a dangling one.
    assert NafCode.objects.get(code="43.22A").parent_id is None
    assert NafCode.objects.get(code="01.11Z").search_label.startswith("culture de cereales")


def test_cpv_and_fap(referentials):
    cpv = CpvCode.objects.get(code="03000000")
    assert (cpv.check_digit, cpv.division) == ("1", "03")
    assert cpv.label.startswith("Produits agricoles, de l'élevage")  # BOM and quotes handled
    assert CpvCode.objects.get(code="45000000").market_kind == "travaux"
    assert Fap.objects.get(code="B4Z41").label == "Plombiers, chauffagistes"
    assert Fap.objects.get(code="V0Z60").label == ""
    assert set(FapRome.objects.values_list("fap_id", "rome_v3")) == {
        ("B4Z41", "F1603"),
        ("B4Z42", "F1602"),
        ("V0Z60", "J1501"),
        ("J1Z80", "N1101"),
    }


def test_load_is_recorded_with_version(referentials):
    load = ReferentialLoad.objects.get(name="rome")
    assert load.version == "ROME 4.0 v60 (18/09/2025)"
    assert load.counts["fiches"] == 5
    assert len(load.fingerprint) == 64
    assert set(ReferentialLoad.objects.values_list("name", flat=True)) == {"rome", "naf", "cpv", "fap"}


def test_second_load_is_skipped(referentials, sources, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        results = load_all(sources)
    assert all(result.skipped for result in results)
    assert RomeFiche.objects.count() == 5
    assert FicheSkill.objects.count() == 12


def test_forced_reload_changes_nothing_and_repairs_edits(referentials, sources):
    RomeFiche.objects.filter(code="F1603").update(label="Modifié à la main")
    FicheSkill.objects.filter(fiche_id="F1602", skill_id="200001").update(importance="")
    MobilityLink.objects.create(source_id="J1501", target_id="N1101")
    results = _by_name(load_all(sources, force=True))
    rome = results["rome"].stats
    assert (rome["fiches"].created, rome["fiches"].updated) == (0, 1)
    assert rome["appellations"].created == rome["appellations"].updated == 0
    assert rome["fiche_skills"].updated == 1
    assert rome["mobility_links"].deleted == 1
    assert RomeFiche.objects.get(code="F1603").label == "Plombier / Plombière sanitaire"
    assert RomeFiche.objects.count() == 5 and Appellation.objects.count() == 10
    assert FicheSkill.objects.count() == 12 and MobilityLink.objects.count() == 3
    assert results["cpv"].stats["cpv"].created == 0


def test_mobility_file_is_optional(db, tmp_path):
    rome_dir = tmp_path / "rome"
    shutil.copytree(FIXTURES / "rome", rome_dir)
    (rome_dir / "unix_rubrique_mobilite_v460_utf8.csv").unlink()
    results = _by_name(load_all(ReferenceSources.from_dir(rome_dir), only=["rome"]))
    assert "mobility_links" not in results["rome"].stats
    assert MobilityLink.objects.count() == 0
    assert RomeFiche.objects.count() == 5


def test_newest_file_version_wins(tmp_path):
    for name in ["unix_texte_v459_utf8.csv.gz", "unix_texte_v460_utf8.csv.gz", "unix_texte_v460_utf8.csv"]:
        (tmp_path / name).write_text("")
    (tmp_path / "unix_textes_v999_utf8.csv").write_text("")
    assert find_rome_file(tmp_path, "texte").name == "unix_texte_v460_utf8.csv"
    assert find_rome_file(tmp_path, "rubrique_mobilite", required=False) is None
    with pytest.raises(ReferentialFileError):
        find_rome_file(tmp_path, "grand_domaine")


def test_version_from_file_names_without_version_txt(tmp_path):
    sample = tmp_path / "unix_referentiel_code_rome_v461_utf8.csv"
    assert rome_version(tmp_path, sample) == "ROME 4.0 v61"


def test_command_prints_progress_and_summary(db, capsys):
    call_command("load_referentials", dir=str(FIXTURES))
    out = capsys.readouterr().out
    assert "ROME 4.0 v60 (18/09/2025)" in out
    assert "fiches : 5 (5 créés" in out
    call_command("load_referentials", "--dir", str(FIXTURES))
    assert "déjà chargé" in capsys.readouterr().out
    call_command("referentials_status")
    status = capsys.readouterr().out
    assert "rome : ROME 4.0 v60 (18/09/2025)" in status
    assert "appellations : 10" in status


def test_command_only_and_errors(db, tmp_path, capsys):
    call_command("load_referentials", "--dir", str(FIXTURES), "--only", "cpv")
    assert CpvCode.objects.count() == 5 and RomeFiche.objects.count() == 0
    call_command("referentials_status")
    assert "rome : non chargé" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_referentials", "--only", "inconnu")
    with pytest.raises(CommandError):
        call_command("load_referentials", "--dir", str(tmp_path))


def test_missing_column_is_reported_and_nothing_is_written(db, tmp_path):
    rome_dir = tmp_path / "rome"
    shutil.copytree(FIXTURES / "rome", rome_dir)
    appellations = rome_dir / "unix_referentiel_appellation_v460_utf8.csv"
    appellations.write_text(appellations.read_text().replace('"libelle_appellation_long"', '"libelle"'))
    with pytest.raises(ReferentialFileError, match="libelle_appellation_long"):
        load_all(ReferenceSources.from_dir(rome_dir), only=["rome"])
    assert RomeFiche.objects.count() == 0  # the whole ROME load was rolled back
    assert not ReferentialLoad.objects.filter(name="rome").exists()


def test_unreadable_naf_json_is_reported(db, tmp_path):
    from maillage.referentials.loaders.nomenclatures import load_naf

    broken = tmp_path / "naf_rev2.json"
    broken.write_text("{not json")
    with pytest.raises(ReferentialFileError, match="JSON illisible"):
        load_naf(broken)


def test_command_output_can_be_captured(db):
    import io

    out = io.StringIO()
    call_command("load_referentials", "--dir", str(FIXTURES), stdout=out)
    text = out.getvalue()
    assert "ROME : fiches métier" in text  # the progress bar went to the given stream
    assert "Terminé en" in text


def test_dry_run_reports_changes_and_writes_nothing(referentials, capsys):
    RomeFiche.objects.filter(code="F1603").update(label="Modifié à la main")
    call_command("load_referentials", "--dir", str(FIXTURES), "--force", "--dry-run", "--only", "rome")
    out = capsys.readouterr().out
    assert "fiches : 5 (0 créés, 1 modifiés, 0 supprimés)" in out
    assert "rien n'a été enregistré" in out
    assert RomeFiche.objects.get(code="F1603").label == "Modifié à la main"


def test_dry_run_on_an_empty_database(db):
    load_all(ReferenceSources.from_dir(FIXTURES), dry_run=True)
    assert RomeFiche.objects.count() == 0 and not ReferentialLoad.objects.exists()
