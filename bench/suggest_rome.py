"""Accuracy of ``manage.py suggest_rome`` on synthetic France Travail offers.

    python bench/suggest_rome.py                 # evaluate tests/jobs/fixtures/ft_offers_bench.json
    python bench/suggest_rome.py --regenerate    # rewrite that fixture (seed 2026, 300 offers) first
    python bench/suggest_rome.py --seed 7        # evaluate a development set generated with another seed
    python bench/suggest_rome.py --seed 12 --realistic -n 1500   # synthetic set shaped like real offers
    python bench/suggest_rome.py --seed 12 --realistic -n 1500 --set title=0.5,text=3   # other weights
    python bench/suggest_rome.py --real          # 1,500 real France Travail offers (bench/real_offers.py)

The real offers are for evaluation only: never bundled, never used to train a shipped model. With
``--real`` the bench also prints a baseline (character n-gram TF-IDF of the title against the
appellation labels) and the time per suggestion.

Needs the ROME referential loaded (``python manage.py load_referentials``). The command runs as a
user would run it (JSON in, CSV out); the gold answer is the offer's ``romeCode`` and
``appellationlibelle``, which the command ignores. Prints top-1 and top-5 accuracy at fiche level
(ROME code) and at appellation level (OGR code).
"""

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from bench.real_offers import real_offers_path  # noqa: E402
from maillage.jobs.demo.synthetic import generate_ft_offers  # noqa: E402
from maillage.jobs.suggest import WEIGHTS  # noqa: E402
from maillage.jobs.text import normalise  # noqa: E402
from maillage.referentials.models import Appellation  # noqa: E402

FIXTURE = ROOT / "tests" / "jobs" / "fixtures" / "ft_offers_bench.json"
REAL_OFFERS = real_offers_path(ROOT)  # MAILLAGE_REAL_OFFERS, else ../shared/data/offers (worktrees too)


def baseline(data: dict) -> dict:
    """Character n-gram TF-IDF of the title alone against every appellation label."""
    from maillage.jobs.suggest import Suggester, _TfIdf
    from maillage.jobs.text import char_ngrams, normalise

    suggester = Suggester()
    index = _TfIdf([char_ngrams(normalise(label)) for label in suggester.app_labels])
    top1 = top5 = 0
    offers = data["resultats"]
    for offer in offers:
        sims = (index.matrix @ index.transform([char_ngrams(normalise(offer["intitule"]))]).T).toarray().ravel()
        fiches = []
        for position in sims.argsort()[::-1][:100]:
            code = suggester.fiche_codes[suggester.app_fiche[position]]
            if code not in fiches:
                fiches.append(code)
            if len(fiches) == 5:
                break
        top1 += bool(fiches) and fiches[0] == offer["romeCode"]
        top5 += offer["romeCode"] in fiches
    return {"fiche@1": top1 / len(offers), "fiche@5": top5 / len(offers)}


