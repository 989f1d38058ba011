"""python manage.py match_offers --out FILE.csv [--k 20]"""

import csv

from tqdm import tqdm

from maillage.common_text import count_of
from maillage.jobs import matching
from maillage.jobs.models import Offer, OfferStatus
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    help = "Rapproche toutes les offres ouvertes des candidats (k meilleurs par offre) et écrit un CSV."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Fichier CSV : offer_id,rank,candidate_id,score")
        parser.add_argument("--k", type=int, default=20)

    def handle(self, *args, **options):
        total = Offer.objects.filter(status=OfferStatus.PUBLISHED, latitude__isnull=False).count()
        rows = 0
        with (
            open(options["out"], "w", encoding="utf-8", newline="") as handle,
            tqdm(total=total, disable=options["verbosity"] == 0, unit="offre") as bar,
        ):
            writer = csv.writer(handle)
            writer.writerow(["offer_id", "rank", "candidate_id", "score"])
            for offer_id, ranked in matching.batch_top_candidates(k=options["k"], progress=bar.update):
                for rank, (candidate_id, score) in enumerate(ranked, start=1):
                    writer.writerow([offer_id, rank, candidate_id, f"{score:.4f}"])
                    rows += 1
        self.counts = {"offres": total, "rapprochements": rows}
        self.stdout.write(f"{count_of(total, 'offre')}, {count_of(rows, 'rapprochement écrit')} dans {options['out']}.")
