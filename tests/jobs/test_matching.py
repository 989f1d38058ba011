"""Matching: ranking, explanations, hard constraints, freshness (deltas), both directions, batch."""

from datetime import date, timedelta

import pytest

from maillage.jobs import matching
from maillage.jobs.models import Candidate

from .factories import make_candidate, make_offer

SEAMSTRESS_SKILLS = ["300233", "300490", "100100"]


@pytest.fixture
def wiring_offer(ref):
    return make_offer(ref.communes.evreux, appellation="10004", skills=["300233", "105778", "300490"])


def test_seamstress_ranks_for_electronic_wiring_with_explanation(ref, wiring_offer):
    seamstress = make_candidate(ref.communes.louviers, held=["10001"], sought=["10003"], skills=SEAMSTRESS_SKILLS)
    cashier = make_candidate(ref.communes.evreux, held=["10007"], skills=["100200", "300490"], first_name="Sandrine")
    results = matching.candidates_for_offer(wiring_offer, k=20)
    assert [m.object_id for m in results] == [seamstress.pk, cashier.pk]
    top = results[0].explanation
    assert top.rank == 1
    shared = [label for label, _ in top.shared]
    assert "Réaliser les travaux de montage, d'assemblage" in shared
    assert "Faire preuve de rigueur et de précision" in shared
    assert [label for label, _ in top.missing] == ["Câblage filaire"]
    assert 20 < top.distance_km < 23  # Louviers – Évreux
    assert top.transition_from == ""  # other domaine: no transition under the fallback rule
    assert any("compétences sur 3" in r for r in top.reasons)
    assert any(r.startswith("Rang 1, score") for r in top.reasons)


def test_the_seamstress_precision_is_credited_not_listed_to_acquire(ref, wiring_offer):
    """Her métier (couturière) asks for rigour and precision: never « to acquire » (issue #17)."""
    seamstress = make_candidate(ref.communes.louviers, held=["10001"], skills=["300233", "100100"])
    (match,) = matching.candidates_for_offer(wiring_offer, k=20)
    assert match.object_id == seamstress.pk
    missing = [label for label, _ in match.explanation.missing]
    assert "Faire preuve de rigueur et de précision" not in missing
    assert "Câblage filaire" in missing  # a technique still to learn
    assert match.explanation.credited == ["Faire preuve de rigueur et de précision"]
    assert any("1 compétence sur 3 attendues" in r for r in match.explanation.reasons)
    assert any(r.startswith("Qualités déjà exercées dans son métier") for r in match.explanation.reasons)


def test_same_job_and_sought_job_count_as_transition(ref, wiring_offer):
    wirer = make_candidate(ref.communes.evreux, held=["10005"], first_name="Paul")
    seeker = make_candidate(ref.communes.evreux, sought=["10004"], first_name="Inès")
    results = {m.object_id: m.explanation for m in matching.candidates_for_offer(wiring_offer)}
    assert results[wirer.pk].same_job and results[wirer.pk].transition_score == 1.0
    assert results[wirer.pk].inferred_skills  # no declared skill: the fiche's core skills stand in
    assert results[seeker.pk].seeks_job and results[seeker.pk].transition_score == pytest.approx(0.6)


def test_same_domaine_gets_half_transition_until_the_engine_is_built(ref, wiring_offer):
    cabinet_wirer = make_candidate(ref.communes.evreux, held=["10006"])
    (match,) = matching.candidates_for_offer(wiring_offer)
    assert match.object_id == cabinet_wirer.pk
    assert match.explanation.transition_score == pytest.approx(0.5)


def test_hard_constraints_filter(ref, wiring_offer):
    far = make_candidate(ref.communes.rouen, skills=SEAMSTRESS_SKILLS, radius=20, first_name="Loin")
    wrong_contract = make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS, contract_mask=2, first_name="CDD")
    late = make_candidate(
        ref.communes.evreux,
        skills=SEAMSTRESS_SKILLS,
        available_from=date.today() + timedelta(days=90),
        first_name="Tard",
    )
    no_consent = make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS, consent=False, first_name="Non")
    part_time = make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS, working_time="partiel", first_name="Mi")
    ok = make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS, contract_mask=1, first_name="Oui")
    ids = {m.object_id for m in matching.candidates_for_offer(wiring_offer)}
    assert ok.pk in ids
    assert not ids & {far.pk, wrong_contract.pk, late.pk, no_consent.pk, part_time.pk}


def test_changes_are_seen_at_once_through_the_delta(ref, wiring_offer):
    candidate = make_candidate(ref.communes.evreux, skills=["300233"])
    assert [m.object_id for m in matching.candidates_for_offer(wiring_offer)] == [candidate.pk]
    candidate.is_searching = False
    candidate.save()
    assert matching.candidates_for_offer(wiring_offer) == []
    newcomer = make_candidate(ref.communes.evreux, skills=["300233", "105778"], first_name="Nouveau")
    Candidate.objects.filter(pk=newcomer.pk).update(is_searching=True)
    assert [m.object_id for m in matching.candidates_for_offer(wiring_offer)] == [newcomer.pk]


def test_allowed_filter_keeps_visible_candidates_only(ref, wiring_offer):
    first = make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS)
    second = make_candidate(ref.communes.evreux, skills=["300233"], first_name="B")
    results = matching.candidates_for_offer(wiring_offer, allowed=lambda ids: {second.pk})
    assert [m.object_id for m in results] == [second.pk]
    assert results[0].explanation.rank == 1
    assert first.pk != second.pk


