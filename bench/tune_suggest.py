"""Tune the offer coder's weights on SYNTHETIC offers only (never on the real evaluation offers).

    python bench/tune_suggest.py                       # tune on seed 11, report on seed 12 (1,500 each)
    python bench/tune_suggest.py --tune-seed 3 --test-seed 4 -n 1000 --rounds 2

The sets come from ``maillage.jobs.demo.synthetic.generate_ft_offers(realistic=True)`` (temp agencies'
bare titles and long texts, NAF, skill codes in real shares). Every signal of the coder is computed
once per offer (``Suggester.components``); a coordinate search over the weights then maximises
fiche top-1 + top-5 on the tuning set, and the chosen weights are scored on the other seed. Prints
the current weights' figures beside the tuned ones, for ``WEIGHTS`` in ``maillage/jobs/suggest.py``.

Needs the ROME referential loaded (``python manage.py load_reference``).
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from maillage.jobs.demo.synthetic import generate_ft_offers  # noqa: E402
from maillage.jobs.suggest import WEIGHTS, OfferText, Suggester  # noqa: E402

STEPS = (0.0, 0.5, 0.75, 1.25, 1.5, 2.0)


class Evaluator:
    def __init__(self, suggester: Suggester, offers: list[dict]):
        self.suggester = suggester
        self.gold = np.array([suggester.fiche_codes.index(o["romeCode"]) for o in offers])
        self.parts = [suggester.components(OfferText.from_ft_offer(o)) for o in offers]
        self.order = np.argsort(suggester.app_fiche, kind="stable")
        fiches_sorted = suggester.app_fiche[self.order]
        self.starts = np.flatnonzero(np.r_[True, fiches_sorted[1:] != fiches_sorted[:-1]])
        self.fiche_of_group = fiches_sorted[self.starts]

    @staticmethod
    def last_suggestion(parts: dict, ranked: np.ndarray) -> int:
        """The coder's fifth fiche: the one the offer's words match best among those not in the first four."""
        head = set(ranked[:4].tolist())
        pick = next(int(f) for f in np.argsort(-parts["text"], kind="stable") if int(f) not in head)
        return pick if parts["text"][pick] > 0 else int(ranked[4])

    def score(self, weights: dict) -> tuple[float, float]:
        top1 = top5 = 0
        for parts, gold in zip(self.parts, self.gold, strict=True):
            scores = self.suggester.combine(parts, weights)[self.order]
            best = np.maximum.reduceat(scores, self.starts)
            ranked = self.fiche_of_group[np.argsort(-best, kind="stable")]
            top1 += ranked[0] == gold
            top5 += gold in ranked[:4] or gold == self.last_suggestion(parts, ranked)
        return top1 / len(self.gold), top5 / len(self.gold)


def tune(evaluator: Evaluator, weights: dict, rounds: int, names: list[str] | None = None) -> dict:
    best = dict(weights)
    best_value = sum(evaluator.score(best))
    for _round in range(rounds):
        for name in names or sorted(best):
            base = best[name] or 0.05
            for step in STEPS:
                trial = dict(best, **{name: round(base * step, 4)})
                value = sum(evaluator.score(trial))
                if value > best_value + 1e-9:
                    best, best_value = trial, value
                    print(f"  {name} = {trial[name]}: top-1 + top-5 {value:.3f}", flush=True)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune-seed", type=int, default=11)
    parser.add_argument("--test-seed", type=int, default=12)
    parser.add_argument("-n", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", default="", help="Weights to tune, comma-separated (default: all).")
    parser.add_argument("--set", default="", help='Start from these weights, e.g. "mention_fiche=0,mention_app=0".')
    args = parser.parse_args()
    started = time.perf_counter()
    suggester = Suggester()
    tuning = Evaluator(suggester, generate_ft_offers(args.n, seed=args.tune_seed, realistic=True)["resultats"])
    testing = Evaluator(suggester, generate_ft_offers(args.n, seed=args.test_seed, realistic=True)["resultats"])
    print(f"signals computed in {time.perf_counter() - started:.0f} s")
    start = dict(WEIGHTS)
    for pair in filter(None, args.set.split(",")):
        name, value = pair.split("=")
        start[name] = float(value)
    print(
        "start weights    tune {:.3f} / {:.3f}   test {:.3f} / {:.3f}".format(
            *tuning.score(start), *testing.score(start)
        )
    )
    tuned = tune(tuning, start, args.rounds, [n for n in args.only.split(",") if n] or None)
    print(
        "tuned weights    tune {:.3f} / {:.3f}   test {:.3f} / {:.3f}".format(
            *tuning.score(tuned), *testing.score(tuned)
        )
    )
    print(tuned)


if __name__ == "__main__":
    main()
