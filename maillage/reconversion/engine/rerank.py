"""Second stage of the engine: re-rank each fiche's content neighbours with a learnt model.

The first stage (``model.TransitionEngine`` without re-ranking) scores every pair of fiches by a
weighted mix of content similarities. This stage takes each source's ``DEPTH`` best candidates and
describes every (source, candidate) pair by about 140 content features: each channel's similarity
and its rank in the source's row, the candidate's place in the content neighbourhood graph
(in-degree, reverse rank, its similarity to the source's parent fiche and nearest neighbours),
codes (same v3 fiche, parent / child, levels, socle, RIASEC, cadre), cross-field similarities (the
source's skill vocabulary against the candidate's job titles…) and job-title keywords. A gradient
boosted model (LightGBM, ``reranker_model.txt.gz``) turns them into the probability that ROME's
experts list the transition.

The model was trained by ``bench/train_reranker.py`` on the development mobility links; like the
channel weights, that is the only thing learnt from links. At run time nothing reads mobility data:
every feature comes from skills, texts and codes.
"""

import gzip
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from maillage.common_text import fold

from .corpus import CONTEXTE, RomeCorpus
from .features import CHANNEL_LABELS, bag_of_terms, fiche_arrays, tfidf_matrix
from .text import terms

MODEL_PATH = Path(__file__).with_name("reranker_model.txt.gz")
DEPTH = 150
RIASEC = "RIASEC"
# Job-title words that mark a kind of job (a career step, a trade level…), matched in folded labels.
TITLE_WORDS = (
    "formateur", "responsable", "chef", "directeur", "ingenieur", "technicien", "agent", "assistant",
    "conseiller", "charge", "professeur", "operateur", "conducteur", "manager", "expert", "consultant",
    "animateur", "gestionnaire",
)  # fmt: skip
# Text fields compared across (source field, target field): the source's skills against the target's titles…
FIELDS = ("skills", "titles", "label", "text", "access")
CROSS_FIELDS = (
    ("skills", "titles"), ("titles", "skills"), ("text", "titles"), ("titles", "text"), ("skills", "label"),
    ("text", "label"), ("access", "label"), ("label", "access"), ("access", "text"),
)  # fmt: skip
FICHE_FEATURES = (
    "in_degree_10", "in_degree_50", "appellations", "skills", "source_skills", "level", "source_level",
    "level_gap", "socle", "source_socle", "child", "parent", "sibling", "same_domain", "same_grand_domain",
    "grand_domain", "source_grand_domain", "riasec", "source_riasec", "cadre", "source_cadre",
)  # fmt: skip
NEIGHBOURHOOD_FEATURES = (
    "rank_from_parent", "score_from_parent", "rank_of_parent_of_target", "mean_score_top5", "score_10th",
    "score_1st", "source_domain_share_top20", "source_grand_domain_share_top20", "target_domain_share_top20",
)  # fmt: skip
CHANNELS = tuple(sorted(CHANNEL_LABELS))
FEATURE_NAMES = (
    ("score", "log_rank", "log_reverse_rank")
    + tuple(f"{kind}_{name}" for name in CHANNELS for kind in ("sim", "rank"))
    + FICHE_FEATURES
    + tuple(f"title_{word}" for word in TITLE_WORDS)
    + tuple(f"source_title_{word}" for word in TITLE_WORDS)
    + tuple(f"cross_{a}_{b}" for a, b in CROSS_FIELDS)
    + NEIGHBOURHOOD_FEATURES
)


@dataclass(frozen=True)
class Candidates:
    """The ``DEPTH`` best content candidates of some sources and their features (rows: source × candidate)."""

    sources: np.ndarray  # (b,) fiche rows
    targets: np.ndarray  # (b, depth) fiche rows, best content score first
    features: np.ndarray  # (b * depth, len(FEATURE_NAMES))


