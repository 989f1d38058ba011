"""Matching explanations agree with the score: one number rounded once, parts adding up to it."""

from itertools import product

import pytest

from maillage.jobs.matching import Explanation, engine


def _explanation(skills, transition, distance):
    total = engine.W_SKILLS * skills + engine.W_TRANSITION * transition + engine.W_DISTANCE * distance
    return Explanation(
        rank=1,
        score=total,
        skills_score=skills,
        transition_score=transition,
        distance_km=3,
        radius_km=20,
        distance_score=distance,
    )


@pytest.mark.parametrize(
    ("skills", "transition", "distance"),
    list(product([0.0, 0.0133, 0.337, 0.5049, 1.0], [0.0, 0.0751, 0.6666], [0.0, 0.0249, 0.9951])),
)
def test_parts_add_up_to_the_rounded_score(skills, transition, distance):
    e = _explanation(skills, transition, distance)
    parts = e.contributions
    assert round(sum(parts.values()) * 100) == e.percent
    assert e.score_display == e.percent / 100


def test_the_reported_defect_0_08_against_0_07():
    """Three parts of 0.0249 each were shown as 0,02 + 0,02 + 0,02 (0,07 after rounding each) for a 0,07 total;
    now the parts are in hundredths that add up to the one rounded score."""
    e = Explanation(
        rank=1,
        score=0.0747,
        skills_score=0.0249 / engine.W_SKILLS,
        transition_score=0.0249 / engine.W_TRANSITION,
        distance_km=1,
        radius_km=10,
        distance_score=0.0249 / engine.W_DISTANCE,
    )
    assert e.percent == 7
    assert sorted(e.contributions.values()) == [0.02, 0.02, 0.03]
