"""``manage.py referentials_status``: what is loaded, which version, how many rows."""

from django.utils import timezone

from maillage.kernel.commands import LoggedCommand
from maillage.referentials.selectors import referential_status


class Command(LoggedCommand):
    help = "Affiche les référentiels chargés, leur version et leurs effectifs."

    def handle(self, *args, **options):
        status = referential_status()
        self.counts = {"référentiels chargés": sum(1 for item in status if item["loaded"]), "référentiels": len(status)}
        if not any(item["loaded"] for item in status):
            self.stdout.write("Aucun référentiel chargé : lancez « python manage.py load_referentials ».")
        for item in status:
            if not item["loaded"]:
                self.stdout.write(self.style.WARNING(f"{item['name']} : non chargé"))
                continue
            loaded_at = timezone.localtime(item["loaded_at"]).strftime("%d/%m/%Y %H:%M")
            self.stdout.write(self.style.SUCCESS(f"{item['name']} : {item['version']} (chargé le {loaded_at})"))
            for table, count in item["counts"].items():
                self.stdout.write(f"  {table} : {count:,}".replace(",", "\u202f"))
