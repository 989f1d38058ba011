"""The transition engine: rank every other fiche by transferability from a source fiche.

Two stages. The content score (``scores``, ``breakdown``):
score(source, target) = Σ_c w_c · sim_c(source, target) / Σ_c w_c, in 0..1, where each channel c
is a cosine between TF-IDF representations built from skills, texts and codes (see
``features``) or a pairwise code feature (same domain, education levels, socle fiche…).
Then the rankings (``top_k``, ``iter_top_k``) re-rank each source's best content candidates with
the learnt model of ``rerank``; their score is that model's probability, in 0..1.
``rerank=False`` keeps the content ranking alone.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from . import features
from .corpus import RomeCorpus
from .rerank import RerankContext, Reranker, ranking_matrix
from .weights import DEFAULT_IMPORTANCE, DEFAULT_WEIGHTS

BLOCK = 256
DECIMALS = 6


@dataclass(frozen=True)
class Ranked:
    target: str
    rank: int
    score: float


class TransitionEngine:
    def __init__(
        self,
        corpus: RomeCorpus,
        weights: dict[str, float] | None = None,
        importance=None,
        rerank: bool = True,
        reranker: Reranker | None = None,
    ):
        self.corpus = corpus
        self.rerank = rerank
        self._reranker = reranker
        self._context: RerankContext | None = None
        self.codes = corpus.codes
        self.index = {code: i for i, code in enumerate(self.codes)}
        weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
        unknown = set(weights) - set(features.CHANNEL_LABELS)
        if unknown:
            raise ValueError(f"Canaux inconnus : {sorted(unknown)}")
        self.weights = {name: float(w) for name, w in sorted(weights.items()) if w}
        self.total_weight = sum(self.weights.values()) or 1.0
        self.cross_names = [n for n in self.weights if n in features.CROSS_CHANNELS]
        vector_names = [n for n in self.weights if n in features.VECTOR_CHANNELS]
        vector_names += [features.CROSS_CHANNELS[n][1] for n in self.cross_names]
        vector_names = sorted(set(vector_names))
        self.pair_names = [n for n in self.weights if n in features.PAIR_CHANNELS]
        self.vectors = features.vector_channels(corpus, self.codes, vector_names, importance or DEFAULT_IMPORTANCE)
        self.arrays = features.fiche_arrays(corpus, self.codes)

    # Scores -------------------------------------------------------------------------------
    def channel_scores(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """Each weighted channel's similarity of the fiches ``rows`` to all fiches."""
        sims = {name: (matrix[rows] @ matrix.T).toarray() for name, matrix in self.vectors.items()}
        out = {name: values for name, values in sims.items() if name in self.weights}
        if self.cross_names:
            cross = features.cross_domain(self.arrays, rows)
            for name in self.cross_names:
                out[name] = sims[features.CROSS_CHANNELS[name][1]] * cross
        out.update(features.pair_features(self.arrays, rows, self.pair_names))
        return out

    def score_block(self, rows: np.ndarray) -> np.ndarray:
        """Combined scores (0..1) of the fiches ``rows`` against all fiches."""
        total = np.zeros((len(rows), len(self.codes)))
        for name, values in self.channel_scores(rows).items():
            total += self.weights[name] * values
        return np.round(total / self.total_weight, DECIMALS)

    def scores(self, source: str) -> np.ndarray:
        return self.score_block(np.array([self.index[source]]))[0]

    def breakdown(self, source: str, target: str) -> dict[str, float]:
        """Each channel's contribution to the score of ``source → target`` (they sum to the score)."""
        row = np.array([self.index[source]])
        column = self.index[target]
        parts = self.channel_scores(row)
        return {
            name: round(self.weights[name] * float(values[0, column]) / self.total_weight, 4)
            for name, values in parts.items()
        }

    def breakdown_many(self, source: str, targets: list[str]) -> dict[str, dict[str, float]]:
        """``breakdown`` for several targets of one source (one pass over the channels)."""
        parts = self.channel_scores(np.array([self.index[source]]))
        columns = [self.index[t] for t in targets]
        out: dict[str, dict[str, float]] = {t: {} for t in targets}
        for name, values in parts.items():
            share = self.weights[name] / self.total_weight
            for target, column in zip(targets, columns, strict=True):
                out[target][name] = round(share * float(values[0, column]), 4)
        return out

    # Rankings -----------------------------------------------------------------------------
    def top_k(self, source: str, k: int) -> list[Ranked]:
        row = self.index[source]
        return self.ranked_block(np.array([row]), k)[0]

    def iter_top_k(self, k: int, block: int = BLOCK) -> Iterator[tuple[str, list[Ranked]]]:
        """Every fiche's top-``k`` targets (source excluded), in code order, block by block."""
        for start in range(0, len(self.codes), block):
            rows = np.arange(start, min(start + block, len(self.codes)))
            for row, ranked in zip(rows, self.ranked_block(rows, k), strict=True):
                yield self.codes[row], ranked

    def ranked_block(self, rows: np.ndarray, k: int) -> list[list[Ranked]]:
        """The top-``k`` targets of the fiches ``rows``: re-ranked, or by content score alone."""
        if not self.rerank or len(self.codes) < 3:
            matrix = self.score_block(rows)
            return [self._rank_row(row, matrix[offset], k) for offset, row in enumerate(rows)]
        context = self.rerank_context()
        candidates = context.candidates(rows)
        probabilities = self.reranker().probabilities(candidates.features).reshape(candidates.targets.shape)
        return [
            self._rerank_row(row, candidates.targets[offset], probabilities[offset], k)
            for offset, row in enumerate(rows)
        ]

    def reranker(self) -> Reranker:
        if self._reranker is None:
            self._reranker = Reranker.load()
        return self._reranker

    def rerank_context(self) -> RerankContext:
        if self._context is None:
            every_channel = dict.fromkeys(features.CHANNEL_LABELS, 1.0)
            all_channels = TransitionEngine(self.corpus, weights=every_channel, rerank=False)
            self._context = RerankContext(self, all_channels)
        return self._context

    def _rerank_row(self, row: int, targets: np.ndarray, probabilities: np.ndarray, k: int) -> list[Ranked]:
        """Candidates by probability (ties by code), then the other fiches by content score, scaled below."""
        rounded = np.round(probabilities, DECIMALS)
        order = np.lexsort((targets, -rounded))
        head = [(int(targets[j]), float(rounded[j])) for j in order]
        if k > len(head):
            content = self.rerank_context().score[row]
            rest = [int(j) for j in self.rerank_context().order[row, len(head) :]]
            floor = min((p for _, p in head), default=1.0)
            top = content[rest[0]] if rest and content[rest[0]] > 0 else 1.0
            head += [(j, round(floor * max(0.0, float(content[j])) / top, DECIMALS)) for j in rest]
        limit = max(0, min(k, len(self.codes) - 1))
        return [Ranked(self.codes[j], rank, score) for rank, (j, score) in enumerate(head[:limit], start=1)]

    def _rank_row(self, row: int, values: np.ndarray, k: int) -> list[Ranked]:
        values = values.copy()
        values[row] = -np.inf
        # Ties are broken by code (rows follow sorted codes): stable sort on the negated score.
        order = np.argsort(-values, kind="stable")[: max(0, min(k, len(values) - 1))]
        return [Ranked(self.codes[j], rank, float(values[j])) for rank, j in enumerate(order, start=1)]

    def ranking_scores(self, rows: np.ndarray) -> np.ndarray:
        """A (rows × fiches) matrix whose row order is the engine's ranking (for evaluation)."""
        if not self.rerank:
            return self.score_block(rows)
        context = self.rerank_context()
        candidates = context.candidates(rows)
        probabilities = self.reranker().probabilities(candidates.features).reshape(candidates.targets.shape)
        return ranking_matrix(context.score[rows], candidates.targets, probabilities)
