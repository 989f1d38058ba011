"""Full-text search in natural wording, the same on SQLite and PostgreSQL.

A searchable row keeps a normalised column, ``search_document``: its words, without stop words,
stemmed by the French Snowball stemmer, accent-free and lower-case, each preceded by a space. A query
goes through the same steps and every term must start a word of the document, so « câbleur en
électronique » finds « Monteur-câbleur / Monteuse-câbleuse en électronique », « Electroniques » finds
« électronique », and « soudeurs » finds « Soudeur / Soudeuse TIG ». No database extension needed."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STOP_WORDS = frozenset(
    {
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "h",
        "f",
        "hf",
        "il",
        "j",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "m",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "n",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
    }
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("french")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=20_000)
def _term(word: str) -> str:
    return _fold(_stemmer.stemWord(word))


def terms(text: str) -> list[str]:
    """The search terms of a text, in order, without repeats."""
    lowered = (text or "").lower().replace("’", "'").replace("œ", "oe")
    seen: dict[str, None] = {}
    for word in _WORD.findall(lowered):
        if word in STOP_WORDS or _fold(word) in STOP_WORDS:
            continue
        seen.setdefault(_term(word), None)
    return list(seen)


def document(*texts, limit: int = 4000) -> str:
    """The normalised column of a row built from its texts (« câbleur électron … », space-led)."""
    found: dict[str, None] = {}
    for text in texts:
        for term in terms(text or ""):
            found.setdefault(term, None)
    return (" " + " ".join(found) + " ")[:limit] if found else ""


def filter_queryset(queryset, query: str, field: str = "search_document"):
    """Rows whose document holds every term of ``query`` at the start of a word (AND of terms)."""
    for term in terms(query):
        queryset = queryset.filter(**{f"{field}__contains": f" {term}"})
    return queryset
