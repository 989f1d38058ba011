"""The engine's second stage: content features of candidate pairs and the learnt re-ranking model."""

import lightgbm
import numpy as np
import pytest

from maillage.reconversion.engine import TransitionEngine, from_directory, rerank
from maillage.reconversion.engine.rerank import FEATURE_NAMES, Reranker

from .rome_fixture import FICHES, write_rome_export


@pytest.fixture
def corpus(tmp_path):
    return from_directory(write_rome_export(tmp_path / "rome"))


class FavourLast:
    """A stand-in model that prefers the candidates the content stage ranks last."""

    def probabilities(self, features):
        log_rank = features[:, FEATURE_NAMES.index("log_rank")]
        return np.clip(0.1 + log_rank / 10.0, 0.0, 1.0)


def test_bundled_model_matches_the_engine_features():
    model = Reranker.load()
    assert model.boosters
    assert all(tuple(booster.feature_name()) == FEATURE_NAMES for booster in model.boosters)


def test_a_model_with_other_features_is_refused(tmp_path):
    data = lightgbm.Dataset(np.random.default_rng(0).random((60, 2)), np.arange(60) % 2, feature_name=["a", "b"])
    booster = lightgbm.train({"objective": "binary", "verbose": -1, "min_data_in_leaf": 5}, data, num_boost_round=2)
    path = tmp_path / "model.txt.gz"
    Reranker([booster]).save(path)
    with pytest.raises(ValueError, match="ne correspond pas"):
        Reranker.load(path)


def test_candidate_features_are_well_formed(corpus):
    engine = TransitionEngine(corpus)
    context = engine.rerank_context()
    rows = np.arange(len(engine.codes))
    candidates = context.candidates(rows)
    depth = len(FICHES) - 1
    assert candidates.targets.shape == (len(FICHES), depth)
    assert candidates.features.shape == (len(FICHES) * depth, len(FEATURE_NAMES))
    assert np.isfinite(candidates.features).all()
    for row, targets in zip(rows, candidates.targets, strict=True):
        assert row not in targets
    # The parent / child flags follow the v3 parent codes: A1205 comes from A1203.
    child = candidates.features[:, FEATURE_NAMES.index("child")].reshape(candidates.targets.shape)
    a1203, a1205 = engine.index["A1203"], engine.index["A1205"]
    assert child[a1203, list(candidates.targets[a1203]).index(a1205)] == 1.0


def test_ranking_follows_the_model(corpus):
    content = TransitionEngine(corpus, rerank=False).top_k("B1803", len(FICHES))
    reranked = TransitionEngine(corpus, reranker=FavourLast()).top_k("B1803", len(FICHES))
    assert [r.target for r in reranked] == [r.target for r in reversed(content)]
    assert [r.rank for r in reranked] == list(range(1, len(FICHES)))


def test_fiches_beyond_the_candidates_follow_with_lower_scores(corpus, monkeypatch):
    monkeypatch.setattr(rerank, "DEPTH", 3)
    content = TransitionEngine(corpus, rerank=False).top_k("B1803", len(FICHES))
    ranked = TransitionEngine(corpus).top_k("B1803", len(FICHES))
    assert {r.target for r in ranked[:3]} == {r.target for r in content[:3]}
    assert [r.target for r in ranked[3:]] == [r.target for r in content[3:]]
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_content_stage_alone_ranks_by_content_score(corpus):
    engine = TransitionEngine(corpus, rerank=False)
    ranked = engine.top_k("B1803", 3)
    scores = engine.scores("B1803")
    assert [r.score for r in ranked] == sorted(
        (s for i, s in enumerate(scores) if engine.codes[i] != "B1803"), reverse=True
    )[:3]
