"""Programmes: cohorts, paths with steps and outcomes; revitalisation results read from the companies module."""

from datetime import date

from django.urls import reverse

from maillage.accounts.models import AuditEvent
from maillage.steering import indicators
from maillage.steering.models import Cohort, Programme, ProgrammeParticipant
from tests.companies.factories import AgreementFactory


def test_programme_cohort_path_and_outcome(client, director, roles):
    agreement = AgreementFactory(title="Revitalisation Laboratoires de l'Iton", jobs_target=80)
    agreement.actions.create(title="100 chances", jobs_target=30, jobs_created=9, beneficiaries=25)
    client.force_login(director)
    response = client.post(
        reverse("steering:programme_create"),
        {
            "name": "100 chances – 100 emplois",
            "kind": "100_chances",
            "agreement": agreement.pk,
            "age_min": 18,
            "age_max": 35,
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302 and programme.agreement_id == agreement.pk
    client.post(reverse("steering:cohort_add", args=[programme.pk]), {"label": "Promotion 2025", "start": "2025-03-01"})
    cohort = Cohort.objects.get()
    response = client.post(
        reverse("steering:participant_add", args=[cohort.pk]),
        {
            "first_name": "Yanis",
            "last_name": "Diallo",
            "birth_date": "2003-02-01",
            "joined_on": "2025-03-03",
            "outcome": "emploi",
            "outcome_on": "2025-09-01",
            "mentor_name": "Jean Dupont",
        },
    )
    assert response.status_code == 302
    path = ProgrammeParticipant.objects.get()
    assert path.mentor.last_name == "Dupont"
    client.post(
        reverse("steering:step_add", args=[path.pk]), {"date": "2025-03-10", "label": "Semaine de mobilisation"}
    )
    html = client.get(reverse("steering:programme_detail", args=[programme.pk])).content.decode()
    assert "Semaine de mobilisation" in html and "Yanis Diallo" in html
    assert "<strong>9</strong> emplois recréés sur 80" in html
    assert AuditEvent.objects.filter(object_type="steering.programmeparticipant").exists()
    # Readers see the figures, never the people.
    client.force_login(roles["funder"])
    html = client.get(reverse("steering:programme_detail", args=[programme.pk])).content.decode()
    assert "Yanis" not in html and "emplois recréés" in html
    # The outcomes feed the plan through the steering module's own indicators.
    from maillage.kernel.plugins import IndicatorScope

    scope = IndicatorScope(start=date(2025, 1, 1), end=date(2025, 12, 31))
    provided = {i.key: i for i in indicators.indicators()}
    assert provided["steering.programme_jobs"].compute(scope) == 1
    assert provided["steering.programme_participants"].compute(scope) == 1
