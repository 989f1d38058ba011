"""Text helpers shared by every module (search keys, accent folding)."""

import re
import unicodedata
from datetime import datetime
from decimal import Decimal


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


def sort_key(text: str | None, length: int = 100) -> str:
    """``fold`` of the start of ``text``, stored beside it to sort long tables by it with an index: folding
    per query (``kernel.sorting.Folded``) is fine for thousands of rows, not for the DECP's contracts."""
    return fold((text or "")[: length + 20])[:length]


VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")
# Words starting with an « h aspiré » take no elision (« le héros », « de Hauteville », « du handicap »):
# compared on the folded first word, its singular, and a few stems (« handicapé », « Haute-Normandie »).
H_ASPIRE = frozenset(
    [
        "hache",
        "haie",
        "haine",
        "hall",
        "halle",
        "halte",
        "hamac",
        "hameau",
        "hamster",
        "hanche",
        "handball",
        "hangar",
        "hanneton",
        "hardi",
        "hareng",
        "haricot",
        "harnais",
        "harpe",
        "hasard",
        "hate",
        "hausse",
        "havre",
        "hennissement",
        "herisson",
        "hernie",
        "heron",
        "heros",
        "hetre",
        "hibou",
        "hideux",
        "hiboux",
        "hockey",
        "hollande",
        "homard",
        "hongrie",
        "honte",
        "hoquet",
        "hors",
        "hotte",
        "houblon",
        "houle",
        "housse",
        "hublot",
        "huit",
        "huitieme",
        "hurlement",
        "hutte",
        "hyene",
    ]
)
H_ASPIRE_STEMS = ("handicap", "haut", "hierarch", "harcel", "hollandais", "hongrois", "huit")
# Words starting with a vowel letter but not a vowel sound (« le onze », « de oui »).
NO_ELISION = frozenset({"onze", "onzieme", "oui", "ouistiti", "uhlan"})
ELIDING = frozenset({"de", "le", "la", "que", "je", "ne", "se", "me", "te", "jusque", "lorsque", "puisque"})
# « de Le Havre » → « du Havre », « à Les Andelys » → « aux Andelys »: place names keep their article.
CONTRACTIONS = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def _first_word(word: str) -> str:
    first = (word or "").strip().lstrip("«\"'“ \u00a0").split()
    return first[0] if first else ""


def starts_with_vowel_sound(word: str) -> bool:
    """Whether a French word (a month, a first name, a place) starts with a vowel sound, h muet included."""
    first = _first_word(word)
    if not first:
        return False
    key = fold(first.split("-")[0]).split(" ")[0] if fold(first) else ""
    lower = first.lower()
    if not key or key in NO_ELISION:
        return False
    if lower[0] in VOWELS:
        return True
    if lower[0] == "h":
        singular = key[:-1] if key[-1:] in "sx" else key
        return not (key in H_ASPIRE or singular in H_ASPIRE or key.startswith(H_ASPIRE_STEMS))
    if lower[0] == "y":  # « d'Yvetot », « d'Yves », but « de Yasmine », « le yaourt »
        return len(lower) > 1 and lower[1] not in VOWELS and lower[1] != "y"
    return False


def elide(particle: str, word: str) -> str:
    """« de » + « octobre » → « d'octobre », « le » + « Inès » → « l'Inès »; « de » + « mai » → « de mai ».

    Elides « de », « le », « la », « que », « je », « ne », « se », « me », « te » (and « jusque »…) before a
    vowel or an h muet, never before an h aspiré (« de Hauteville »); contracts « de »/« à » with the
    article of a place name (« du Neubourg », « des Andelys », « aux Andelys »). The particle keeps its case."""
    particle = (particle or "").strip()
    word = "" if word is None else str(word).strip()
    if not word:
        return particle
    lower = particle.lower()
    article, _, rest = word.partition(" ")
    contracted = CONTRACTIONS.get((lower, article.lower())) if rest and article[:1].isupper() else None
    if contracted:
        contracted = contracted.capitalize() if particle[:1].isupper() else contracted
        return f"{contracted} {rest}"
    if lower in ELIDING and starts_with_vowel_sound(word):
        return f"{particle[:-1]}'{word}"
    return f"{particle} {word}"


