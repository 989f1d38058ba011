"""The event page as each role reads it."""


def test_the_event_page_names_its_metiers_and_tells_a_company_it_has_no_stand(client, db):
    # « Codes ROME : F1703, H2102 » (codes without labels) and « Aucun stand. » shown to a company that
    # sees its own stands only, on a fair with three.
    from django.urls import reverse

    from maillage.accounts.models import OrganisationKind, Role
    from maillage.events.models import Stand
    from tests.companies.factories import EstablishmentFactory
    from tests.events.conftest import make_event
    from tests.factories import OrganisationFactory, user_with_role
    from tests.jobs.factories import make_referential

    make_referential()
    mde = OrganisationFactory(kind=OrganisationKind.MDE, name="Maison de l'Emploi d'Évreux")
    event = make_event(mde, rome_codes=["H2605", "Z9999"])
    Stand.objects.create(event=event, establishment=EstablishmentFactory())
    company = user_with_role(Role.COMPANY_MEMBER, OrganisationKind.COMPANY)
    client.force_login(company)
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Métiers : Monteur-câbleur / Monteuse-câbleuse en électronique (H2605), Z9999." in page
    assert "Vos stands" in page and "Vous n'avez pas de stand à cet événement" in page
    client.force_login(user_with_role(Role.CHARGE_MISSION, organisation=mde))
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Stands des entreprises" in page and "Vous n'avez pas de stand" not in page
