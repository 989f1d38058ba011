"""How much an offer's description agrees with its title: an input-only statistic, aggregate only.

    python bench/offer_agreement.py --seed 12 -n 1500      # synthetic offers (realistic generator)
    python bench/offer_agreement.py --real                 # the real evaluation offers, aggregate only

For the offers without ticked skill codes: the title's best fiche is the fiche of the appellation whose
label the cleaned title matches best (the coder's title similarity); the description's fiches are
ranked by the similarity of the description alone to the fiche texts. Printed: the share of offers
whose description's best fiche is the title's best fiche, and the share whose title's best fiche is
among the description's five best. Only input fields are read (no ROME code, no answer), so the
statistic may be measured on the real offers to calibrate the synthetic generator (ADR 0007); no
offer is ever printed.
"""

import argparse
import gzip
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from maillage.jobs.demo.synthetic import generate_ft_offers  # noqa: E402
from maillage.jobs.suggest import OfferText, Suggester, text_features, title_features  # noqa: E402

REAL_OFFERS = ROOT.parent / "shared" / "data" / "offers" / "ft_offres_dev_1500.json.gz"


def agreement(suggester: Suggester, offers: list[dict]) -> dict:
    """Shares over the offers without skill codes (and over all offers, for reference)."""
    tallies = {"without skill codes": [0, 0, 0], "all offers": [0, 0, 0]}
    for item in offers:
        offer = OfferText.from_ft_offer(item)
        title = suggester.titles.similarities(title_features(suggester.title_words(offer.title)))
        described = suggester.fiches.similarities(text_features(offer.description))
        if not title.any() or not described.any():
            continue
        title_fiche = int(suggester.app_fiche[int(np.argmax(title))])
        ranked = np.argsort(-described, kind="stable")[:5]
        groups = ["all offers"] + ([] if offer.skill_codes else ["without skill codes"])
        for group in groups:
            tally = tallies[group]
            tally[0] += 1
            tally[1] += int(ranked[0]) == title_fiche
            tally[2] += title_fiche in ranked.tolist()
    return {group: (n, same / max(n, 1), top5 / max(n, 1)) for group, (n, same, top5) in tallies.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("-n", type=int, default=1500)
    parser.add_argument("--real", nargs="?", const=str(REAL_OFFERS), help="Real offers (JSON, .gz accepted).")
    args = parser.parse_args()
    if args.real:
        opener = gzip.open if args.real.endswith(".gz") else open
        with opener(args.real, "rt", encoding="utf-8") as handle:
            offers, name = json.load(handle)["resultats"], "real offers"
    else:
        offers, name = generate_ft_offers(args.n, seed=args.seed, realistic=True)["resultats"], f"seed {args.seed}"
    result = agreement(Suggester(), offers)
    print(f"description / title agreement on {len(offers)} offers ({name})")
    for group, (n, same, top5) in result.items():
        label = f"{group} ({n})"
        print(f"  {label:<28} same best fiche {same:.3f}   title's in description's top 5 {top5:.3f}")


if __name__ == "__main__":
    main()
