import csv
import io

import pytest
from django.core.management import CommandError, call_command

from maillage.reconversion.engine import TransitionEngine, from_directory
from maillage.reconversion.models import Transition, TransitionBuild
from maillage.reconversion.selectors import top_transitions, transition_score

from .factories import make_fiche
from .rome_fixture import FICHES, write_rome_export


def run_rome_transitions(directory, out, k=3):
    call_command(
        "rome_transitions", "--rome-dir", str(directory), "--k", str(k), "--out", str(out), stdout=io.StringIO()
    )
    return out.read_text(encoding="utf-8")


def test_rome_transitions_writes_top_k_per_fiche(tmp_path):
    out = tmp_path / "out" / "transitions.csv"
    text = run_rome_transitions(write_rome_export(tmp_path / "rome"), out, k=3)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == "source,target,rank,score"
    assert len(rows) == 3 * len(FICHES)
    for source in FICHES:
        mine = [r for r in rows if r["source"] == source]
        assert [int(r["rank"]) for r in mine] == [1, 2, 3]
        assert source not in {r["target"] for r in mine}
        scores = [float(r["score"]) for r in mine]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_rome_transitions_same_output_with_a_mobility_file(tmp_path):
    plain = run_rome_transitions(write_rome_export(tmp_path / "a"), tmp_path / "a.csv", k=50)
    with_mobility = run_rome_transitions(
        write_rome_export(tmp_path / "b", with_mobility=True), tmp_path / "b.csv", k=50
    )
    assert plain == with_mobility
    assert len(plain.splitlines()) == 1 + len(FICHES) * (len(FICHES) - 1)


def test_rome_transitions_reads_gzipped_exports(tmp_path):
    plain = run_rome_transitions(write_rome_export(tmp_path / "a"), tmp_path / "a.csv")
    gzipped = run_rome_transitions(write_rome_export(tmp_path / "b", gz=True), tmp_path / "b.csv")
    assert plain == gzipped


def test_rome_transitions_errors_in_french(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="Fichiers ROME manquants"):
        call_command("rome_transitions", "--rome-dir", str(tmp_path / "empty"), "--out", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="--k"):
        call_command("rome_transitions", "--rome-dir", str(tmp_path), "--k", "0", "--out", str(tmp_path / "x.csv"))


@pytest.fixture
def db_fiches(db):
    return [make_fiche(code, label) for code, (label, *_) in FICHES.items()]


def test_build_transitions_fills_the_table(tmp_path, db_fiches):
    directory = write_rome_export(tmp_path / "rome")
    out = io.StringIO()
    call_command("build_transitions", "--rome-dir", str(directory), "--k", "3", "--no-progress", stdout=out)
    assert Transition.objects.count() == 3 * len(FICHES)
    assert "passerelles enregistrées" in out.getvalue()
    build = TransitionBuild.objects.get()
    assert build.k == 3 and build.fiches == len(FICHES) and build.engine_version
    best = top_transitions("B1803", 1)[0]
    assert best.code == "H2604" and best.shared_skills == 2
    assert 0 < transition_score("B1803", "H2604") <= 1
    row = Transition.objects.get(source_id="B1803", target_id="H2604")
    content = TransitionEngine(from_directory(directory)).scores("B1803")
    assert sum(row.breakdown.values()) == pytest.approx(content[sorted(FICHES).index("H2604")], abs=1e-3)


def test_build_transitions_is_idempotent_and_keeps_only_known_fiches(tmp_path, db):
    make_fiche("B1803", "Couturier")
    make_fiche("H2604", "Monteur en électronique")
    directory = write_rome_export(tmp_path / "rome")
    for _ in range(2):
        call_command("build_transitions", "--rome-dir", str(directory), "--no-progress", stdout=io.StringIO())
    assert set(Transition.objects.values_list("source_id", "target_id")) == {("B1803", "H2604"), ("H2604", "B1803")}
    assert TransitionBuild.objects.count() == 2


def test_build_transitions_from_the_database(db):
    from .factories import link, make_skill

    sewing = make_fiche("B1803", "Couturier")
    electronics = make_fiche("H2604", "Monteur en électronique")
    office = make_fiche("M1607", "Secrétaire")
    dexterity = make_skill("200006", "Minutie et dextérité fine", kind="savoir")
    assemble = make_skill("100004", "Assembler des composants de petite taille")
    letters = make_skill("100008", "Rédiger un courrier")
    link(sewing, dexterity)
    link(sewing, assemble)
    link(electronics, assemble, "principale")
    link(electronics, dexterity)
    link(office, letters, "principale")
    call_command("build_transitions", "--from-db", "--no-progress", stdout=io.StringIO())
    assert top_transitions("B1803", 1)[0].code == "H2604"
    assert top_transitions("B1803", 1)[0].shared_skills == 2


def test_build_transitions_without_referential_says_so(db):
    with pytest.raises(CommandError, match="load_referentials"):
        call_command("build_transitions", "--from-db", "--no-progress", stdout=io.StringIO())
