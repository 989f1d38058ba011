"""Permission matrix of the transition explorer (public pages and API)."""

from maillage.reconversion.models import Transition, TransitionBuild
from maillage.referentials.models import RomeFiche
from tests.matrix import row


def build(world):
    source, target = RomeFiche.objects.get(code="B1803"), RomeFiche.objects.get(code="H2605")
    Transition.objects.create(source=source, target=target, rank=1, score=0.6, shared_skills=3)
    TransitionBuild.objects.create(source="test", fiches=2, k=50, engine_version="test-1")


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "reconversion:explorer": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "reconversion:fiche": row({"code": "=B1803"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "reconversion:transition": row(
        {"code": "=B1803", "target": "=H2605"}, "200 200 200 200 200 200 200 200 200 200 200"
    ),
    "transition-list": row({}, "200 200 200 200 200 200 200 200 200 200 200", query="source=B1803"),
}

# Query-count guards (tests/matrix/test_query_counts.py): at most this many SQL queries for the
# MDE administrator on the grown world.
QUERIES = {
    "reconversion:explorer": 6,
    "reconversion:fiche": 17,
    "transition-list": 9,
}
