"""The quality bench's evaluation and its content-only probe features (bench/transitions.py)."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from maillage.reconversion.engine import TransitionEngine, from_directory

from .rome_fixture import write_rome_export

BENCH = Path(__file__).resolve().parents[2] / "bench" / "transitions.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_transitions", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def engine(tmp_path):
    return TransitionEngine(from_directory(write_rome_export(tmp_path / "rome")))


def test_evaluate_counts_hits_and_cross_domain_links(bench):
    codes = ["A1101", "A1102", "B1101", "B1102"]
    scores = np.array([[9.0, 3.0, 2.0, 1.0]])  # ranking of A1101 (itself excluded): A1102, B1101, B1102
    links = {"A1101": {"A1102", "B1102"}}
    metrics = bench.evaluate(scores, codes, ["A1101"], links)
    assert metrics["recall@10"] == 1.0 and metrics["MRR"] == 1.0
    assert metrics["cross-domain recall@20"] == 1.0  # B1102 is in another grand domaine
    assert metrics["nDCG@10"] == pytest.approx((1 + 1 / np.log2(4)) / (1 + 1 / np.log2(3)))


def test_probe_features_are_content_only_and_well_formed(bench, engine):
    n = len(engine.codes)
    score = engine.score_block(np.arange(n))
    features = bench.probe_features(score, engine.codes, engine.corpus)
    assert {"in-degree@10", "CSLS top-10", "reverse rank", "dp affinity", "cadre target"} <= set(features)
    for name, values in features.items():
        assert values.shape == (n, n), name
        assert np.isfinite(values).all(), name
    # A target prior is the same for every source.
    cadre = features["cadre target"]
    assert (cadre == cadre[0]).all()
    assert cadre[0, engine.index["M1604"]] == 1.0


def test_pool_recall_counts_the_links_inside_each_candidate_set(bench):
    codes = ["A1101", "A1102", "B1101", "B1102"]
    links = {"A1101": {"A1102", "B1102"}, "B1101": {"B1102"}}
    pools = [np.array([1, 2]), np.array([3])]  # A1101 gets A1102 and B1101; B1101 gets B1102
    recall, cross = bench.pool_recall(pools, codes, ["A1101", "B1101"], links)
    assert recall == pytest.approx((1 / 2 + 1) / 2)
    assert cross == 0.0  # A1101's only other-domain link, B1102, is not in its pool; B1101 has none
