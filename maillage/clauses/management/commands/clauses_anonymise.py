from datetime import date

from maillage.clauses.services import participants
from maillage.clauses.services.sizing import add_months
from maillage.common_text import count_of
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    atomic = True
    help = (
        "Anonymise les participants sans contrat ni heures depuis --mois mois (36 par défaut). "
        "Sans --appliquer, affiche seulement le nombre de personnes concernées."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mois", type=int, default=36, help="Durée de conservation après la dernière activité.")
        parser.add_argument("--appliquer", action="store_true", help="Anonymiser réellement (sinon : simulation).")

    def is_dry_run(self, options: dict) -> bool:
        return not options.get("appliquer")

    def handle(self, *args, mois, appliquer, **options):
        before = add_months(date.today().replace(day=1), -mois)
        people = participants.inactive_participants(before)
        count = people.count()
        if not appliquer:
            self.counts["participants à anonymiser"] = count
            self.stdout.write(
                f"Simulation : {count_of(count, 'participant inactif')} depuis le {before:%d/%m/%Y} "
                f"{'serait anonymisé' if count < 2 else 'seraient anonymisés'}. Relancez avec --appliquer."
            )
            return
        for person in people.iterator(chunk_size=500):
            participants.anonymise_participant(None, person)
        self.counts["participants anonymisés"] = count
        self.stdout.write(self.style.SUCCESS(f"{count_of(count, 'participant anonymisé')}."))
