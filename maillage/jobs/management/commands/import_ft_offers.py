"""python manage.py import_ft_offers FILE.json [--strict] [--errors REPORT.csv] [--dry-run]"""

import csv
import json
from pathlib import Path

from django.core.management.base import CommandError

from maillage.common_text import count_of
from maillage.jobs.services.ft_import import import_ft_offers
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    rollback_dry_run = True
    help = "Importe des offres France Travail (format « resultats » de l'API Offres d'emploi) ; idempotent sur l'id."

    def add_arguments(self, parser):
        parser.add_argument("file", help='Fichier JSON {"resultats": [...]}')
        parser.add_argument("--strict", action="store_true", help="N'enregistrer aucune offre si l'une est en erreur.")
        parser.add_argument("--errors", help="Écrire le rapport d'erreurs dans ce fichier CSV.")
        parser.add_argument("--dry-run", action="store_true", help="Tout vérifier et compter, sans rien enregistrer.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"Fichier introuvable : {path}") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"Fichier JSON illisible ({path}) : {exc}") from exc
        report = import_ft_offers(data, strict=options["strict"])
        self.counts = {
            "créées": report.created,
            "modifiées": report.updated,
            "inchangées": report.unchanged,
            "erreurs": len(report.errors),
        }
        for problem in report.errors:
            self.stderr.write(f"Erreur : {problem}")
        for problem in report.warnings:
            self.stdout.write(f"Avertissement : {problem}")
        if options["errors"]:
            with open(options["errors"], "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(["offre", "id", "champ", "gravité", "message"])
                for severity, problems in (("erreur", report.errors), ("avertissement", report.warnings)):
                    for p in problems:
                        writer.writerow([p.position, p.external_id, p.field, severity, p.message])
        if not report.saved:
            raise CommandError(f"Aucune offre enregistrée : {count_of(len(report.errors), 'erreur')}.")
        prefix = "Simulation (rien n'est enregistré) : " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{count_of(report.created, 'offre créée')}, {count_of(report.updated, 'modifiée')}, "
            f"{count_of(report.unchanged, 'inchangée')}, {len(report.errors)} en erreur."
        )
