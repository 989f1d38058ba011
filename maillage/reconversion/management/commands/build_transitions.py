"""Fill the ``Transition`` table (every fiche's top-k targets) for the pages, the API and matching.

    python manage.py build_transitions [--rome-dir DIR | --from-db] [--k 50]

By default the bundled ROME export (``data/reference/rome``) is read; ``--from-db`` uses the
loaded referential instead. Only fiches present in the database are stored.
"""

from django.core.management.base import CommandError
from tqdm import tqdm

from maillage.kernel.commands import LoggedCommand
from maillage.reconversion import services
from maillage.reconversion.engine.files import RomeFilesError


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    help = "Calcule et enregistre les passerelles entre métiers (k meilleures cibles par fiche)."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--rome-dir", help="dossier d'un export ROME (par défaut : les fichiers livrés)")
        source.add_argument("--from-db", action="store_true", help="utiliser le référentiel chargé en base")
        parser.add_argument("--k", type=int, default=services.DEFAULT_K, help="cibles par fiche (50 par défaut)")
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, rome_dir=None, from_db=False, k=50, no_progress=False, **options):
        if k < 1:
            raise CommandError("--k doit être au moins 1.")
        bar = None if no_progress else tqdm(total=0, unit="fiche", desc="Passerelles", file=self.stderr)

        def progress(done, total):
            if bar is not None:
                bar.total = total
                bar.update(1)

        try:
            result = services.build_from(rome_dir=rome_dir, from_db=from_db, k=k, progress=progress)
        except RomeFilesError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if bar is not None:
                bar.close()
        self.counts = {"passerelles": result.transitions, "fiches": result.fiches}
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.transitions} passerelles enregistrées pour {result.fiches} fiches (source : {result.source})."
            )
        )
