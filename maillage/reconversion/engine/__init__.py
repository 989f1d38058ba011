"""Skill-based transition (reconversion) engine over ROME 4.0 — pure Python + numpy/scipy, no Django.

It is built from skills, texts and codes only and never reads mobility data (see ``files``).
"""

from . import rerank
from .corpus import RomeCorpus, from_directory
from .explain import Explanation, explain
from .model import Ranked, TransitionEngine
from .weights import DEFAULT_WEIGHTS, ENGINE_VERSION

__all__ = [
    "DEFAULT_WEIGHTS",
    "ENGINE_VERSION",
    "Explanation",
    "Ranked",
    "RomeCorpus",
    "TransitionEngine",
    "explain",
    "from_directory",
    "rerank",
]
