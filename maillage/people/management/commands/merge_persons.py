"""Merge the records of the same person typed twice (same identity or same e-mail).

manage.py merge_persons --dry-run   # lists what would be merged and what would be refused
manage.py merge_persons             # merges, each merge recorded and audit-logged
"""

from maillage.common_text import count_of, plural
from maillage.kernel.commands import LoggedCommand
from maillage.people import selectors, services


class Command(LoggedCommand):
    atomic = True
    help = "Fusionne les fiches d'une même personne (mêmes nom, prénom et date de naissance, ou même e-mail)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Affiche les fusions sans rien écrire.")
        parser.add_argument("--limit", type=int, default=500, help="Nombre maximal de groupes traités.")

    def handle(self, *args, dry_run=False, limit=500, **options):
        merged = refused = 0
        for group in selectors.duplicate_groups(limit=max(1, min(limit, 10_000))):
            report = services.merge_group(None, group, dry_run=dry_run)
            for kept, other in report.merged:
                self.stdout.write(
                    f"{'fusionnerait' if dry_run else 'fusionné'} : n° {other} → n° {kept} ({group.reason})"
                )
            for kept, other, why in report.refused:
                self.stdout.write(f"refusé : n° {other} → n° {kept} : {why}")
            merged += len(report.merged)
            refused += len(report.refused)
        self.counts = {"fusions": merged, "refus": refused}
        done = "à fusionner" if dry_run else plural(merged, "fusionnée")
        self.stdout.write(self.style.SUCCESS(f"{count_of(merged, 'fiche')} {done}, {count_of(refused, 'refusée')}."))
