"""Conventions and follow-up actions sort by their headers: titles accent-folded, states in their order."""

from datetime import date

from django.urls import reverse

from maillage.steering.models import Committee, Decision, FollowUpAction, Meeting

from .test_committees import make_convention


def _order(client, url, names, **params):
    body = client.get(url, params).content.decode().split("<tbody>")[1]
    return sorted(names, key=body.index)


def test_conventions_sort_by_folded_title_and_dates(client, director):
    make_convention(title="Zone d'emploi", signed_on=date(2023, 1, 1), end_on=date(2026, 1, 1))
    make_convention(title="École de la 2e chance", signed_on=date(2025, 1, 1), end_on=date(2028, 1, 1))
    make_convention(title="Alternance BTP", signed_on=date(2024, 1, 1), end_on=date(2025, 6, 1))
    client.force_login(director)
    url = reverse("steering:convention_list")
    titles = ["Alternance BTP", "École de la 2e chance", "Zone d&#x27;emploi"]
    assert _order(client, url, titles) == ["École de la 2e chance", "Alternance BTP", "Zone d&#x27;emploi"]
    assert _order(client, url, titles, tri="convention") == titles  # « École » among the E, not after « Zone »
    assert _order(client, url, titles, tri="fin") == ["Alternance BTP", "Zone d&#x27;emploi", "École de la 2e chance"]
    assert 'aria-sort="ascending"' in client.get(url, {"tri": "fin"}).content.decode()


def test_follow_ups_sort_by_state_title_and_due_date(client, director):
    meeting = Meeting.objects.create(
        committee=Committee.objects.create(name="COPIL", kind="copil"), date=date(2025, 3, 1), agenda="Bilan"
    )
    decision = Decision.objects.create(meeting=meeting, text="Suites du bilan")
    for title, status, due in (
        ("Écrire aux branches", "en_cours", date(2025, 5, 1)),
        ("Zoom sur l'alternance", "a_faire", None),
        ("Bilan des jobs datings", "fait", date(2025, 4, 1)),
    ):
        FollowUpAction.objects.create(decision=decision, title=title, status=status, due_on=due)
    client.force_login(director)
    url = reverse("steering:follow_up_list")
    titles = ["Bilan des jobs datings", "Écrire aux branches", "Zoom sur l&#x27;alternance"]
    assert _order(client, url, titles) == [
        "Zoom sur l&#x27;alternance",
        "Écrire aux branches",
        "Bilan des jobs datings",
    ]
    assert _order(client, url, titles, tri="action") == titles  # « Écrire » among the E, not after « Zoom »
    assert _order(client, url, titles, tri="echeance") == titles  # without a due date: last
    assert 'aria-sort="ascending"' in client.get(url, {"tri": "action"}).content.decode()
