"""How much an offer's description agrees with its title: an input-only statistic, aggregate only.

    python bench/offer_agreement.py --seed 12 -n 1500      # synthetic offers (realistic generator)
    python bench/offer_agreement.py --seed 5 6 7 8 9 10    # several seeds pooled (the calibration's sets)
    python bench/offer_agreement.py --real                 # the real evaluation offers, aggregate only

For the offers without ticked skill codes: the title's best fiche is the fiche of the appellation whose
label the cleaned title matches best (the coder's title similarity); the description's fiches are
ranked by the similarity of the description alone to the fiche texts. Printed: the share of offers
whose description's best fiche is the title's best fiche, and the share whose title's best fiche is
among the description's five best. Also the share of titles that, cleaned, are exactly an
appellation's label in one of its genders. And, for the offers with ticked skill codes, the share whose
title's (description's) best fiche is the fiche the ticked codes cover best, and the share where that
fiche is in the title's (description's) top 5 (``skill_anchor_agreement``). Only input fields are
read (no ROME code, no answer), so the statistics may be measured on the real offers to calibrate the
synthetic generator (ADR 0007); no offer is ever printed.
"""

import argparse
import gzip
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from bench.real_offers import real_offers_path  # noqa: E402
from maillage.jobs.demo.agreement import (  # noqa: E402
    exact_label_share,
    skill_anchor_agreement,
    title_description_agreement,
)
from maillage.jobs.demo.synthetic import generate_ft_offers  # noqa: E402
from maillage.jobs.suggest import Suggester  # noqa: E402

REAL_OFFERS = real_offers_path(ROOT)  # MAILLAGE_REAL_OFFERS, else ../shared/data/offers (worktrees too)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, nargs="+", default=[12], help="One or more seeds, pooled.")
    parser.add_argument("-n", type=int, default=1500, help="Offers per seed.")
    parser.add_argument("--real", nargs="?", const=str(REAL_OFFERS), help="Real offers (JSON, .gz accepted).")
    args = parser.parse_args()
    if args.real:
        opener = gzip.open if args.real.endswith(".gz") else open
        with opener(args.real, "rt", encoding="utf-8") as handle:
            sets, name = [json.load(handle)["resultats"]], "real offers"
    else:
        sets = [generate_ft_offers(args.n, seed=seed, realistic=True)["resultats"] for seed in args.seed]
        name = "seed" + ("s " if len(args.seed) > 1 else " ") + " ".join(map(str, args.seed))
    suggester = Suggester()
    pooled: dict[str, list[float]] = {}
    titled = exact = 0
    anchored: dict[str, list[float]] = {}
    for offers in sets:
        for group, (n, same, top5) in title_description_agreement(suggester, offers).items():
            tally = pooled.setdefault(group, [0, 0.0, 0.0])
            tally[0], tally[1], tally[2] = tally[0] + n, tally[1] + same * n, tally[2] + top5 * n
        count, share = exact_label_share(suggester, offers)
        titled, exact = titled + count, exact + share * count
        for group, (n, same, top5) in skill_anchor_agreement(suggester, offers).items():
            tally = anchored.setdefault(group, [0, 0.0, 0.0])
            tally[0], tally[1], tally[2] = tally[0] + n, tally[1] + same * n, tally[2] + top5 * n
    print(f"description / title agreement on {sum(map(len, sets))} offers ({name})")
    for group, (n, same, top5) in pooled.items():
        label, same, top5 = f"{group} ({n})", same / max(n, 1), top5 / max(n, 1)
        print(f"  {label:<28} same best fiche {same:.3f}   title's in description's top 5 {top5:.3f}")
    print(f"  titles ({titled}): exactly an appellation's label {exact / max(titled, 1):.3f}")
    for group, (n, same, top5) in anchored.items():
        label, same, top5 = f"{group} ({n})", same / max(n, 1), top5 / max(n, 1)
        print(f"  with skill codes, {label:<20} best fiche is the codes' {same:.3f}   codes' in its top 5 {top5:.3f}")


if __name__ == "__main__":
    main()
