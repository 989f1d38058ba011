from pathlib import Path

from django.core.management.base import CommandError

from maillage.companies import services
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    help = (
        "Charge les embauches par métier (ROME v3) × secteur (NAF) de La Bonne Boite "
        "(data/reference/labour-market/rome_naf_mapping.csv.gz) ; relançable sans risque."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="Autre fichier CSV (éventuellement .gz) au même format.")
        parser.add_argument("--dry-run", action="store_true", help="Affiche ce qui changerait sans rien écrire.")

    def handle(self, *args, **options):
        path = options["file"] or services.default_hiring_weights_path()
        if not Path(path).exists():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            report = services.load_hiring_weights(path, dry_run=options["dry_run"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.counts = {
            "lus": report.read,
            "créés": report.created,
            "modifiés": report.updated,
            "inchangés": report.unchanged,
            "supprimés": report.deleted,
            "erreurs": len(report.errors or []),
        }
        for error in report.errors or []:
            self.stderr.write(f"Ignorée : {error}")
        prefix = "[simulation] " if options["dry_run"] else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{report.read} couples métier × secteur lus : {report.created} créés, "
                f"{report.updated} modifiés, {report.unchanged} inchangés, {report.deleted} supprimés."
            )
        )
