"""A GPECT scene around Évreux: two candidates who seek the job, six seamstresses whose skills transfer."""

from maillage.reconversion.models import Transition
from tests.jobs.factories import make_candidate, make_referential


def seed_gpect_scene():
    ref = make_referential()
    evreux = ref.communes.evreux
    for index in range(2):
        make_candidate(evreux, sought=["10004"], first_name=f"Cand{index}")
    for index in range(6):
        skills = ["105778"] if index < 2 else []  # two already know wiring
        make_candidate(evreux, held=["10001"], skills=skills, first_name=f"Couturiere{index}")
    make_candidate(ref.communes.rouen, held=["10001"], first_name="Loin")  # 100 km away: outside the radius
    Transition.objects.create(source_id="B1803", target_id="H2605", rank=1, score=0.7, shared_skills=2)
    Transition.objects.create(source_id="D1505", target_id="H2605", rank=3, score=0.2, shared_skills=1)
    return ref
