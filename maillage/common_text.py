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


VOWELS = "aeiouyhàâäéèêëîïôöùûüœæ"
# Words starting with an « h aspiré » take no elision (« le héros », « de haut »).
H_ASPIRE = {"hameau", "handicap", "hangar", "hasard", "haut", "hauteur", "héros", "hêtre", "hibou", "homard", "honte"}


def starts_with_vowel_sound(word: str) -> bool:
    word = (word or "").strip()
    if not word:
        return False
    first = word.split()[0].lower().strip("«»\"' ")
    if not first:
        return False
    if first in H_ASPIRE:
        return False
    return first[0] in VOWELS


def elide(particle: str, word: str) -> str:
    """« de » + « octobre » → « d'octobre », « le » + « Inès » → « l'Inès »; « de » + « mai » → « de mai ».

    Elides the particles « de », « le », « la », « que », « je », « ne », « se », « me », « te »."""
    particle = particle.strip()
    if particle.lower() in {"de", "le", "la", "que", "je", "ne", "se", "me", "te"} and starts_with_vowel_sound(word):
        return f"{particle[:-1]}'{word}"
    return f"{particle} {word}"


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """« 1 ligne valide », « 2 lignes valides », « 0 ligne » (French: 0 and 1 take the singular).

    ``plural_form`` for irregular words (« travail » → « travaux »); otherwise every word gets an « s »
    unless it already ends in s, x or z."""
    try:
        n = float(count)
    except (TypeError, ValueError):
        n = 0
    if abs(n) < 2:
        return singular
    if plural_form:
        return plural_form
    return " ".join(w if w[-1:] in "sxz" else w + "s" for w in singular.split(" "))


def count_of(count, singular: str, plural_form: str | None = None) -> str:
    """The number (thin-space thousands) and the agreed noun: « 1 254 heures », « 1 ligne »."""
    return f"{group_thousands(count)} {plural(count, singular, plural_form)}"


def group_thousands(value) -> str:
    """French thousands separator (narrow no-break space) and decimal comma: 12 345,5."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}".replace(",", "\u202f")
    text = f"{value:,}" if not isinstance(value, str) else value
    return text.replace(",", "\u202f").replace(".", ",")
