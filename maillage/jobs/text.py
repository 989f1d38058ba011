"""French text normalisation for job titles and descriptions (accent- and case-insensitive)."""

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Words that say nothing about the job itself in an employer's title.
_TITLE_NOISE_WORDS = (
    "h f hf fh x cdi cdd interim mission urgent alternance apprentissage apprenti contrat pro confirme "
    "confirmee experimente experimentee debutant debutante accepte acceptee poste temps plein partiel "
    "nuit jour week end we evreux vernon louviers eure normandie secteur mois saisonnier saison immediat "
    "rapidement recrute recherche nous"
)
TITLE_NOISE = set(_TITLE_NOISE_WORDS.split())

_STOPWORDS = (
    "a au aux avec ce ces dans de des du d elle en et est etre il ils je l la le les leur leurs lui ma "
    "mais me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta te "
    "tes toi ton tu un une vos votre vous y c j m t selon sous sont peut etc tout tous toute toutes afin "
    "ainsi lors entre cas ceux cette cet ete avez serez sera seront aussi plus"
)
FRENCH_STOPWORDS = set(_STOPWORDS.split())

# Abbreviations employers write in titles, expanded before matching (documented in docs/jobs.md).
ABBREVIATIONS = {
    "tech": "technicien",
    "techn": "technicien",
    "techniciens": "technicien",
    "asst": "assistant",
    "assist": "assistant",
    "resp": "responsable",
    "respons": "responsable",
    "cond": "conducteur",
    "agt": "agent",
    "ouv": "ouvrier",
    "op": "operateur",
    "opera": "operateur",
    "mecano": "mecanicien",
    "elec": "electricien",
    "electro": "electrotechnicien",
    "compta": "comptable",
    "dev": "developpeur",
    "cuisto": "cuisinier",
    "prepa": "preparateur",
    "ide": "infirmier",
    "as": "aide soignant",
    "ash": "agent de service hospitalier",
    "aes": "accompagnant educatif et social",
    "avs": "auxiliaire de vie sociale",
    "adv": "administration des ventes",
    "rh": "ressources humaines",
    "pl": "poids lourd",
    "spl": "super poids lourd",
    "vl": "vehicule leger",
    "sav": "service apres vente",
    "cm": "chef",
    "aux": "auxiliaire",
    "puer": "puericulture",
    "manut": "manutentionnaire",
    "maint": "maintenance",
    "inf": "infirmier",
    "secr": "secretaire",
    "vendeu": "vendeur",
    "commerc": "commercial",
}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only, single spaces."""
    text = strip_accents((text or "").lower().replace("’", "'"))
    return _NON_ALNUM.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return normalise(text).split()


_SUFFIXES = (
    "ements",
    "ement",
    "ations",
    "ation",
    "trices",
    "trice",
    "euses",
    "euse",
    "eurs",
    "eur",
    "ures",
    "ure",
    "ions",
    "ion",
    "ees",
    "ee",
    "ez",
    "ent",
    "er",
    "es",
    "e",
    "s",
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude French stem: brings "soudeur", "soudure", "souder", "soudez" to "soud"."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:8]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in FRENCH_STOPWORDS and (len(w) > 1 or w.isdigit())]


# What inclusive writing leaves once punctuation is gone: « Technicien(ne) », « vendeur.se », « agent·e ».
_INCLUSIVE_ENDINGS = "e es ne nes se ses euse euses ere eres iere ieres trice trices rice ice eure lle ve ive te"
INCLUSIVE_ENDINGS = set(_INCLUSIVE_ENDINGS.split())


def clean_title(title: str) -> str:
    """Employer title → the words that name the job: noise and inclusive endings dropped, abbreviations expanded."""
    tokens = []
    for token in words(title):
        if token in TITLE_NOISE or token in INCLUSIVE_ENDINGS or token.isdigit():
            continue
        tokens.append(ABBREVIATIONS.get(token, token))
    return " ".join(tokens)


class TitleVocabulary:
    """The words of the ROME appellations: a title's other words are corrected to one of them, or dropped.

    An employer's title names a job with ROME's words plus words no appellation uses (a town, a
    company, a schedule, a grade); those only add noise to the title's similarity. A word one edit
    away from a ROME word (« techncien », « soudeurr ») is read as that word.
    """

    def __init__(self, vocabulary: set[str]):
        self.words = set(vocabulary)
        self._deletions: dict[str, str] = {}
        for word in sorted(self.words):
            if len(word) >= 5:
                for variant in self._deleted(word):
                    self._deletions.setdefault(variant, word)

    @staticmethod
    def _deleted(word: str) -> set[str]:
        return {word[:i] + word[i + 1 :] for i in range(len(word))}

    def correct(self, token: str) -> str | None:
        """The ROME word ``token`` is (itself, or one deletion, insertion, substitution or swap away), or None."""
        if token in self.words:
            return token
        if len(token) < 5:
            return None
        if token in self._deletions:  # a letter missing from a ROME word
            return self._deletions[token]
        for variant in sorted(self._deleted(token)):  # a letter added, or (both sides) replaced or swapped
            if variant in self.words:
                return variant
            if variant in self._deletions:
                return self._deletions[variant]
        return None


def char_ngrams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries (like scikit-learn's ``char_wb``)."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams
