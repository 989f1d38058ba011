"""Write every fiche's top-k transition targets from a ROME 4.0 export directory, as CSV.

    python manage.py rome_transitions --rome-dir DIR --k 50 --out FILE.csv

Output: ``source,target,rank,score`` (header included, source excluded). The engine reads only
skills, texts and codes: the result is the same whether or not DIR holds a mobility file.
"""

import csv
import sys
import time
from pathlib import Path

from django.core.management.base import CommandError

from maillage.kernel.commands import LoggedCommand
from maillage.reconversion.engine import TransitionEngine, from_directory
from maillage.reconversion.engine.files import RomeFilesError


def write_transitions(rome_dir: Path | str, k: int, handle) -> int:
    """Write the CSV to ``handle``; returns the number of rows written."""
    engine = TransitionEngine(from_directory(rome_dir))
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["source", "target", "rank", "score"])
    count = 0
    for source, ranked in engine.iter_top_k(k):
        for item in ranked:
            writer.writerow([source, item.target, item.rank, f"{item.score:.6f}"])
            count += 1
    return count


class Command(LoggedCommand):
    help = "Écrit pour chaque fiche ROME ses k meilleures passerelles (source,target,rank,score)."

    def add_arguments(self, parser):
        parser.add_argument("--rome-dir", required=True, help="dossier de l'export ROME (unix_*_v*_utf8.csv[.gz])")
        parser.add_argument("--k", type=int, default=50, help="nombre de cibles par fiche (50 par défaut)")
        parser.add_argument("--out", default="-", help="fichier CSV de sortie (- pour la sortie standard)")

    def handle(self, *args, rome_dir, k, out, **options):
        if k < 1:
            raise CommandError("--k doit être au moins 1.")
        started = time.perf_counter()
        try:
            if out == "-":
                count = write_transitions(rome_dir, k, sys.stdout)
            else:
                Path(out).parent.mkdir(parents=True, exist_ok=True)
                with open(out, "w", encoding="utf-8", newline="") as handle:
                    count = write_transitions(rome_dir, k, handle)
        except RomeFilesError as exc:
            raise CommandError(str(exc)) from exc
        self.counts["passerelles"] = count
        if out != "-":
            elapsed = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"{count} passerelles écrites dans {out} en {elapsed:.1f} s."))
