"""python manage.py load_mobility_links --file FILE [--dry-run]"""

from pathlib import Path

from django.core.management.base import CommandError

from maillage.common_text import count_of
from maillage.kernel.commands import LoggedCommand
from maillage.referentials.loaders.mobility import MobilityFileError, load_mobility_file


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    help = (
        "Charge les mobilités officielles du ROME (code_rome,code_rome_cible,numero_ordre ; .csv ou .csv.gz) "
        "pour les afficher dans l'explorateur de passerelles. Le moteur de passerelles ne les lit jamais."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True)
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien modifier.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        self.stdout.write(f"Mobilités officielles : lecture de {path.name}…")
        try:
            stats, read, skipped = load_mobility_file(path, dry_run=options["dry_run"])
        except MobilityFileError as exc:
            raise CommandError(str(exc)) from exc
        self.counts = {"liens lus": read, "lignes ignorées": skipped}
        if stats is None:
            self.stdout.write(
                f"Simulation : {count_of(read, 'lien valide')}, {count_of(skipped, 'ligne ignorée')}. "
                "Rien n'est modifié."
            )
            return
        self.stdout.write(f"Terminé : {count_of(read, 'lien lu')}, {count_of(skipped, 'ligne ignorée')} ; {stats}.")
