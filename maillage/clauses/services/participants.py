"""Participants: find-or-create on identity, eligibility, contracts, outcomes. Every write is audit-logged."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from maillage.accounts import audit
from maillage.accounts.models import AuditAction, Organisation
from maillage.common_text import fold

from ..models import (
    Contract,
    Eligibility,
    EligibilityCriterion,
    Lot,
    Modality,
    Outcome,
    Participant,
    identity_key,
)
from .sizing import add_months


def possible_duplicates(last_name: str, first_name: str, birth_date: date | None) -> QuerySet[Participant]:
    """People who may be the same person: same identity, or same birth date with the same last or first name
    (typing errors, compound names), or same names with the day and month of birth swapped."""
    if not birth_date:
        return Participant.objects.none()
    folded_last, folded_first = fold(last_name), fold(first_name)
    same_birth = Q(birth_date=birth_date) & (
        Q(identity_key__startswith=f"{folded_last}|")
        | Q(identity_key__contains=f"|{folded_first}|")
        | Q(identity_key__startswith=folded_last[:4])
    )
    candidates = same_birth
    if birth_date.day <= 12:
        try:
            swapped = birth_date.replace(month=birth_date.day, day=birth_date.month)
            candidates |= Q(identity_key=identity_key(last_name, first_name, swapped))
        except ValueError:
            pass
    return Participant.objects.filter(candidates, anonymised_at__isnull=True).order_by("last_name")


@transaction.atomic
def find_or_create_participant(
    actor,
    *,
    last_name: str,
    first_name: str,
    birth_date: date,
    sex: str,
    commune=None,
    qualification: str = "nc",
    prescriber: Organisation | None = None,
    structure: Organisation | None = None,
) -> tuple[Participant, bool]:
    """Return the person with this identity, creating them only if nobody has it (no double entry)."""
    key = identity_key(last_name, first_name, birth_date)
    participant = Participant.objects.select_for_update().filter(identity_key=key).first()
    if participant is not None:
        audit.record_instance(actor, AuditAction.VIEW, participant, "identité retrouvée")
        return participant, False
    participant = Participant(
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        birth_date=birth_date,
        sex=sex,
        commune=commune,
        qualification=qualification or "nc",
        prescriber=prescriber,
        structure=structure,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    participant.save()
    audit.record_instance(actor, AuditAction.CREATE, participant)
    return participant, True


@transaction.atomic
def update_participant(actor, form) -> Participant:
    participant = form.save()
    audit.record_instance(actor, AuditAction.UPDATE, participant)
    return participant


@transaction.atomic
def validate_eligibility(
    actor,
    participant: Participant,
    criterion: EligibilityCriterion,
    *,
    validated_on: date,
    proof_kind: str = "",
    proof_on: date | None = None,
    proof_file=None,
    prescriber: Organisation | None = None,
) -> Eligibility:
    """Record that the facilitator checked a criterion; validity runs for the criterion's configured months."""
    if criterion.needs_prescriber_opinion and prescriber is None:
        raise ValidationError({"prescriber": "Ce critère exige l'avis motivé d'un prescripteur."})
    eligibility, _ = Eligibility.objects.update_or_create(
        participant=participant,
        criterion=criterion,
        defaults={
            "proof_kind": proof_kind,
            "proof_on": proof_on,
            "prescriber": prescriber,
            "validated_by": actor if getattr(actor, "is_authenticated", False) else None,
            "validated_on": validated_on,
            "valid_until": add_months(validated_on, criterion.validity_months),
        },
    )
    if proof_file:
        eligibility.proof_file = proof_file
        eligibility.save(update_fields=["proof_file"])
    audit.record_instance(actor, AuditAction.UPDATE, participant, f"éligibilité {criterion.code}")
    return eligibility


def is_eligible_on(participant: Participant, day: date) -> bool:
    return participant.eligibilities.filter(validated_on__lte=day, valid_until__gte=day).exists()


@transaction.atomic
def create_contract(
    actor,
    *,
    participant: Participant,
    lot: Lot,
    employer: Organisation,
    modality: str,
    start_on: date,
    end_on: date | None = None,
    job_title: str = "",
) -> Contract:
    """A participant's contract on a lot. Eligibility is assessed at the first clause contract."""
    if modality not in Modality.values:
        raise ValidationError({"modality": "Modalité inconnue."})
    if end_on and end_on < start_on:
        raise ValidationError({"end_on": "La fin du contrat précède son début."})
    first_contract = not participant.contracts.exists()
    if first_contract and not is_eligible_on(participant, start_on):
        raise ValidationError(
            "Aucune éligibilité validée n'est en cours à la date de début : validez d'abord un critère."
        )
    contract = Contract(
        participant=participant,
        lot=lot,
        employer=employer,
        modality=modality,
        start_on=start_on,
        end_on=end_on,
        job_title=job_title,
    )
    contract.save()
    audit.record_instance(actor, AuditAction.UPDATE, participant, f"contrat sur le lot {lot.pk}")
    return contract


@transaction.atomic
def record_outcome(actor, participant: Participant, *, lot=None, path_end_on: date, observed_on: date, situation):
    if observed_on < path_end_on:
        raise ValidationError({"observed_on": "La situation se constate après la fin du parcours."})
    outcome = Outcome.objects.create(
        participant=participant,
        lot=lot,
        path_end_on=path_end_on,
        observed_on=observed_on,
        situation=situation,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record_instance(actor, AuditAction.UPDATE, participant, "sortie à 6 mois")
    return outcome
