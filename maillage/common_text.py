"""Text helpers shared by every module (search keys, accent folding)."""

import unicodedata


def fold(text: str | None) -> str:
    """Lower-case, accent-free form of ``text`` used as a search key.

    "Évreux" and "evreux" fold to the same key; apostrophes and hyphens become spaces so that
    "saint-andre" finds "Saint-André-de-l'Eure".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.lower().replace("œ", "oe").replace("æ", "ae")
    for char in "'’-_/().,;:\"":
        lowered = lowered.replace(char, " ")
    return " ".join(lowered.split())