def evaluate(data: dict) -> dict:
    gold_app = {
        (f, normalise(label)): code for code, label, f in Appellation.objects.values_list("code", "label", "fiche_id")
    }
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "in.json", Path(tmp) / "out.csv"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        started = time.perf_counter()
        call_command("suggest_rome", "--in", str(source), "--out", str(out), stdout=io.StringIO())
        elapsed = time.perf_counter() - started
        suggestions: dict[str, list[tuple[str, str]]] = {}
        with open(out, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                suggestions.setdefault(row["id"], []).append((row["code_rome"], row["appellation_code"]))
    counts = {"fiche@1": 0, "fiche@5": 0, "appellation@1": 0, "appellation@5": 0}
    groups: dict[str, list[int]] = {}
    offers = data["resultats"]
    for offer in offers:
        ranked = suggestions.get(offer["id"], [])
        gold_fiche = offer["romeCode"]
        gold = gold_app.get((gold_fiche, normalise(offer["appellationlibelle"])))
        counts["fiche@1"] += bool(ranked) and ranked[0][0] == gold_fiche
        counts["fiche@5"] += any(f == gold_fiche for f, _ in ranked[:5])
        counts["appellation@1"] += bool(ranked) and ranked[0][1] == gold
        counts["appellation@5"] += any(a == gold for _, a in ranked[:5])
        agency = (offer.get("codeNAF") or "").replace(".", "") == "7820Z"
        for group in (
            "with skill codes" if offer.get("competences") else "without skill codes",
            "temp agencies" if agency else "other employers",
        ):
            tally = groups.setdefault(group, [0, 0, 0])
            tally[0] += 1
            tally[1] += bool(ranked) and ranked[0][0] == gold_fiche
            tally[2] += any(f == gold_fiche for f, _ in ranked[:5])
    result = {key: value / len(offers) for key, value in counts.items()}
    result["groups"] = {name: (n, top1 / n, top5 / n) for name, (n, top1, top5) in sorted(groups.items())}
    result["offers"] = len(offers)
    result["seconds"] = elapsed
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regenerate", action="store_true", help="Rewrite the benchmark fixture first.")
    parser.add_argument("--seed", type=int, help="Evaluate a freshly generated set with this seed instead.")
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="With --seed: temp agencies' bare titles and long texts, NAF, skill codes in real shares.",
    )
    parser.add_argument(
        "--real", nargs="?", const=str(REAL_OFFERS), help="Evaluate real France Travail offers (JSON, .gz accepted)."
    )
    parser.add_argument(
        "--set",
        default="",
        help='Weights to try instead of the shipped ones, e.g. "title=0.5,text=3" (chosen on synthetic offers only).',
    )
    args = parser.parse_args()
    for pair in filter(None, args.set.split(",")):
        name, value = pair.split("=")
        if name not in WEIGHTS:
            sys.exit(f"Poids inconnu : {name} ({', '.join(WEIGHTS)})")
        WEIGHTS[name] = float(value)  # the coder reads this dict (Suggester.combine)
    if args.set:
        print(f"weights {WEIGHTS}")
    if not Appellation.objects.exists():
        sys.exit("Référentiel ROME non chargé : python manage.py load_referentials")
    if args.real:
        import gzip

        opener = gzip.open if args.real.endswith(".gz") else open
        with opener(args.real, "rt", encoding="utf-8") as handle:
            data, name = json.load(handle), args.real
        result = evaluate(data)
        base = baseline(data)
        print(f"suggest_rome on {result['offers']} real offers ({name})")
        print(f"  fiche top-1 {result['fiche@1']:.3f}   top-5 {result['fiche@5']:.3f}   (targets 0.80 / 0.93)")
        print(f"  baseline (title character TF-IDF)  top-1 {base['fiche@1']:.3f}   top-5 {base['fiche@5']:.3f}")
        for group, (n, top1, top5) in result["groups"].items():
            print(f"  {group + ' (' + str(n) + ')':<28} top-1 {top1:.3f}   top-5 {top5:.3f}")
        print(f"  {1000 * result['seconds'] / result['offers']:.1f} ms per offer, index build included")
        return
    if args.seed is not None:
        data = generate_ft_offers(args.n, seed=args.seed, realistic=args.realistic)
        name = f"generated set, seed {args.seed}{', realistic' if args.realistic else ''}"
    else:
        if args.regenerate or not FIXTURE.exists():
            FIXTURE.write_text(json.dumps(generate_ft_offers(args.n, seed=2026), ensure_ascii=False, indent=1) + "\n")
        data, name = json.loads(FIXTURE.read_text(encoding="utf-8")), str(FIXTURE.relative_to(ROOT))
    result = evaluate(data)
    print(f"suggest_rome on {result['offers']} offers ({name}), {result['seconds']:.1f} s including index build")
    print(f"  fiche (code ROME)   top-1 {result['fiche@1']:.3f}   top-5 {result['fiche@5']:.3f}")
    print(f"  appellation (OGR)   top-1 {result['appellation@1']:.3f}   top-5 {result['appellation@5']:.3f}")


if __name__ == "__main__":
    main()
