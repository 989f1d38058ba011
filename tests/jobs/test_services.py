"""Services: offers (denormalised fields, shortage flag), applications workflow, candidates' data rights."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from maillage.accounts.models import AuditAction, AuditEvent
from maillage.jobs.models import Application, ApplicationState, Candidate, ContractType
from maillage.jobs.services import applications, candidates, offers
from maillage.referentials.models import Appellation, Skill

from .factories import make_candidate, make_offer


def _offer_data(ref, appellation="10009", **extra):
    return {
        "title": "Soudeur TIG H/F",
        "description": "Soudure inox.",
        "appellation": Appellation.objects.get(code=appellation),
        "contract_type": ContractType.CDI,
        "positions": 1,
        "commune": ref.communes.evreux,
        "company_name": "Métallerie de l'Iton",
        **extra,
    }


def test_save_offer_fills_rome_code_place_and_shortage_from_dares(ref, charge_mission):
    offer = offers.save_offer(user=charge_mission, data=_offer_data(ref), skills=Skill.objects.filter(code="100286"))
    assert offer.rome_code == "H2913" and offer.latitude == pytest.approx(49.0241)
    assert offer.is_shortage  # soudeurs: 77 % of difficult recruitments (DARES)
    assert AuditEvent.objects.filter(object_type="jobs.offer", action=AuditAction.CREATE).count() == 1
    cashier = offers.save_offer(user=charge_mission, data=_offer_data(ref, appellation="10007"))
    assert not cashier.is_shortage


def test_shortage_can_be_set_by_hand(ref, charge_mission):
    offer = offers.save_offer(user=charge_mission, data=_offer_data(ref, appellation="10007"), shortage_override=True)
    assert offer.is_shortage and offer.is_shortage_manual
    offer = offers.save_offer(user=charge_mission, offer=offer, data={"title": "Caissier H/F"})
    assert offer.is_shortage  # a manual flag survives later changes


def test_application_workflow_with_history(ref, charge_mission):
    candidate = make_candidate(ref.communes.evreux)
    offer = make_offer(ref.communes.evreux)
    application = applications.create_application(user=charge_mission, candidate=candidate, offer=offer)
    with pytest.raises(ValidationError, match="existe déjà"):
        applications.create_application(user=charge_mission, candidate=candidate, offer=offer)
    with pytest.raises(ValidationError, match="Passage impossible"):
        applications.move_application(user=charge_mission, application=application, to_state=ApplicationState.ACCEPTED)
    applications.move_application(user=charge_mission, application=application, to_state=ApplicationState.INTERVIEW)
    with pytest.raises(ValidationError, match="motif"):
        applications.move_application(user=charge_mission, application=application, to_state=ApplicationState.REFUSED)
    application = applications.move_application(
        user=charge_mission,
        application=application,
        to_state=ApplicationState.REFUSED,
        refusal_reason="poste_pourvu",
        note="Pourvu en interne",
    )
    assert application.state == ApplicationState.REFUSED and application.refusal_reason == "poste_pourvu"
    history = list(application.events.values_list("from_state", "to_state", "refusal_reason"))
    assert history == [
        ("", "nouvelle", ""),
        ("nouvelle", "entretien", ""),
        ("entretien", "refusee", "poste_pourvu"),
    ]
    assert application.allowed_next_states == []


def test_closed_offer_refuses_applications(ref, charge_mission):
    offer = make_offer(ref.communes.evreux, status="cloturee")
    with pytest.raises(ValidationError, match="plus ouverte"):
        applications.create_application(user=charge_mission, candidate=make_candidate(ref.communes.evreux), offer=offer)


def test_save_candidate_records_consent_and_audit(ref, partner):
    candidate = candidates.save_candidate(
        user=partner,
        data={
            "first_name": "Fatima",
            "last_name": "Haddad",
            "commune": ref.communes.louviers,
            "mobility_radius_km": 25,
            "consent_purpose": "partage",
        },
        held=Appellation.objects.filter(code="10001"),
        consent_given=True,
    )
    assert candidate.consent_at is not None and candidate.latitude == pytest.approx(49.2153)
    assert candidate.created_by == partner
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="jobs.candidate").exists()
    candidate = candidates.save_candidate(user=partner, candidate=candidate, data={}, consent_given=False)
    assert candidate.consent_at is None and not candidate.is_matchable


def test_export_data_and_anonymise(ref, charge_mission):
    candidate = make_candidate(ref.communes.evreux, held=["10001"], skills=["100100"], email="f.h@exemple.fr")
    offer = make_offer(ref.communes.evreux)
    applications.create_application(user=charge_mission, candidate=candidate, offer=offer, message="Bonjour")
    data = candidates.export_data(user=charge_mission, candidate=candidate)
    assert data["candidat"]["email"] == "f.h@exemple.fr"
    assert data["candidat"]["metiers_exerces"] == ["Couturier / Couturière"]
    assert data["candidatures"][0]["historique"][0]["vers"] == "nouvelle"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(candidate.pk)).exists()
    candidates.anonymise(user=charge_mission, candidate=candidate)
    candidate.refresh_from_db()
    assert (candidate.first_name, candidate.last_name, candidate.email) == ("Anonyme", "", "")
    assert candidate.anonymised_at and not candidate.skills.exists()
    assert Application.objects.get(candidate=candidate).message == ""
    assert str(candidate).startswith("Candidat anonymisé")


def test_purge_inactive_candidates(ref, settings):
    settings.JOBS_CANDIDATE_RETENTION_MONTHS = 12
    old = make_candidate(ref.communes.evreux, first_name="Ancien")
    recent = make_candidate(ref.communes.evreux, first_name="Récent")
    Candidate.objects.filter(pk=old.pk).update(last_activity_at=timezone.now() - timedelta(days=400))
    out = io.StringIO()
    call_command("purge_inactive_candidates", "--dry-run", stdout=out)
    assert "1 profil inactif depuis 12 mois serait anonymisé" in out.getvalue()
    assert Candidate.objects.get(pk=old.pk).anonymised_at is None
    call_command("purge_inactive_candidates", stdout=out)
    assert Candidate.objects.get(pk=old.pk).anonymised_at is not None
    assert Candidate.objects.get(pk=recent.pk).anonymised_at is None
    assert candidates.purge_inactive(months=12) == 0  # already anonymised: not counted again
