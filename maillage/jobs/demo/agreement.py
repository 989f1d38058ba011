"""How much offers' descriptions agree with their titles: an input-only statistic (no ROME code read).

The synthetic generator is calibrated on it (``bench/offer_agreement.py``, docs/jobs.md): it may be
measured on the real evaluation offers, in aggregate, because it reads only what an employer writes.
"""

import numpy as np

from ..suggest import OfferText, Suggester, text_features, title_features
from .interim import label_forms


def title_description_agreement(suggester: Suggester, offers: list[dict]) -> dict[str, tuple[int, float, float]]:
    """``{group: (offers, same best fiche, title's best fiche in the description's top 5)}``.

    The title's best fiche is the fiche of the appellation the cleaned title matches best; the
    description's fiches are ranked by the description alone. Groups: the offers without ticked skill
    codes, and all offers. Offers with an empty title or description are left out.
    """
    tallies = {"without skill codes": [0, 0, 0], "all offers": [0, 0, 0]}
    for item in offers:
        offer = OfferText.from_ft_offer(item)
        title = suggester.titles.similarities(title_features(suggester.title_words(offer.title)))
        described = suggester.fiches.similarities(text_features(offer.description))
        if not title.any() or not described.any():
            continue
        title_fiche = int(suggester.app_fiche[int(np.argmax(title))])
        ranked = np.argsort(-described, kind="stable")[:5].tolist()
        for group in ["all offers"] + ([] if offer.skill_codes else ["without skill codes"]):
            tally = tallies[group]
            tally[0] += 1
            tally[1] += ranked[0] == title_fiche
            tally[2] += title_fiche in ranked
    return {group: (n, same / max(n, 1), top5 / max(n, 1)) for group, (n, same, top5) in tallies.items()}


def exact_label_share(suggester: Suggester, offers: list[dict]) -> tuple[int, float]:
    """``(offers, share whose cleaned title is exactly an appellation's label in one of its genders)``.

    Both sides go through the coder's title cleaning (« H/F », contract words, abbreviations, typos of
    ROME words). Reads the title only: the third pass named it as the second statistic to calibrate the
    generator on (docs/jobs.md, fourth pass).
    """
    labels = {suggester.title_words(form) for label in suggester.app_labels for form in label_forms(label)}
    titles = [suggester.title_words(item.get("intitule") or "") for item in offers if item.get("intitule")]
    return len(titles), sum(title in labels for title in titles) / max(len(titles), 1)


def skill_anchor_agreement(suggester: Suggester, offers: list[dict]) -> dict[str, tuple[int, float, float]]:
    """``{"title" | "description": (offers, best fiche is the anchor, an anchor fiche in its top 5)}``.

    For the offers with ticked skill codes: the anchor is the fiche the ticked codes cover best (the
    coder's ``_SkillCoverage``; every fiche at the best share when several tie), a proxy of the trade
    that reads no ROME answer, since the form proposes the chosen appellation's fiche's skills. The
    title's fiches are ranked by their best appellation's title similarity, the description's by the
    description alone against the fiche texts. Offers whose codes no fiche holds, or with an empty
    title or description, are left out; fiches the title (description) does not match at all are not
    in its top 5. The fifth pass named it (docs/jobs.md): it compares the title and the text each with
    the trade, where the other two statistics compare them with each other.
    """
    tallies = {"title": [0, 0, 0], "description": [0, 0, 0]}
    for item in offers:
        offer = OfferText.from_ft_offer(item)
        if not offer.skill_codes:
            continue
        coverage = suggester.skill_coverage.shares(offer.skill_codes)
        title = suggester.titles.similarities(title_features(suggester.title_words(offer.title)))
        described = suggester.fiches.similarities(text_features(offer.description))
        if not coverage.any() or not title.any() or not described.any():
            continue
        anchors = set(np.flatnonzero(coverage >= coverage.max() - 1e-6).tolist())
        by_fiche = np.zeros(len(suggester.fiche_codes), dtype=np.float32)
        np.maximum.at(by_fiche, suggester.app_fiche, title)
        title_ranked = [int(suggester.app_fiche[int(np.argmax(title))])]
        title_ranked += [f for f in np.argsort(-by_fiche, kind="stable")[:6].tolist() if f != title_ranked[0]][:4]
        described_ranked = np.argsort(-described, kind="stable")[:5].tolist()
        for group, ranked, scores in (("title", title_ranked, by_fiche), ("description", described_ranked, described)):
            tally = tallies[group]
            tally[0] += 1
            tally[1] += int(ranked[0]) in anchors
            tally[2] += bool(anchors.intersection(f for f in ranked if scores[f] > 0))
    return {group: (n, same / max(n, 1), top5 / max(n, 1)) for group, (n, same, top5) in tallies.items()}
