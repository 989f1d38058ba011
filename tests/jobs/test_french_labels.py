"""Contract types by their French labels on pages and in exports, never the France Travail codes."""

import re

from django.urls import reverse

from maillage.jobs.models import contract_mask
from maillage.jobs.selectors.applications import aggregates

from .factories import make_candidate, make_offer


def test_candidate_page_names_contracts_in_french(client, ref, admin_user):
    candidate = make_candidate(ref.communes.evreux, contract_mask=contract_mask(["MIS", "SAI", "LIB"]))
    client.force_login(admin_user)
    html = client.get(reverse("jobs:candidate_detail", args=[candidate.pk])).content.decode()
    assert "Intérim (mission)" in html and "Saisonnier" in html
    assert not re.search(r"\b(MIS|SAI|LIB)\b", html)
    assert candidate.contract_wish_labels == ["Intérim (mission)", "Saisonnier", "Indépendant, franchise, libéral"]


def test_statistics_label_contracts(ref):
    make_offer(ref.communes.evreux, contract="MIS")
    rows = aggregates()["by_contract"]
    assert rows == [{"contract_type": "MIS", "n": 1, "label": "Intérim (mission)"}]
