"""The demo seeds offers, candidates (a seamstress among them) and applications, idempotently."""

import io

from maillage.accounts.models import OrganisationKind, Role
from maillage.jobs import demo, matching
from maillage.jobs.models import Application, Candidate, Offer

from ..factories import user_with_role


def test_demo_is_idempotent_and_shows_the_seamstress(ref, monkeypatch):
    # The test referential has a handful of jobs, close to wiring: a crowd of thousands drawn from
    # them would be all electricians. The real demo draws 3,000 people from the whole ROME.
    monkeypatch.setattr(demo, "CROWD_SIZE", 120)
    user_with_role(Role.CHARGE_MISSION, OrganisationKind.MDE)
    out = io.StringIO()
    demo.seed(stdout=out)
    counts = (Offer.objects.count(), Candidate.objects.count(), Application.objects.count())
    assert "Offres :" in out.getvalue()
    demo.seed(stdout=io.StringIO())
    assert (Offer.objects.count(), Candidate.objects.count(), Application.objects.count()) == counts
    wiring = Offer.objects.get(external_id="demo-offre-cablage")
    assert wiring.is_shortage and wiring.is_little_known
    seamstress = Candidate.objects.get(person__first_name="Fatima", person__last_name="Haddad")
    ranked = [m.object_id for m in matching.candidates_for_offer(wiring, k=20)]
    assert seamstress.pk in ranked
    crowd = Candidate.objects.filter(person__email__endswith="@foule.demo")
    assert crowd.count() == 120
    assert crowd.filter(held_appellations__isnull=False).distinct().count() == 120
