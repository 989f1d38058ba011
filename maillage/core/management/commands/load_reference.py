from django.core.management import call_command

from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    bulk_load = True  # the planner sees the new rows (kernel.database)
    help = (
        "Charge toutes les données de référence embarquées (territoires, ROME, NAF, CPV, FAP, "
        "embauches ROME × NAF) ; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Tout recharger.")

    def handle(self, *args, **options):
        force = ["--force"] if options["force"] else []
        call_command("load_territories", *force, stdout=self.stdout)
        call_command("load_referentials", *force, stdout=self.stdout)
        call_command("load_hiring_weights", stdout=self.stdout)