# Words that stay as they are in a plural phrase, and after which the rest of the phrase is a complement
# that does not agree (« ligne en erreur » → « lignes en erreur », « demande d'emploi » → « demandes d'emploi »).
INVARIABLE = frozenset(
    [
        "à",
        "au",
        "aux",
        "avec",
        "chez",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "par",
        "pour",
        "sans",
        "sous",
        "sur",
        "vers",
        "la",
        "le",
        "les",
    ]
)
# Words that never take the plural but leave the agreement going (« relevé enregistré et validé »).
LINKING = frozenset({"et", "ou", "ni", "non", "déjà", "encore", "bien", "très", "plus", "moins", "pas"})
AL_PLURAL_S = frozenset(
    {"bal", "banal", "carnaval", "chacal", "festival", "final", "natal", "naval", "récital", "régal"}
)
AU_PLURAL_S = frozenset({"bleu", "landau", "pneu", "sarrau", "émeu"})


def plural_word(word: str) -> str:
    """The plural of one French noun or adjective: « ligne » → « lignes », « créneau » → « créneaux »,
    « local » → « locaux », « prix » → « prix »."""
    lower = word.lower()
    if not word or lower[-1:] in "sxz":
        return word
    if lower.endswith(("au", "eu")) and lower not in AU_PLURAL_S:
        return word + "x"
    if lower.endswith("al") and lower not in AL_PLURAL_S:
        return word[:-1] + "ux"
    return word + "s"


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """« 1 ligne valide », « 2 lignes valides », « 0 ligne » (French: below 2 takes the singular, « 1,5 heure »).

    ``plural_form`` for irregular phrases (« œil » → « yeux »); otherwise each word agrees up to the first
    preposition or elided word, and the complement after it stays as it is (« ligne en erreur » → « lignes
    en erreur »)."""
    try:
        n = float(str(count).replace(",", ".").replace("\u202f", "").replace("\u00a0", ""))
    except (TypeError, ValueError):
        n = 0
    if abs(n) < 2:
        return singular
    if plural_form:
        return plural_form
    words, agreeing = [], True
    for word in singular.split(" "):
        if word.lower() in INVARIABLE or "'" in word or "’" in word:
            agreeing = False
        words.append(plural_word(word) if agreeing and word.lower() not in LINKING else word)
    return " ".join(words)


NUMBER = re.compile(r"-?(0|[1-9]\d*)([.,]\d+)?")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def month_label(day) -> str:
    """« octobre 2026 »: a month as French prose writes it, whatever the active locale (tasks, commands)."""
    return f"{MONTHS[day.month - 1]} {day.year}"


LONG_DATE = "j F Y"
DAY_OF_MONTH = "j"


def _first_of_month_format(fmt: str) -> str:
    """``fmt`` with every unescaped ``j`` (day of the month) written « 1er » (escaped for Django's formatter)."""
    out, escaped = [], False
    for char in fmt:
        if escaped:
            out.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == DAY_OF_MONTH:
            out.append(r"\1\e\r")
        else:
            out.append(char)
    return "".join(out)


def long_date(value, fmt: str = LONG_DATE, *, weekday: bool = False) -> str:
    """A date in French prose, e-mails and PDF included, in French whatever the active locale: « 7 décembre
    2026 », and the first of the month « 1er janvier 2027 » (never « 1 janvier »).

    ``fmt`` is a Django date format (« l j F Y » → « lundi 1er juin 2026 », « j F Y à H:i » → « 1er mars 2026
    à 14:00 »); ``weekday=True`` is « l j F Y ». An aware datetime is shown in the local time zone. Tables
    write « 07/12/2026 » (docs/french.md). In templates: the ``long_date`` filter."""
    from django.utils import dateformat, timezone, translation

    if value is None or value == "":
        return ""
    if weekday:
        fmt = "l " + fmt
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.day == 1:
        fmt = _first_of_month_format(fmt)
    with translation.override("fr"):
        return dateformat.format(value, fmt)


def count_of(count, singular: str, plural_form: str | None = None) -> str:
    """The number (thin-space thousands) and the agreed noun: « 1 254 heures », « 1 ligne »."""
    return f"{group_thousands(count)} {plural(count, singular, plural_form)}"


def group_thousands(value) -> str:
    """French thousands separator (narrow no-break space) and decimal comma: 12 345,5.

    For quantities only: never for identifiers, years, SIRET, codes or URLs (they are not quantities)."""
    if value is None or value == "" or isinstance(value, bool):
        return "" if value in (None, "") else str(value)
    if isinstance(value, str):
        # Only a plain number: a code with a leading zero (« 01 », « 0275 ») or anything else stays as it is.
        if not NUMBER.fullmatch(value.strip()):
            return value
        value = Decimal(value.strip().replace(",", "."))
    if isinstance(value, Decimal) and value == value.to_integral_value() and value.as_tuple().exponent >= 0:
        value = int(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,}".replace(",", "\u202f").replace(".", ",")