def test_offers_for_candidate(ref, wiring_offer):
    seamstress = make_candidate(ref.communes.evreux, held=["10001"], skills=SEAMSTRESS_SKILLS, radius=15)
    far_offer = make_offer(ref.communes.rouen, appellation="10004", skills=["300233"], title="Loin")
    cashier_offer = make_offer(ref.communes.evreux, appellation="10007", skills=["100200"], title="Caisse")
    sewing_offer = make_offer(ref.communes.evreux, appellation="10001", skills=["100100"], title="Couture")
    results = matching.offers_for_candidate(seamstress)
    ids = [m.object_id for m in results]
    assert ids[0] == sewing_offer.pk
    assert wiring_offer.pk in ids and far_offer.pk not in ids and cashier_offer.pk not in ids
    assert results[0].explanation.same_job


def test_batch_gives_every_open_offer(ref, wiring_offer):
    make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS)
    make_offer(ref.communes.evreux, appellation="10007", status="brouillon")
    rows = dict(matching.batch_top_candidates(k=5))
    assert list(rows) == [wiring_offer.pk]
    assert len(rows[wiring_offer.pk]) == 1


def test_offer_without_place_has_no_result(ref, wiring_offer):
    make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS)
    wiring_offer.latitude = None
    assert matching.candidates_for_offer(wiring_offer) == []


def test_match_offers_command(ref, wiring_offer, tmp_path):
    import csv
    import io

    from django.core.management import call_command

    candidate = make_candidate(ref.communes.evreux, skills=SEAMSTRESS_SKILLS)
    out = tmp_path / "matches.csv"
    call_command("match_offers", "--out", str(out), verbosity=0, stdout=io.StringIO())
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["offer_id", "rank", "candidate_id", "score"]
    assert rows[1][:3] == [str(wiring_offer.pk), "1", str(candidate.pk)]


def test_transitions_come_from_the_reconversion_engine_once_built(ref, wiring_offer):
    from maillage.reconversion.models import Transition, TransitionBuild

    Transition.objects.create(source_id="B1803", target_id="H2605", rank=1, score=0.42, shared_skills=2)
    TransitionBuild.objects.create(source="test", fiches=7, k=1)
    seamstress = make_candidate(ref.communes.evreux, held=["10001"])
    cabinet_wirer = make_candidate(ref.communes.evreux, held=["10006"], first_name="Armoire")
    results = {m.object_id: m.explanation for m in matching.candidates_for_offer(wiring_offer)}
    assert results[seamstress.pk].transition_score == pytest.approx(0.42)
    assert results[seamstress.pk].transition_from == "Couturier / Couturière"
    assert any("transférabilité 0,42" in r for r in results[seamstress.pk].reasons)
    # The engine has no H2602 → H2605 link here: the same-domaine fallback no longer applies.
    assert cabinet_wirer.pk not in results or results[cabinet_wirer.pk].transition_score == 0


def test_pruning_keeps_the_exact_top_k(ref):
    import random

    from maillage.jobs.matching import engine
    from maillage.reconversion.models import Transition, TransitionBuild

    rng = random.Random(3)
    fiches = ["B1803", "D1207", "H2602", "D1505", "D1408", "H2913"]
    for rank, source in enumerate(fiches, start=1):
        Transition.objects.create(source_id=source, target_id="H2605", rank=rank, score=rng.uniform(0.1, 0.9))
        Transition.objects.create(source_id="H2605", target_id=source, rank=rank, score=rng.uniform(0.1, 0.9))
    TransitionBuild.objects.create(source="test", fiches=7, k=6)
    apps = ["10001", "10002", "10003", "10004", "10005", "10006", "10007", "10008", "10009"]
    skills = ["300233", "300490", "100100", "100101", "105778", "100286", "105777", "100200", "100201", "100202"]
    communes = [ref.communes.evreux, ref.communes.louviers, ref.communes.vernon]
    for i in range(60):
        make_candidate(
            rng.choice(communes),
            held=rng.sample(apps, 1),
            sought=rng.sample(apps, 1),
            skills=rng.sample(skills, rng.randint(0, 2)),
            radius=rng.choice([20, 40]),
            first_name=f"P{i}",
        )
    offer = make_offer(ref.communes.evreux, skills=["300233", "105778"])
    for i in range(12):
        make_offer(rng.choice(communes), appellation=rng.choice(apps), skills=rng.sample(skills, 1), title=f"O{i}")
    pools = matching.get_pools()
    matrix, _ = matching.get_matrix(pools.vocab)
    query, _ = matching._offer_query(pools, offer)
    full = engine.score_candidates(pools.candidates[0], 0, matrix, query)
    pruned = engine.score_candidates(pools.candidates[0], 0, matrix, query, 5)
    assert len(pruned.rows) < len(full.rows)
    assert sorted(full.total)[-5:] == pytest.approx(sorted(pruned.total)[-5:])
    candidate = Candidate.objects.get(person__first_name="P0")
    cquery, _ = matching._candidate_query(pools, candidate)
    assert len(pools.offers[0]) == 13
    for k in (1, 3):
        full = engine.score_offers(pools.offers[0], 0, matrix, cquery)
        pruned = engine.score_offers(pools.offers[0], 0, matrix, cquery, k)
        assert sorted(full.total)[-k:] == pytest.approx(sorted(pruned.total)[-k:])
