"""French text to index terms: accent folding, stop words, a light prefix stemmer."""

import re

from maillage.common_text import fold

_STOP_WORDS_TEXT = """
    a au aux avec ce ces cet cette dans de des du d elle en et est etc il ils l la le les leur leurs
    lui ou par pour qu que qui sa se selon ses son sur un une y s n ne pas plus tout tous toute toutes
    ainsi autre autres afin aupres entre peut peuvent etre avoir fait faire sont ont comme meme
    dont lors sous vers chez sans tres aussi egalement notamment ensemble differents differentes
    type types selon cas certains certaines partir travers niveau
    peut emploi metier metiers activite activites exercer exerce accessible diplome particulier
    acces possible requis requise exige exigee peuvent pouvoir professionnel professionnelle
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
WORD = re.compile(r"[a-z0-9]+")


def stem(word: str, length: int = 7) -> str:
    """Prefix stemmer: plural endings off, then the first ``length`` letters (robust for French)."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return word[:length]


def terms(text: str, stem_length: int = 7) -> list[str]:
    """Index terms of ``text``: folded, stop words and 1-letter tokens dropped, stemmed."""
    return [stem(w, stem_length) for w in WORD.findall(fold(text)) if len(w) > 1 and w not in STOP_WORDS]


# Education levels (French nomenclature 2019: 3 = CAP, 4 = Bac, 5 = Bac+2, 6 = Bac+3, 7 = Bac+5, 8 = doctorat).
LEVEL_PATTERNS = [
    (re.compile(r"\bsans (?:diplome|qualification)\b"), 2),
    (re.compile(r"\b(?:cap|bep|capa|cqp)\b"), 3),
    (re.compile(r"\bbac(?:calaureat)?\b(?! ?\+)|\bbac pro\b|\bbp\b|\btitre professionnel\b"), 4),
    (re.compile(r"\bbac ?\+ ?[12]\b|\bbts\b|\bdut\b"), 5),
    (re.compile(r"\bbac ?\+ ?[34]\b|\blicence\b|\bbut\b"), 6),
    (re.compile(r"\bbac ?\+ ?[567]\b|\bmaster\b|\bingenieur\b"), 7),
    (re.compile(r"\bbac ?\+ ?8\b|\bdoctorat\b"), 8),
]


def entry_level(access_text: str) -> int | None:
    """Education level an access text names first ("accessible avec un CAP…"), None if it names none."""
    text = access_text.lower().replace("\u2019", "'")
    text = fold(text.replace("+", " + "))
    text = re.sub(r"bac \+ (\d)", r"bac + \1", text)
    first = None
    for pattern, level in LEVEL_PATTERNS:
        match = pattern.search(text)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), level)
    return first[1] if first else None
