"""Pages write French as it is written: elision before a vowel (« heures d'octobre », « les heures d'ÉTIENNE »)
and agreement with the number (« 1 ligne en erreur », « 3 lignes valides », « 0 ligne »)."""

from django.urls import reverse

from maillage.clauses.models import ImportBatch
from maillage.people.models import Person

from .test_imports import PEOPLE, _upload


def test_the_hours_grid_elides_the_month_and_the_person(client, scenario):
    Person.objects.filter(pk=scenario["alice"].participant.person_id).update(last_name="Étienne")
    client.force_login(scenario["facilitator"])
    page = client.get(reverse("clauses:lot_hours", args=[scenario["lot"].pk]), {"mois": "2025-10"}).content.decode()
    assert "Heures d&#x27;octobre 2025" in page and "Heures de 10/2025" not in page
    assert "Heures d&#x27;ÉTIENNE" in page
    page = client.get(reverse("clauses:lot_hours", args=[scenario["lot"].pk]), {"mois": "2025-05"}).content.decode()
    assert "Heures de mai 2025" in page


def test_the_import_preview_agrees_with_its_counts(client, scenario):
    client.force_login(scenario["facilitator"])
    client.post(reverse("clauses:import_upload"), {"kind": "participants", "file": _upload(PEOPLE)})
    page = client.get(reverse("clauses:import_preview", args=[ImportBatch.objects.get().pk])).content.decode()
    assert "<strong>2 lignes valides</strong>, <strong>2 lignes en erreur</strong>." in page
    one_bad = "nom;prenom;date_naissance;sexe;criteres\nSow;Awa;1999-07-01;X;inconnu\n"
    client.post(reverse("clauses:import_upload"), {"kind": "participants", "file": _upload(one_bad)})
    page = client.get(reverse("clauses:import_preview", args=[ImportBatch.objects.latest("pk").pk])).content.decode()
    assert "<strong>0 ligne valide</strong>, <strong>1 ligne en erreur</strong>." in page