class RerankContext:
    """Everything the features need about the whole corpus, computed once from the first stage."""

    def __init__(self, engine, all_channels):
        self.engine = engine
        self.all_channels = all_channels  # a first-stage engine weighting every channel (features only)
        corpus: RomeCorpus = engine.corpus
        codes = engine.codes
        n = len(codes)
        self.depth = max(1, min(DEPTH, n - 1))
        score = np.vstack([engine.score_block(rows) for rows in _blocks(n)]) if n else np.zeros((0, 0))
        np.fill_diagonal(score, -np.inf)
        self.order = np.argsort(-score, axis=1, kind="stable")
        self.rank = np.empty_like(self.order)
        self.rank[np.arange(n)[:, None], self.order] = np.arange(n)[None, :]
        np.fill_diagonal(score, 0.0)
        self.score = score
        self.arrays = fiche_arrays(corpus, codes)
        index = {code: i for i, code in enumerate(codes)}
        self.parent_row = np.array([index.get(p, i) for i, p in enumerate(self.arrays.parent)])
        fiches = [corpus.fiches[code] for code in codes]
        labels = [fold(f.label.lower()) for f in fiches]
        self.title_words = np.array([[word in label for word in TITLE_WORDS] for label in labels], dtype=float)
        self.fiche_values = {
            "in_degree_10": np.log1p(np.bincount(self.order[:, :10].ravel(), minlength=n)),
            "in_degree_50": np.log1p(np.bincount(self.order[:, :50].ravel(), minlength=n)),
            "appellations": np.log1p([len(f.appellations) for f in fiches]),
            "skills": np.log1p([len(f.items) for f in fiches]),
            "grand_domain": np.array([ord(code[0]) - ord("A") for code in codes], dtype=float),
            "riasec": np.array([RIASEC.find(r) for r in self.arrays.riasec_major], dtype=float),
            "cadre": self.arrays.cadre.astype(float),
        }
        self.fields = _field_matrices(corpus, codes)

    def candidates(self, rows: np.ndarray) -> Candidates:
        targets = self.order[rows, : self.depth]
        blocks = [
            self._content_features(rows, targets),
            self._channel_features(rows, targets),
            self._fiche_features(rows, targets),
            self._title_features(rows, targets),
            self._cross_field_features(rows, targets),
            self._neighbourhood_features(rows, targets),
        ]
        return Candidates(rows, targets, np.column_stack(blocks))

    # Feature groups, each (b * depth, m) --------------------------------------------------
    def _content_features(self, rows, targets):
        score = np.take_along_axis(self.score[rows], targets, axis=1)
        rank = np.take_along_axis(self.rank[rows], targets, axis=1)
        reverse = self.rank[targets, rows[:, None]]
        return np.column_stack([score.ravel(), np.log1p(rank).ravel(), np.log1p(reverse).ravel()])

    def _channel_features(self, rows, targets):
        channels = self.all_channels.channel_scores(rows)
        columns = []
        for name in CHANNELS:
            values = channels[name]
            picked = np.take_along_axis(values, targets, axis=1)
            columns += [picked.ravel(), np.log1p(_higher_count(values, picked)).ravel()]
        return np.column_stack(columns)

    def _fiche_features(self, rows, targets):
        a, v = self.arrays, self.fiche_values
        source = rows[:, None]
        known = (a.level[source] > 0) & (a.level[targets] > 0)
        columns = {
            "in_degree_10": v["in_degree_10"][targets],
            "in_degree_50": v["in_degree_50"][targets],
            "appellations": v["appellations"][targets],
            "skills": v["skills"][targets],
            "source_skills": np.broadcast_to(v["skills"][source], targets.shape),
            "level": a.level[targets],
            "source_level": np.broadcast_to(a.level[source], targets.shape),
            "level_gap": np.where(known, a.level[targets] - a.level[source], 0.0),
            "socle": a.is_socle[targets],
            "source_socle": np.broadcast_to(a.is_socle[source], targets.shape),
            "child": self.parent_row[targets] == source,
            "parent": self.parent_row[source] == targets,
            "sibling": a.parent[targets] == a.parent[source],
            "same_domain": a.domain[targets] == a.domain[source],
            "same_grand_domain": a.grand_domain[targets] == a.grand_domain[source],
            "grand_domain": v["grand_domain"][targets],
            "source_grand_domain": np.broadcast_to(v["grand_domain"][source], targets.shape),
            "riasec": v["riasec"][targets],
            "source_riasec": np.broadcast_to(v["riasec"][source], targets.shape),
            "cadre": v["cadre"][targets],
            "source_cadre": np.broadcast_to(v["cadre"][source], targets.shape),
        }
        return np.column_stack([np.asarray(columns[name], dtype=float).ravel() for name in FICHE_FEATURES])

    def _title_features(self, rows, targets):
        target_words = self.title_words[targets].reshape(-1, len(TITLE_WORDS))
        source_words = np.repeat(self.title_words[rows], targets.shape[1], axis=0)
        return np.hstack([target_words, source_words])

    def _cross_field_features(self, rows, targets):
        columns = []
        for source_field, target_field in CROSS_FIELDS:
            sims = (self.fields[source_field][rows] @ self.fields[target_field].T).toarray()
            columns.append(np.take_along_axis(sims, targets, axis=1).ravel())
        return np.column_stack(columns)

    def _neighbourhood_features(self, rows, targets):
        a, depth = self.arrays, targets.shape[1]
        source = rows[:, None]
        parents = self.parent_row[rows][:, None]
        has_parent = parents != source
        from_parent = np.where(has_parent, self.rank[parents, targets], 0)
        parent_score = np.where(has_parent, self.score[parents, targets], self.score[source, targets])
        target_parent_rank = self.rank[self.parent_row[targets], source]
        top5 = self.order[rows, :5]
        mean_top5 = np.stack([self.score[top5[i]][:, targets[i]].mean(axis=0) for i in range(len(rows))])
        top20 = self.order[rows, :20]
        score_sorted = np.take_along_axis(self.score[rows], self.order[rows, :10], axis=1)
        source_dp = (a.domain[top20] == a.domain[source]).mean(axis=1)
        source_gd = (a.grand_domain[top20] == a.grand_domain[source]).mean(axis=1)
        target_dp = np.stack(
            [(a.domain[top20[i]][None, :] == a.domain[targets[i]][:, None]).mean(axis=1) for i in range(len(rows))]
        )
        columns = [
            np.log1p(from_parent),
            parent_score,
            np.log1p(target_parent_rank),
            mean_top5,
            np.repeat(score_sorted[:, -1:], depth, axis=1),
            np.repeat(score_sorted[:, :1], depth, axis=1),
            np.repeat(source_dp[:, None], depth, axis=1),
            np.repeat(source_gd[:, None], depth, axis=1),
            target_dp,
        ]
        return np.column_stack([np.asarray(c, dtype=float).ravel() for c in columns])


