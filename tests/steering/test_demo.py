"""The steering demo: idempotent, figures computed by the modules, FSE+ records complete for export."""

from datetime import date

from django.urls import reverse

from maillage.steering import demo
from maillage.steering.models import (
    Action,
    Convention,
    FollowUpAction,
    FseParticipant,
    Funder,
    FundingLine,
    ProgrammeParticipant,
)
from maillage.steering.selectors import fse, plan


def counts():
    return [
        m.objects.count()
        for m in (Action, Convention, FollowUpAction, FseParticipant, FundingLine, ProgrammeParticipant)
    ]


def test_demo_is_idempotent_and_ready_for_the_journeys(client, director, epcis):
    demo.seed()
    first = counts()
    demo.seed()
    assert counts() == first
    assert first[0] == 6 and first[3] == 40 and first[2] == 1
    # The Region's funder names its organisation: the demo's elected reader exports its justification.
    assert Funder.objects.get(name="Région Normandie").organisation.name == "Région Normandie – service emploi"
    year = date.today().year
    summary = plan.funding_summary(year)
    assert not summary.state_over_limit and summary.state_share_percent == 42.2
    assert fse.completeness_problems(start=date(year, 1, 1), end=date(year, 12, 31)) == []
    axes = plan.plan(year)
    assert [entry.axis.code for entry in axes] == ["1", "2", "L1"]
    client.force_login(director)
    assert client.get(reverse("steering:fse_export"), {"annee": year}).status_code == 200
