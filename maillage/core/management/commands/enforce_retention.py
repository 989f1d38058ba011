from django.utils import timezone

from maillage.core import retention
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    atomic = True  # every purge or none

    help = "Applique les durées de conservation (suppression / anonymisation). --dry-run pour seulement compter."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien modifier.")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        results = retention.run_all(now=timezone.now(), dry_run=dry_run)
        verb = "à traiter" if dry_run else "traités"
        for module, counts in results.items():
            for label, count in counts.items():
                self.counts[f"{module}.{label}"] = count
                self.stdout.write(f"{module:<12} {label:<40} {count:>8} {verb}")
