import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from maillage.kernel.commands import LoggedCommand
from maillage.referentials.models import ReferentialLoad
from maillage.territories import loaders

VERSION = "COG 2026 (Etalab découpage administratif) + IGN GEOFLA"


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True
    help = "Charge régions, départements, EPCI, communes, codes postaux, centroïdes et contours (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="Dossier des données de référence.")
        parser.add_argument("--force", action="store_true", help="Recharger même si la version est déjà chargée.")

    def handle(self, *args, **options):
        reference_dir = options["dir"] or Path(settings.REFERENCE_DATA_DIR)
        if not (reference_dir / "territories").is_dir():
            raise CommandError(f"Dossier introuvable : {reference_dir / 'territories'}")
        existing = ReferentialLoad.objects.filter(name="territoires").first()
        if existing and existing.version == VERSION and not options["force"]:
            self.stdout.write(
                f"Territoires déjà chargés ({existing.counts.get('communes', 0)} communes) : rien à faire."
            )
            return
        started = time.monotonic()
        counts = loaders.load_all(reference_dir, progress=lambda message: self.stdout.write(f"  {message}"))
        self.counts = {key: value for key, value in counts.items() if isinstance(value, int)}
        ReferentialLoad.objects.update_or_create(
            name="territoires", defaults={"version": VERSION, "source": str(reference_dir), "counts": counts}
        )
        self.stdout.write(self.style.SUCCESS(f"Territoires chargés en {time.monotonic() - started:.1f} s."))
