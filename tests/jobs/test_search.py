"""Search in natural wording: accents, case, stop words and inflections do not matter."""

import pytest

from maillage.accounts.models import OrganisationKind, Role
from maillage.common_search import document, terms
from maillage.jobs.selectors.candidates import candidates_for
from maillage.jobs.selectors.offers import offers_for
from tests.factories import OrganisationFactory, user_with_role

from .factories import make_candidate, make_offer


def test_terms_drop_stop_words_and_fold_inflections():
    assert terms("câbleur en électronique") == ["cableur", "electron"]
    assert terms("CABLEUR ELECTRONIQUES") == ["cableur", "electron"]
    assert terms("Soudeurs") == terms("soudeur")
    assert document("Monteur-câbleur / Monteuse-câbleuse en électronique").startswith(" monteur cableur")


@pytest.mark.parametrize(
    "query",
    ["câbleur en électronique", "CABLEUR electronique", "câbleurs électroniques", "monteur", "H2605"],
)
def test_natural_wording_finds_the_offer(ref, admin_user, query):
    offer = make_offer(ref.communes.evreux, appellation="10004", title="Monteur câbleur H/F")
    make_offer(ref.communes.evreux, appellation="10007", title="Caissier H/F")
    assert list(offers_for(admin_user, query=query)) == [offer]


def test_offer_search_reads_skills_and_employer(ref, admin_user):
    offer = make_offer(ref.communes.evreux, appellation="10009", title="Poste en atelier", skills=["100286"])
    assert list(offers_for(admin_user, query="techniques de soudure")) == [offer]
    assert list(offers_for(admin_user, query="boulangerie")) == []


def test_candidates_searchable_by_job_and_skill(ref):
    organisation = OrganisationFactory(kind=OrganisationKind.FRANCE_TRAVAIL)
    counsellor = user_with_role(Role.PARTNER, organisation=organisation)
    fatima = make_candidate(
        ref.communes.evreux, held=["10001"], sought=["10005"], skills=["300490"], organisation=organisation
    )
    make_candidate(ref.communes.evreux, held=["10007"], first_name="Paul", last_name="Petit", organisation=organisation)
    assert list(candidates_for(counsellor, query="câbleuse")) == [fatima]
    assert list(candidates_for(counsellor, query="couturière")) == [fatima]
    assert list(candidates_for(counsellor, query="rigueur et précision")) == [fatima]
    assert list(candidates_for(counsellor, query="haddad")) == [fatima]  # names still found, accents or not
    assert list(candidates_for(counsellor, query="évreux caissier"))[0].first_name == "Paul"
