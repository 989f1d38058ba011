"""Import a directory file: ``manage.py directory_import FICHIER [--structures F] [--format …] [--wet-run]``.

Dry by default (counts and the report, nothing kept); ``--wet-run`` stores the valid rows.
"""

import json
import time
from pathlib import Path

from django.core.management.base import CommandError

from maillage.directory import importers, importers_other
from maillage.directory.models import ImportRun
from maillage.kernel.commands import LoggedCommand

FORMATS = ["auto", *importers.PRESETS, "dora", "mobiville"]


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    help = "Importe un fichier de l'annuaire (data·inclusion v1, export aplati, DORA, Mobiville)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--structures", help="Fichier des structures (même format) pour un export aplati.")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument("--wet-run", action="store_true", help="Enregistrer (sinon : essai à blanc).")
        parser.add_argument("--report", help="Écrire le rapport ligne à ligne (JSON) dans ce fichier.")

    def is_dry_run(self, options: dict) -> bool:
        return not options.get("wet_run")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        content = path.read_bytes()
        if path.suffix == ".gz":
            import gzip

            content = gzip.decompress(content)
        name = path.name.removesuffix(".gz")
        dry_run = not options["wet_run"]
        started = time.perf_counter()
        try:
            if options["format"] == "dora":
                report, mapping = importers_other.import_dora_structures(content, name, dry_run=dry_run), {}
            elif options["format"] == "mobiville":
                report, mapping = importers_other.import_mobiville(content, name, dry_run=dry_run), {}
            else:
                mapping = None
                if options["format"] != "auto":
                    mapping = {"preset": options["format"], **importers.PRESETS[options["format"]]}
                structures = Path(options["structures"]).read_bytes() if options["structures"] else None
                report, mapping = importers.import_services(
                    content, name, mapping=mapping, structures=structures,
                    structures_name=Path(options["structures"] or "s.json").name, dry_run=dry_run,
                )  # fmt: skip
        except importers.ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        ImportRun.objects.create(
            kind=options["format"], filename=name[:200], dry_run=dry_run, mapping=mapping,
            counts=report.counts(), report=report.lines,
        )  # fmt: skip
        counts = report.counts()
        self.counts = {key: counts[key] for key in ("rows", "created", "updated", "rejected", "structures_created")}
        self.stdout.write(("Essai à blanc (rien n'est enregistré)" if dry_run else "Import") + f" de {name} :")
        self.stdout.write(
            f"  {counts['rows']} lignes, {counts['stored']} enregistrées ({counts['created']} créées, "
            f"{counts['updated']} mises à jour), {counts['rejected']} rejetées ; "
            f"{counts['structures_created']} structures créées dont {counts['placeholders']} fiches à compléter ; "
            f"{counts['flagged_locations']} coordonnées hors de la commune ; {elapsed:.1f} s "
            f"({counts['rows'] / max(elapsed, 1e-6):.0f} lignes/s)."
        )
        for reason, count in counts["reasons"].items():
            self.stdout.write(f"  rejet – {reason} : {count}")
        for reason, count in list(counts["warnings"].items())[:25]:
            self.stdout.write(f"  remarque – {reason} : {count}")
        if options["report"]:
            Path(options["report"]).write_text(json.dumps(report.lines, ensure_ascii=False, indent=1), encoding="utf-8")
