from maillage.accounts.demo import DEMO_PASSWORD
from maillage.accounts.models import User
from maillage.kernel.commands import LoggedCommand


class Command(LoggedCommand):
    help = "Affiche les comptes de démonstration et leur mot de passe."

    def handle(self, *args, **options):
        users = User.objects.filter(email__endswith="@demo.maillage.fr").prefetch_related("memberships__organisation")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Comptes de démonstration (mot de passe commun : {DEMO_PASSWORD})"))
        users = list(users.order_by("email"))
        self.counts["comptes"] = len(users)
        for user in users:
            roles = ", ".join(f"{m.get_role_display()} – {m.organisation.name}" for m in user.memberships.all())
            roles = roles or "Candidat (compte personnel)"
            self.stdout.write(f"  {user.email:<40} {roles}")
        self.stdout.write("")
