"""Train the engine's re-ranking model on the development mobility links, and say how well it generalises.

    python bench/train_reranker.py [--rome-dir DIR] [--mobility FILE] [--queries FILE] [--no-save]

1. Features of every dev query's best content candidates (``engine.rerank``: content only).
2. Cross-validation grouped by domaine professionnel (5 folds; a whole domaine is on one side, as
   the held-out evaluation fiches are): the model is trained on 4 folds and ranks the 5th. The
   out-of-fold metrics are the honest estimate for fiches the model never saw.
3. The final model, trained on all dev queries, is written to
   ``maillage/reconversion/engine/reranker_model.txt.gz`` (LightGBM text format, gzipped).

Only this script and ``bench/transitions.py`` read mobility links; the engine never does.
"""

import argparse
import sys
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from transitions import SHARED, evaluate, load_links, print_table  # noqa: E402

from maillage.reconversion.engine import TransitionEngine, from_directory  # noqa: E402
from maillage.reconversion.engine.rerank import FEATURE_NAMES, MODEL_PATH, Reranker, ranking_matrix  # noqa: E402

FOLDS = 5
SEEDS = (1, 2)
ROUNDS = 300
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}


def fold_of(query: str) -> int:
    """Folds by domaine professionnel (the code's first three characters)."""
    return zlib.crc32(query[:3].encode()) % FOLDS


class Dataset:
    """Candidates, features and labels of the dev queries."""

    def __init__(self, engine: TransitionEngine, queries: list[str], links):
        self.engine = engine
        self.queries = queries
        context = engine.rerank_context()
        rows = np.array([engine.index[q] for q in queries])
        self.candidates = context.candidates(rows)
        depth = self.candidates.targets.shape[1]
        self.depth = depth
        codes = np.array(engine.codes)
        self.labels = np.array(
            [
                [code in links[q] for code in codes[targets]]
                for q, targets in zip(queries, self.candidates.targets, strict=True)
            ],
            dtype=float,
        )
        self.row_of = {q: i for i, q in enumerate(queries)}

    def slice(self, queries: list[str]) -> tuple[np.ndarray, np.ndarray]:
        picked = np.array([self.row_of[q] for q in queries])
        features = self.candidates.features.reshape(len(self.queries), self.depth, -1)[picked]
        return features.reshape(-1, len(FEATURE_NAMES)), self.labels[picked].ravel()

    def ranking(self, reranker: Reranker, queries: list[str]) -> np.ndarray:
        """Score matrix (queries × fiches) whose row order is the re-ranked order."""
        features, _ = self.slice(queries)
        probabilities = reranker.probabilities(features).reshape(len(queries), self.depth)
        picked = [self.row_of[q] for q in queries]
        content = self.engine.rerank_context().score[[self.engine.index[q] for q in queries]]
        return ranking_matrix(content, self.candidates.targets[picked], probabilities)


def train(dataset: Dataset, queries: list[str]) -> Reranker:
    import lightgbm

    features, labels = dataset.slice(queries)
    boosters = []
    for seed in SEEDS:
        data = lightgbm.Dataset(features, labels, feature_name=list(FEATURE_NAMES), free_raw_data=False)
        boosters.append(lightgbm.train(dict(PARAMS, seed=seed), data, num_boost_round=ROUNDS))
    return Reranker(boosters)


def out_of_fold_scores(dataset: Dataset) -> np.ndarray:
    """(queries × fiches) ranking of each dev query by a model trained without its domaine's fold."""
    queries = dataset.queries
    codes = dataset.engine.codes
    out_of_fold = np.zeros((len(queries), len(codes)))
    for fold in range(FOLDS):
        train_queries = [q for q in queries if fold_of(q) != fold]
        test_queries = [q for q in queries if fold_of(q) == fold]
        model = train(dataset, train_queries)
        out_of_fold[[dataset.row_of[q] for q in test_queries]] = dataset.ranking(model, test_queries)
    return out_of_fold


def cross_validate(dataset: Dataset, links) -> dict[str, dict[str, float]]:
    """Out-of-fold metrics of the re-ranked engine against the content stage alone."""
    queries, codes = dataset.queries, dataset.engine.codes
    content = dataset.engine.rerank_context().score[[dataset.engine.index[q] for q in queries]]
    return {
        "content stage": evaluate(content, codes, queries, links),
        "re-ranked, out-of-fold": evaluate(out_of_fold_scores(dataset), codes, queries, links),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rome-dir", default=str(ROOT / "data" / "reference" / "rome"))
    parser.add_argument("--mobility", default=str(SHARED / "mobility_dev.csv"))
    parser.add_argument("--queries", default=str(SHARED / "mobility_dev_queries.txt"))
    parser.add_argument("--no-save", action="store_true", help="cross-validate only, keep the bundled model")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = from_directory(args.rome_dir)
    links = load_links(Path(args.mobility))
    queries = [q for q in Path(args.queries).read_text().split() if q in corpus.fiches and links.get(q)]
    engine = TransitionEngine(corpus)
    dataset = Dataset(engine, queries, links)
    print(f"{len(queries)} dev queries, {dataset.depth} candidates each, {len(FEATURE_NAMES)} features")
    table = cross_validate(dataset, links)
    print_table(f"Cross-validation grouped by domaine professionnel ({FOLDS} folds)", table)
    if not args.no_save:
        model = train(dataset, queries)
        model.save(MODEL_PATH)
        in_sample = evaluate(dataset.ranking(model, queries), engine.codes, queries, links)
        print_table("Final model on its own training queries (optimistic, for reference)", {"in-sample": in_sample})
        print(f"model written to {MODEL_PATH.relative_to(ROOT)} ({MODEL_PATH.stat().st_size / 1e6:.1f} MB)")
    print(f"elapsed: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
