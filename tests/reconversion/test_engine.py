import numpy as np
import pytest

from maillage.reconversion.engine import TransitionEngine, explain, from_directory
from maillage.reconversion.engine.files import ForbiddenFileError, RomeFilesError, check_allowed, find_files, read_rows
from maillage.reconversion.engine.text import entry_level, terms

from .rome_fixture import FICHES, write_rome_export


@pytest.fixture
def rome_dir(tmp_path):
    return write_rome_export(tmp_path / "rome")


def test_corpus_reads_skills_texts_and_codes(rome_dir):
    corpus = from_directory(rome_dir)
    assert sorted(corpus.fiches) == sorted(FICHES)
    couture = corpus.fiches["B1803"]
    assert couture.items["100003"] == "core"
    assert couture.domain == "B18" and couture.parent == "B1803" and couture.riasec_major == "A"
    assert "CAP" in couture.access and couture.appellations == ["Couturier / Couturière"]
    assert corpus.fiches["A1205"].parent == "A1203"
    assert corpus.items["200002"].kind == "savoir"
    assert corpus.items["300003"].kind == "contexte"
    assert corpus.items["100006"].category == "Transverse"
    assert corpus.fiches["M1604"].cadre is True


def test_gzipped_export_reads_the_same(tmp_path):
    plain = from_directory(write_rome_export(tmp_path / "plain"))
    gzipped = from_directory(write_rome_export(tmp_path / "gz", gz=True))
    assert {c: f.items for c, f in plain.fiches.items()} == {c: f.items for c, f in gzipped.fiches.items()}


def test_ranking_is_skill_based(rome_dir):
    engine = TransitionEngine(from_directory(rome_dir))
    top = engine.top_k("B1803", 3)
    # The seamstress's fine dexterity transfers to electronics assembly.
    assert top[0].target == "H2604"
    assert [r.rank for r in top] == [1, 2, 3]
    assert all(0.0 <= r.score <= 1.0 for r in top)
    assert top[0].score >= top[1].score >= top[2].score
    assert engine.top_k("M1607", 1)[0].target == "M1604"


def test_source_is_never_its_own_target(rome_dir):
    engine = TransitionEngine(from_directory(rome_dir))
    for source, ranked in engine.iter_top_k(50, block=3):
        assert source not in [r.target for r in ranked]
        assert len(ranked) == len(FICHES) - 1


def test_ranking_is_deterministic(rome_dir):
    first = list(TransitionEngine(from_directory(rome_dir)).iter_top_k(5))
    second = list(TransitionEngine(from_directory(rome_dir)).iter_top_k(5, block=2))
    assert first == second


def test_breakdown_sums_to_the_content_score(rome_dir):
    engine = TransitionEngine(from_directory(rome_dir))
    best = engine.top_k("B1803", 1)[0]
    parts = engine.breakdown("B1803", best.target)
    content = engine.scores("B1803")[engine.index[best.target]]
    assert sum(parts.values()) == pytest.approx(content, abs=1e-3)
    assert engine.breakdown_many("B1803", [best.target])[best.target] == parts


def test_explanation_lists_skills_kept_and_to_acquire(rome_dir):
    corpus = from_directory(rome_dir)
    explanation = explain(corpus, "B1803", "H2604")
    assert {s.label for s in explanation.shared} == {
        "Assembler des composants de petite taille avec précision",
        "Minutie et dextérité fine",
    }
    # All the target's core skills are kept: the other skills it lists are the ones to learn.
    assert "Électronique" in {s.label for s in explanation.to_acquire}
    assert all(s.code not in corpus.fiches["B1803"].items for s in explanation.to_acquire)
    assert explanation.shared_count == 2


def test_to_acquire_are_the_target_core_skills_missing(rome_dir):
    corpus = from_directory(rome_dir)
    explanation = explain(corpus, "M1607", "H2913")
    assert [s.label for s in explanation.to_acquire] == ["Souder des pièces métalliques"]


def test_unknown_weights_are_refused(rome_dir):
    with pytest.raises(ValueError):
        TransitionEngine(from_directory(rome_dir), weights={"mobility": 1.0})


def test_missing_files_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(RomeFilesError, match="manquants"):
        from_directory(tmp_path / "empty")
    with pytest.raises(RomeFilesError, match="introuvable"):
        from_directory(tmp_path / "nowhere")


def test_education_level_and_terms():
    assert entry_level("Cet emploi est accessible avec un CAP ou un Bac pro.") == 3
    assert entry_level("Accessible avec un Master (Bac+5) ou un diplôme d'ingénieur.") == 7
    assert entry_level("Ce métier est accessible avec un Bac+2 (BTS, DUT).") == 5
    assert entry_level("Aucune mention.") is None
    assert terms("Tailler les arbres fruitiers") == ["tailler", "arbre", "fruitie"]


# --- never reads mobility data -----------------------------------------------------------------


def test_output_is_identical_with_and_without_mobility_files(tmp_path):
    without = TransitionEngine(from_directory(write_rome_export(tmp_path / "without")))
    with_mobility = TransitionEngine(from_directory(write_rome_export(tmp_path / "with", with_mobility=True)))
    assert list(without.iter_top_k(10)) == list(with_mobility.iter_top_k(10))


def test_mobility_files_are_never_selected(tmp_path):
    directory = write_rome_export(tmp_path / "rome", with_mobility=True)
    found = find_files(directory)
    assert all("mobilit" not in path.name for path in found.values())


@pytest.mark.parametrize(
    "name",
    [
        "unix_rubrique_mobilite_v460_utf8.csv",
        "unix_rubrique_mobilite_v460_utf8.csv.gz",
        "mobility_dev.csv",
        "unix_unknown_file_v460_utf8.csv",
        "notes.txt",
    ],
)
def test_reading_mobility_or_unlisted_files_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text("code_rome,code_rome_cible,numero_ordre\nA1203,M1607,1\n", encoding="utf-8")
    with pytest.raises(ForbiddenFileError):
        check_allowed(path)
    with pytest.raises(ForbiddenFileError):
        list(read_rows(path))


def test_cross_domain_channels_only_count_other_domains(rome_dir):
    engine = TransitionEngine(from_directory(rome_dir), weights={"tags_x": 1.0})
    parts = engine.channel_scores(np.array([engine.index["A1203"]]))
    sibling = engine.index["A1205"]  # same grand domaine, same NAF sector
    assert parts["tags_x"][0, sibling] == 0.0
    assert set(parts) == {"tags_x"}
