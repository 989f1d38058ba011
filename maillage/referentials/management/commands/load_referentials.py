"""``manage.py load_referentials``: load ROME 4.0, NAF, CPV and FAP (idempotent)."""

import time
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper
from tqdm import tqdm

from maillage.kernel.commands import LoggedCommand
from maillage.referentials.loaders import REFERENTIALS, STEP_COUNTS, ReferenceSources, ReferentialFileError, load_all


class _StdoutFile:
    """The stream under the command's stdout, for tqdm (captured by ``call_command(stdout=...)``).

    Django's ``OutputWrapper`` adds a new line to every write, which would break tqdm's carriage
    returns; a wrapper can itself wrap another one (``load_reference`` passes its stdout).
    """

    def __init__(self, stdout):
        while isinstance(stdout, OutputWrapper):
            stdout = stdout._out
        self._stream = stdout

    def write(self, text):
        self._stream.write(text)

    def flush(self):
        if hasattr(self._stream, "flush"):
            self._stream.flush()


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    help = "Charge les référentiels ROME 4.0, NAF rév. 2, CPV et FAP (idempotent, rapide si rien n'a changé)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="Dossier des données de référence (contenant rome/) ou dossier d'un export ROME (unix_*.csv).",
        )
        parser.add_argument("--force", action="store_true", help="Recharger même si les fichiers n'ont pas changé.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Simulation : lire les fichiers et compter ce qui changerait, sans rien enregistrer.",
        )
        parser.add_argument(
            "--only", default="", help=f"Référentiels à charger, séparés par des virgules ({', '.join(REFERENTIALS)})."
        )

    def handle(self, *args, **options):
        only = [name.strip() for name in options["only"].split(",") if name.strip()]
        unknown = set(only) - set(REFERENTIALS)
        if unknown:
            raise CommandError(f"Référentiel inconnu : {', '.join(sorted(unknown))}")
        started = time.monotonic()
        selected = only or REFERENTIALS
        bar = tqdm(
            total=sum(STEP_COUNTS[name] for name in selected),
            file=_StdoutFile(self.stdout),
            disable=options["verbosity"] < 1,
            unit="étape",
            leave=True,
        )

        started_steps = []

        def progress(message: str) -> None:
            # Called when a step starts: the previous one is done.
            if started_steps:
                bar.update(1)
            started_steps.append(message)
            bar.set_description_str(message)

        try:
            sources = ReferenceSources.from_dir(options["dir"])
            results = load_all(
                sources, only=only, force=options["force"], progress=progress, dry_run=options["dry_run"]
            )
            bar.set_description_str("Référentiels")
            bar.update(bar.total - bar.n)
        except ReferentialFileError as error:
            raise CommandError(str(error)) from error
        finally:
            bar.close()
        self.counts = {"référentiels chargés": sum(1 for r in results if not r.skipped)}
        self.counts["déjà à jour"] = len(results) - self.counts["référentiels chargés"]
        if options["verbosity"] < 1:
            return
        for result in results:
            if result.skipped:
                self.stdout.write(f"{result.name} : {result.version} déjà chargé, rien à faire (--force : relire).")
                continue
            self.stdout.write(self.style.SUCCESS(f"{result.name} : {result.version}"))
            for table, stats in result.stats.items():
                self.stdout.write(f"  {table} : {stats}")
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING("Simulation (--dry-run) : rien n'a été enregistré."))
        self.stdout.write(f"Terminé en {time.monotonic() - started:.1f} s.")
