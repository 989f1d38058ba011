"""How much an offer's description agrees with its title: an input-only statistic, aggregate only.

    python bench/offer_agreement.py --seed 12 -n 1500      # synthetic offers (realistic generator)
    python bench/offer_agreement.py --real                 # the real evaluation offers, aggregate only

For the offers without ticked skill codes: the title's best fiche is the fiche of the appellation whose
label the cleaned title matches best (the coder's title similarity); the description's fiches are
ranked by the similarity of the description alone to the fiche texts. Printed: the share of offers
whose description's best fiche is the title's best fiche, and the share whose title's best fiche is
among the description's five best. Also the share of titles that, cleaned, are exactly an
appellation's label in one of its genders. Only input fields are read (no ROME code, no answer), so the
statistic may be measured on the real offers to calibrate the synthetic generator (ADR 0007); no
offer is ever printed.
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

from maillage.jobs.demo.agreement import (  # noqa: E402
    exact_label_share,
    title_description_agreement,
)
from maillage.jobs.demo.synthetic import generate_ft_offers  # noqa: E402
from maillage.jobs.suggest import Suggester  # noqa: E402

REAL_OFFERS = ROOT.parent / "shared" / "data" / "offers" / "ft_offres_dev_1500.json.gz"


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
    suggester = Suggester()
    result = title_description_agreement(suggester, offers)
    print(f"description / title agreement on {len(offers)} offers ({name})")
    for group, (n, same, top5) in result.items():
        label = f"{group} ({n})"
        print(f"  {label:<28} same best fiche {same:.3f}   title's in description's top 5 {top5:.3f}")
    titled, exact = exact_label_share(suggester, offers)
    print(f"  titles ({titled}): exactly an appellation's label {exact:.3f}")


if __name__ == "__main__":
    main()
