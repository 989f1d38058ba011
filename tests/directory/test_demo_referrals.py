"""The directory demo seeds referrals in every state (once), and the home card of those who follow the
figures counts this year's referrals and their outcome."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import OrganisationKind, Role
from maillage.directory.demo.referrals import seed_referrals
from maillage.directory.models import Referral, ReferralStatus
from maillage.directory.services import referral_create
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_the_demo_referrals_cover_every_state_once(directory):
    partner = user_with_role(Role.PARTNER, OrganisationKind.FRANCE_TRAVAIL)
    partner.email = "conseiller.ft@demo.maillage.fr"
    partner.save()
    for key in ("savoirs", "asl", "permis", "garage"):
        directory[key].di_id = f"demo--{key}"
        directory[key].save()
    assert seed_referrals(["Association Savoirs de base 27"]) == 14
    assert seed_referrals(["Association Savoirs de base 27"]) == 0
    assert Referral.objects.count() == 14
    states = set(Referral.objects.values_list("status", flat=True))
    assert states == {s for s, _ in ReferralStatus.choices}
    assert not Referral.objects.filter(status=ReferralStatus.REFUSED, refusal_reason="").exists()
    assert not Referral.objects.filter(status=ReferralStatus.SENT, closed_at__isnull=False).exists()
    # The association's editor has orientations to answer.
    newest = Referral.objects.order_by("-sent_at")[:3]
    assert all(r.service.structure == directory["association"] and r.status == ReferralStatus.SENT for r in newest)


def test_the_figures_card_counts_this_year_and_its_outcome(directory, client):
    elu = user_with_role(Role.VIEWER, OrganisationKind.LOCAL_AUTHORITY)
    counsellor = directory["counsellor"]
    for index in range(3):
        referral_create(
            user=counsellor, service=directory["savoirs"], first_name=f"P{index}", last_name="Essai", consent=True
        )
    accepted = Referral.objects.order_by("pk").first()
    Referral.objects.filter(pk=accepted.pk).update(status=ReferralStatus.ACCEPTED, closed_at=timezone.now())
    last_year = Referral.objects.order_by("pk").last()
    Referral.objects.filter(pk=last_year.pk).update(sent_at=timezone.now() - timedelta(days=400))
    client.force_login(elu)
    text = client.get(reverse("core:home")).content.decode()
    year = timezone.localdate().year
    assert f"Orientations en {year}" in text
    assert "dont 1 acceptée, 1 en attente" in text
