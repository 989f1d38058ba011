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


def test_funder_filter_counts_the_paths_of_the_actions_it_pays_for(action, funders):
    from maillage.kernel.plugins import IndicatorScope
    from maillage.people.models import Person

    from .conftest import fund

    paid = Programme.objects.create(name="100 chances", kind="100_chances", action=action)
    other = Programme.objects.create(name="Parrainage", kind="parrainage")
    for programme in (paid, other):
        cohort = Cohort.objects.create(programme=programme, label="2025", start=date(2025, 2, 1))
        ProgrammeParticipant.objects.create(
            cohort=cohort,
            person=Person.objects.create(first_name="A", last_name=programme.name),
            joined_on=date(2025, 2, 3),
        )
    from maillage.accounts.models import Organisation

    funders["epci"].organisation = Organisation.objects.create(name="CA Évreux", kind="collectivite")
    funders["epci"].save()
    fund(action, funders["epci"], "1000")
    fund(action, funders["state"], "1000")
    provided = {i.key: i for i in indicators.indicators()}["steering.programme_participants"]
    year = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
    assert provided.compute(IndicatorScope(**year)) == 2
    assert provided.compute(IndicatorScope(**year, funder_id=funders["epci"].organisation_id)) == 1
    other_org = Organisation.objects.create(name="Autre", kind="financeur")
    assert provided.compute(IndicatorScope(**year, funder_id=other_org.pk)) == 0
