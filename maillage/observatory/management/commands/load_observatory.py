import csv

from maillage.kernel.commands import LoggedCommand
from maillage.observatory import services
from maillage.observatory.importers.bundled import BUNDLED


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    help = (
        "Charge les données embarquées de l'observatoire (BMO 2024, demandeurs d'emploi, tensions) et "
        "dérive la table FAP 2021 → ROME ; idempotent (un fichier inchangé n'est pas relu)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Calculer les écarts sans rien écrire.")
        parser.add_argument("--force", action="store_true", help="Relire les fichiers même inchangés.")
        parser.add_argument("--dataset", action="append", choices=sorted(BUNDLED), help="Seulement ce jeu.")
        parser.add_argument("--errors", help="Écrire le rapport d'erreurs (CSV) dans ce fichier.")

    def handle(self, *args, **options):
        result = services.load_bundled(
            dry_run=options["dry_run"],
            force=options["force"],
            only=tuple(options["dataset"] or ()),
            progress=lambda message: self.stdout.write(message),
        )
        self.counts = {
            "jeux": len(result.reports),
            "erreurs": sum(len(report.errors) for report in result.reports),
        }
        if options["errors"]:
            with open(options["errors"], "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(["jeu", "ligne", "erreur"])
                for report in result.reports:
                    writer.writerows((report.key, line, message) for line, message in report.errors)
        for report in result.reports:
            for line, message in report.errors[:5]:
                self.stderr.write(f"  {report.key} ligne {line} : {message}")
        if result.coverage:
            c = result.coverage
            self.stdout.write(
                f"FAP 2021 → ROME : {c.fap_matched}/{c.fap_total} FAP rapprochées ({c.share:.0%}), "
                f"{c.pairs} couples ; non rapprochées : {len(c.unmatched)}"
            )
