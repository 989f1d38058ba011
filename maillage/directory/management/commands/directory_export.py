"""Export the directory in data·inclusion schema v1 (``structures.json`` and ``services.json``), validated by
the package; exits with an error if one record does not validate."""

import json
from pathlib import Path

from django.core.management.base import CommandError

from maillage.common_text import count_of
from maillage.directory.exports import export_services, export_structures, validate_export
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    help = "Exporte l'annuaire au schéma data·inclusion v1 (validé par le paquet)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Dossier où écrire structures.json et services.json.")

    def handle(self, *args, **options):
        structures, services = export_structures(), export_services()
        problems = validate_export(structures, services)
        self.counts = {"structures": len(structures), "services": len(services), "fiches non conformes": len(problems)}
        if problems:
            for problem in problems[:50]:
                self.stderr.write(problem)
            raise CommandError(f"{count_of(len(problems), 'fiche non conforme')} au schéma v1 : export interrompu.")
        out = Path(options["directory"])
        out.mkdir(parents=True, exist_ok=True)
        (out / "structures.json").write_text(json.dumps(structures, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "services.json").write_text(json.dumps(services, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"{len(structures)} structures et {len(services)} services exportés, conformes au schéma v1.")