SEPARATOR = "\n=== next booster ===\n"


class Reranker:
    """The learnt model (one or more LightGBM boosters, averaged)."""

    def __init__(self, boosters):
        self.boosters = boosters

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "Reranker":
        import lightgbm

        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        boosters = [lightgbm.Booster(model_str=part) for part in text.split(SEPARATOR) if part.strip()]
        for booster in boosters:
            if tuple(booster.feature_name()) != FEATURE_NAMES:
                raise ValueError("Le modèle de reclassement ne correspond pas aux caractéristiques du moteur.")
        return cls(boosters)

    def save(self, path: Path = MODEL_PATH) -> None:
        text = SEPARATOR.join(booster.model_to_string() for booster in self.boosters)
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        raw = np.mean([b.predict(features, raw_score=True, num_threads=1) for b in self.boosters], axis=0)
        return 1.0 / (1.0 + np.exp(-raw))


def ranking_matrix(content: np.ndarray, targets: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """(sources × fiches) values whose row order is the re-ranked order (candidates first), for evaluation."""
    matrix = content.copy()
    np.put_along_axis(matrix, targets, 2.0 + np.round(probabilities, 6), axis=1)
    return matrix


def _blocks(n: int, size: int = 256):
    for start in range(0, n, size):
        yield np.arange(start, min(start + size, n))


def _higher_count(values: np.ndarray, picked: np.ndarray) -> np.ndarray:
    """For each picked value, how many values of its row are strictly higher (rank with ties shared)."""
    ordered = np.sort(-values, axis=1)
    return np.stack([np.searchsorted(ordered[i], -picked[i], side="left") for i in range(len(values))])


def _field_matrices(corpus: RomeCorpus, codes: list[str]) -> dict[str, sp.csr_matrix]:
    """One TF-IDF space shared by all text fields, so that fields can be compared across."""

    def field_terms(fiche, field):
        if field == "skills":
            return [
                t
                for code in fiche.items
                if corpus.items[code].kind != CONTEXTE
                for t in terms(corpus.items[code].label)
            ]
        if field == "titles":
            return terms(" ".join([fiche.label, *fiche.appellations]))
        if field == "label":
            return terms(fiche.label)
        if field == "text":
            return terms(f"{fiche.definition} {fiche.access}")
        return terms(fiche.access)

    fiches = [corpus.fiches[code] for code in codes]
    docs = [bag_of_terms(field_terms(fiche, field)) for field in FIELDS for fiche in fiches]
    matrix = tfidf_matrix(docs)
    n = len(fiches)
    return {field: matrix[i * n : (i + 1) * n] for i, field in enumerate(FIELDS)}
