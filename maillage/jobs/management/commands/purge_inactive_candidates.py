"""python manage.py purge_inactive_candidates [--months N] [--dry-run]"""

from maillage.common_text import count_of
from maillage.jobs.services.candidates import purge_inactive, retention_months
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    atomic = True
    help = "Anonymise les profils de candidats sans activité depuis N mois (JOBS_CANDIDATE_RETENTION_MONTHS, 24)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None, help="Durée d'inactivité en mois.")
        parser.add_argument("--dry-run", action="store_true", help="Compter sans rien modifier.")

    def handle(self, *args, **options):
        months = options["months"] if options["months"] is not None else retention_months()
        count = purge_inactive(months=months, dry_run=options["dry_run"])
        self.counts["profils à anonymiser" if options["dry_run"] else "profils anonymisés"] = count
        if options["dry_run"]:
            verb = "serait anonymisé" if count < 2 else "seraient anonymisés"
        else:
            verb = "anonymisé" if count < 2 else "anonymisés"
        self.stdout.write(f"{count_of(count, 'profil inactif')} depuis {months} mois {verb}.")
