import pytest

from maillage.reconversion.models import Transition
from maillage.reconversion.selectors import top_transitions, transition_score, transition_scores

from .factories import make_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_fiches():
    a = make_fiche("A1101", "Conducteur d'engins agricoles")
    b = make_fiche("A1102", "Conducteur d'engins forestiers")
    c = make_fiche("N4101", "Conducteur de poids lourd")
    Transition.objects.create(source=a, target=b, rank=1, score=0.8, shared_skills=12)
    Transition.objects.create(source=a, target=c, rank=2, score=0.4, shared_skills=5)
    return a, b, c


def test_transition_score_reads_the_table(three_fiches):
    assert transition_score("A1101", "A1102") == pytest.approx(0.8)
    assert transition_score("A1101", "N4101") == pytest.approx(0.4)


def test_transition_score_is_one_for_same_fiche_and_zero_when_unknown(three_fiches):
    assert transition_score("A1101", "A1101") == 1.0
    assert transition_score("A1102", "A1101") == 0.0
    assert transition_score("", "A1101") == 0.0


def test_top_transitions_in_rank_order(three_fiches):
    top = top_transitions("A1101", 5)
    assert [t.code for t in top] == ["A1102", "N4101"]
    assert top[0].shared_skills == 12 and top[0].label == "Conducteur d'engins forestiers"
    assert [t.code for t in top_transitions("A1101", 1)] == ["A1102"]


def test_transition_scores_for_batch(three_fiches):
    assert transition_scores("A1101") == {"A1101": 1.0, "A1102": 0.8, "N4101": 0.4}
