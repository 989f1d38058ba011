"""The client's sector in a temp agency's offer, read from its description against the NAF labels.

Half of France Travail's offers come from temp agencies (NAF 78.20Z): their own NAF says nothing of
the trade, so the coder's sector prior (``suggest_priors``: each trade's share of a NAF sous-classe's
hirings) is lost there. Their texts often say what the client does (« pour notre client, spécialisé
dans l'agroalimentaire », « un acteur majeur de la logistique »). ``ClientSectors`` reads the words
after a few cues (« client », « spécialisé », « secteur »…) and scores every NAF sous-classe with
hirings by the TF-IDF cosine of those words to its label, its division's label and the words offers
use for a whole sector (« le BTP », « l'agroalimentaire », « la plasturgie »: ``SECTOR_WORDS``). The
sous-classes scoring nearly as well as the best one, if it reaches ``DETECTION_THRESHOLD``, make a
soft sector, so that « l'agroalimentaire » spreads over the food industry's sous-classes.

Everything here is chosen a priori from the NAF nomenclature and general knowledge of agency offers;
no real offer was read (ADR 0007).
"""

from __future__ import annotations

import re

import numpy as np

from .text import strip_accents, text_features

# Where an offer says what the client (or the company) does: the words after these cues, up to the
# next punctuation or the start of the job (« un(e) », « recherche »), at most ``CUE_WINDOW`` of them.
CLIENT_CUES = re.compile(
    r"\b(client|clients|specialise|specialisee|specialises|secteur|acteur|leader|domaine"
    r"|entreprise|societe|pme|groupe|usine)\b"
)
SEGMENT_END = re.compile(r"[,.;:!?()\n]|\b(un|une|des|plusieurs|recherche|recherchons|recrute|recrutons|h f)\b")
CUE_WINDOW = 8
# Words of company talk that NAF labels also use (« entreprise », « activités », « services »).
NOISE = "entreprise societe groupe activite activites secteur specialise specialisee acteur leader majeur "
NOISE += "reconnu domaine region pme familiale service services usine industriel industrielle"
# Words offers use for a whole sector, by NAF division (general knowledge, not read from any offer).
SECTOR_WORDS = {
    "01": ("l'agriculture", "le maraîchage", "la viticulture"),
    "10": ("l'agroalimentaire", "l'industrie alimentaire"),
    "11": ("l'agroalimentaire", "les boissons"),
    "13": ("le textile",),
    "14": ("le textile", "l'habillement"),
    "16": ("le bois",),
    "17": ("le papier carton", "l'emballage"),
    "18": ("l'imprimerie",),
    "20": ("la chimie", "la cosmétique"),
    "21": ("l'industrie pharmaceutique",),
    "22": ("la plasturgie", "le plastique"),
    "23": ("le verre", "le béton"),
    "24": ("la métallurgie", "la sidérurgie"),
    "25": ("la métallurgie", "la mécanique", "l'usinage", "la chaudronnerie"),
    "26": ("l'électronique",),
    "27": ("le matériel électrique",),
    "28": ("la mécanique", "les machines"),
    "29": ("l'automobile",),
    "30": ("l'aéronautique", "le ferroviaire", "le naval"),
    "33": ("la maintenance industrielle",),
    "35": ("l'énergie",),
    "38": ("le recyclage", "les déchets", "l'environnement"),
    "41": ("le BTP", "le bâtiment", "la construction", "le gros œuvre"),
    "42": ("le BTP", "les travaux publics"),
    "43": ("le BTP", "le bâtiment", "le second œuvre"),
    "45": ("l'automobile",),
    "46": ("le négoce", "le commerce de gros"),
    "47": ("la grande distribution", "la distribution", "le commerce"),
    "49": ("le transport",),
    "52": ("la logistique", "l'entreposage"),
    "55": ("l'hôtellerie",),
    "56": ("la restauration",),
    "62": ("l'informatique", "le numérique"),
    "64": ("la banque", "la finance"),
    "65": ("l'assurance",),
    "80": ("la sécurité", "le gardiennage"),
    "81": ("la propreté", "le nettoyage"),
    "86": ("la santé", "le secteur hospitalier"),
    "87": ("le médico-social",),
}
DETECTION_THRESHOLD = 0.2  # cosine of the client's words to a sous-classe's words (chosen a priori)
CLOSE_TO_BEST = 0.8  # sous-classes scoring at least this share of the best one are kept
AGENCY_DIVISION = "78"  # « Activités liées à l'emploi »: placement, temp work, other provision of staff


def reads_client_sector(naf_code: str) -> bool:
    """Whether the employer's own NAF hides the sector (an employment agency) or is missing."""
    return not naf_code or naf_code.replace(".", "").strip()[:2] == AGENCY_DIVISION


_NOISE_STEMS = set(text_features(NOISE))


def client_words(description: str) -> list[str]:
    """The stems of the words that follow each cue (« client », « spécialisé », « secteur »…), noise left out."""
    text = strip_accents((description or "").lower().replace("’", "'"))
    found = []
    for cue in CLIENT_CUES.finditer(text):
        rest = text[cue.end() : cue.end() + 200]
        end = SEGMENT_END.search(rest.replace("/", " "))
        segment = rest[: end.start()] if end else rest
        found += [w for w in text_features(segment) if w not in _NOISE_STEMS][:CUE_WINDOW]
    return found


class ClientSectors:
    """NAF sous-classes scored by how well a description's client sentences match their words."""

    def __init__(self, sous_classes: dict[str, str], hirings: dict[str, int], division_labels: dict[str, str], tfidf):
        """``sous_classes``: code → label; ``hirings``: code → yearly hirings (how likely a client is in it);
        ``tfidf``: the coder's TF-IDF class (``suggest._TfIdf``), built over one document per sous-classe."""
        self.codes = sorted(code for code in sous_classes if code[:2] != AGENCY_DIVISION)
        self.hirings = np.array([max(1, hirings.get(code, 0)) for code in self.codes], dtype=np.float64)
        documents = [
            text_features(
                " ".join((sous_classes[code], division_labels.get(code[:2], ""), *SECTOR_WORDS.get(code[:2], ())))
            )
            for code in self.codes
        ]
        self.index = tfidf(documents) if self.codes else None

    def detect(self, description: str) -> list[tuple[str, float]]:
        """``[(NAF sous-classe, weight)]``, weights summing to 1, heaviest first; empty when no sector is said.

        The sous-classes the words match nearly as well as the best one (« agroalimentaire » fits the
        whole food industry) weigh by their score times their hirings: a client is more likely in a
        sector that hires much.
        """
        words = client_words(description)
        if self.index is None or not words:
            return []
        scores = self.index.similarities(words)
        if scores.max() < DETECTION_THRESHOLD:
            return []
        kept = np.flatnonzero(scores >= CLOSE_TO_BEST * scores.max())
        weights = scores[kept] * self.hirings[kept]
        weights /= weights.sum()
        return [(self.codes[kept[i]], float(weights[i])) for i in np.argsort(-weights, kind="stable")]

    def best_score(self, description: str) -> float:
        """The best sous-classe's cosine (0 when no sentence speaks of the client): for the statistic."""
        words = client_words(description)
        if self.index is None or not words:
            return 0.0
        return float(self.index.similarities(words).max())
