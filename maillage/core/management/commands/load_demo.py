from django.core.management.base import CommandError

from maillage.core import demo
from maillage.kernel.commands import LoggedCommand
from maillage.territories.models import Commune


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    atomic = True  # a failed seed leaves the database as it was
    help = "Charge le territoire de démonstration (Eure, CA Évreux Portes de Normandie) ; relançable sans risque."

    def handle(self, *args, **options):
        if not Commune.objects.filter(departement_id="27").exists():
            raise CommandError(
                "Les référentiels ne sont pas chargés : lancez d'abord « python manage.py load_reference »."
            )
        seeded = demo.run(stdout=self.stdout)
        self.counts["modules"] = len(seeded)
        self.stdout.write(self.style.SUCCESS(f"Démo chargée ({len(seeded)} modules)."))
