"""python manage.py suggest_rome --in FILE.json --out FILE.csv"""

import csv
import json
from pathlib import Path

from django.core.management.base import CommandError

from maillage.common_text import count_of
from maillage.jobs.suggest import OfferText, get_suggester
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    help = (
        "Suggère 5 fiches ROME par offre (une appellation par fiche), d'après l'intitulé, la description, "
        "les compétences cochées, le code NAF et les formations (romeCode, romeLibelle et appellationlibelle "
        "sont ignorés) ; écrit id,rank,code_rome,appellation_code,score."
    )

    def add_arguments(self, parser):
        parser.add_argument("--in", dest="input", required=True, help='Fichier JSON {"resultats": [...]}')
        parser.add_argument("--out", dest="output", required=True, help="Fichier CSV de sortie")
        parser.add_argument("-k", type=int, default=5, help="Nombre de suggestions par offre (5).")

    def handle(self, *args, **options):
        try:
            data = json.loads(Path(options["input"]).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"Fichier illisible : {exc}") from exc
        items = data.get("resultats") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise CommandError("Le fichier doit contenir une liste « resultats ».")
        suggester = get_suggester()
        if not suggester.app_codes:
            raise CommandError("Référentiel ROME non chargé : lancez d'abord python manage.py load_referentials.")
        rows = 0
        with open(options["output"], "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "rank", "code_rome", "appellation_code", "score"])
            for item in items:
                if not isinstance(item, dict):
                    continue
                suggestions = suggester.suggest_for_offer(OfferText.from_ft_offer(item), k=options["k"], per_fiche=1)
                for rank, s in enumerate(suggestions, start=1):
                    writer.writerow([item.get("id", ""), rank, s.fiche_code, s.code, f"{s.score:.4f}"])
                    rows += 1
        self.counts = {"offres": len(items), "suggestions": rows}
        self.stdout.write(
            f"{count_of(len(items), 'offre')}, {count_of(rows, 'suggestion écrite')} dans {options['output']}."
        )
