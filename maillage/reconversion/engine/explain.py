"""Why a transition ranks where it does: skills kept, skills to acquire, score breakdown."""

from dataclasses import dataclass, field

from .corpus import CONTEXTE, CORE, SAVOIR_ETRE, RomeCorpus
from .features import CHANNEL_LABELS

SKILL_KINDS = frozenset({"savoir_faire", "savoir"})


@dataclass(frozen=True)
class SkillRef:
    code: str
    label: str
    kind: str
    core: bool = False


@dataclass
class Explanation:
    source: str
    target: str
    shared: list[SkillRef] = field(default_factory=list)
    to_acquire: list[SkillRef] = field(default_factory=list)
    breakdown: list[tuple[str, str, float]] = field(default_factory=list)  # (channel, French label, part)

    @property
    def shared_count(self) -> int:
        return len(self.shared)


def shared_skill_codes(corpus: RomeCorpus, source: str, target: str) -> set[str]:
    """Savoir-faire and savoirs both fiches list (contexts and savoir-être left out)."""
    source_items = corpus.fiches[source].items
    return {
        code for code in corpus.fiches[target].items if code in source_items and corpus.items[code].kind in SKILL_KINDS
    }


def explain(
    corpus: RomeCorpus, source: str, target: str, breakdown: dict[str, float] | None = None, limit: int = 12
) -> Explanation:
    """Skills kept (shared, core first), skills to acquire (the target's core skills the source lacks)."""
    document_frequency = _document_frequency(corpus)
    shared = shared_skill_codes(corpus, source, target)
    target_items = corpus.fiches[target].items
    kept = sorted(shared, key=lambda code: (target_items[code] != CORE, document_frequency.get(code, 0), code))
    missing = [
        code
        for code, importance in target_items.items()
        if code not in corpus.fiches[source].items and corpus.items[code].kind not in (CONTEXTE, SAVOIR_ETRE)
    ]
    core_missing = [code for code in missing if target_items[code] == CORE]
    # Without core flags, the most specific missing skills (rarest across fiches) are the ones to learn.
    to_acquire = core_missing or sorted(missing, key=lambda code: (document_frequency.get(code, 0), code))
    to_acquire = sorted(to_acquire, key=lambda code: (corpus.items[code].kind != "savoir_faire", code))
    parts = sorted((breakdown or {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return Explanation(
        source=source,
        target=target,
        shared=[_ref(corpus, code, target_items[code] == CORE) for code in kept],
        to_acquire=[_ref(corpus, code, True) for code in to_acquire[:limit]],
        breakdown=[(name, CHANNEL_LABELS.get(name, name), value) for name, value in parts if value > 0],
    )


def _ref(corpus: RomeCorpus, code: str, core: bool) -> SkillRef:
    item = corpus.items[code]
    return SkillRef(code=code, label=item.label, kind=item.kind, core=core)


_DF_CACHE: dict[int, dict[str, int]] = {}


def _document_frequency(corpus: RomeCorpus) -> dict[str, int]:
    key = id(corpus)
    if key not in _DF_CACHE:
        counts: dict[str, int] = {}
        for fiche in corpus.fiches.values():
            for code in fiche.items:
                counts[code] = counts.get(code, 0) + 1
        _DF_CACHE.clear()
        _DF_CACHE[key] = counts
    return _DF_CACHE[key]
