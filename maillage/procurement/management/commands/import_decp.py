"""``python manage.py import_decp FICHIER…``: imports DECP files (2019 / 2022, JSON or .json.gz).

``--dry-run`` reads, normalises and validates the files and counts what the import would create,
update or reject, writing nothing to the database (``services.simulate_import``).
"""

import contextlib
import os

from django.core.management.base import CommandError
from tqdm import tqdm

from maillage.kernel.commands import LoggedCommand
from maillage.procurement import services


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    # Not one transaction: the import commits every ``--validation`` contracts (a national file is millions).
    help = (
        "Importe des fichiers DECP (données essentielles de la commande publique), formats 2019 et 2022, "
        "JSON ou JSON compressé (.gz), en flux ; idempotent. Les enregistrements rejetés et les anomalies "
        "sont listés dans un rapport CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FICHIER", help="Fichiers DECP (.json ou .json.gz).")
        parser.add_argument("--rapport", help="Copie du rapport d'erreurs CSV à écrire à cet emplacement.")
        parser.add_argument("--lot", type=int, default=None, help="Taille des lots écrits en base (10 000).")
        parser.add_argument(
            "--validation",
            type=int,
            default=100_000,
            help="Marchés par transaction (100 000) : plus rapide pour un gros fichier, mais la base reste "
            "verrouillée en écriture plus longtemps sous SQLite.",
        )
        parser.add_argument("--sans-progression", action="store_true", help="Pas de barre de progression.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Simulation : lire, valider et compter ce qui serait créé, mis à jour ou rejeté, sans rien "
            "enregistrer en base (le rapport d'erreurs n'est écrit que si --rapport est donné).",
        )

    def handle(self, *args, paths, rapport=None, lot=None, validation=100_000, sans_progression=False, **options):
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            raise CommandError(f"Fichier introuvable : {', '.join(missing)}")
        sources = services.path_sources(paths)
        bar = None
        if not sans_progression:
            bar = tqdm(
                total=sum(s.size for s in sources),
                unit="o",
                unit_scale=True,
                desc="Import DECP",
                file=self.stderr._out if hasattr(self.stderr, "_out") else None,
            )

        def progress(done, total, result, name):
            if bar is not None:
                bar.update(done - bar.n)
                bar.set_postfix(marchés=result.read, rejetés=result.rejected, refresh=False)

        try:
            if self.is_dry_run(options):
                self._simulate(sources, progress, lot, rapport)
            else:
                self._import(sources, progress, lot, rapport, validation)
        finally:
            if bar is not None:
                bar.close()

    def _simulate(self, sources, progress, lot, rapport) -> None:
        result = services.simulate_import(sources, progress=progress, batch_size=lot, report_copy=rapport)
        message = f"Simulation terminée, rien n'a été enregistré : {services.summary_message(result)}"
        self.stdout.write(self.style.SUCCESS(message))
        self._report(result.as_dict(), result.top_issues())
        if rapport:
            self.stdout.write(f"Rapport détaillé (CSV) : {rapport}")

    def _import(self, sources, progress, lot, rapport, validation) -> None:
        decp_import = services.run_import(
            sources, progress=progress, batch_size=lot, report_copy=rapport, commit_every=validation
        )
        self.stdout.write(self.style.SUCCESS(f"Import terminé : {decp_import.message}"))
        self._report(decp_import.counts, decp_import.summary)
        location = rapport or decp_import.report
        if not rapport:
            from django.core.files.storage import default_storage

            with contextlib.suppress(NotImplementedError):  # a remote storage: its name is all there is
                location = default_storage.path(decp_import.report)
        self.stdout.write(f"Rapport détaillé (CSV) : {location}")

    def _report(self, counts: dict, summary: list[dict]) -> None:
        self.counts = {label: value for label, value in counts.items() if isinstance(value, int)}
        for label, value in counts.items():
            self.stdout.write(f"  {label} : {value}")
        if summary:
            self.stdout.write("Principales anomalies :")
            for item in summary:
                self.stdout.write(f"  {item['nombre']:>8} × [{item['gravité']}] {item['champ']} : {item['motif']}")
