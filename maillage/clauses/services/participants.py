"""Participants: find-or-create on identity, eligibility, contracts, outcomes. Every write is audit-logged."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from maillage.accounts import audit
from maillage.accounts.models import AuditAction, Organisation
from maillage.common_text import fold, long_date
from maillage.people.models import Person
from maillage.people.parts import anonymise_identity

from ..models import (
    Contract,
    Eligibility,
    EligibilityCriterion,
    Lot,
    LotStatus,
    Modality,
    Outcome,
    OutcomeSituation,
    Participant,
    ShareRequest,
    ShareStatus,
    identity_key,
)
from .closing import ensure_open
from .sizing import add_months

OUTCOME_WINDOW_MONTHS = (5, 9)


def possible_duplicates(last_name: str, first_name: str, birth_date: date | None) -> QuerySet[Participant]:
    """People who may be the same person: same identity, or same birth date with the same last or first name
    (typing errors, compound names), or same names with the day and month of birth swapped."""
    if not birth_date:
        return Participant.objects.none()
    folded_last, folded_first = fold(last_name), fold(first_name)
    same_birth = Q(person__birth_date=birth_date) & (
        Q(person__identity_key__startswith=f"{folded_last}|")
        | Q(person__identity_key__contains=f"|{folded_first}|")
        | Q(person__identity_key__startswith=folded_last[:4])
    )
    candidates = same_birth
    if birth_date.day <= 12:
        try:
            swapped = birth_date.replace(month=birth_date.day, day=birth_date.month)
            candidates |= Q(person__identity_key=identity_key(last_name, first_name, swapped))
        except ValueError:
            pass
    return (
        Participant.objects.filter(candidates, anonymised_at__isnull=True)
        .select_related("person")
        .order_by("person__last_name")
    )


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
    """Return the participant with this identity, creating them only if nobody has it (no double entry).

    A person already known to another module (same folded names and birth date) gets a clause part
    attached to the same ``Person``: the identity is never typed twice."""
    key = identity_key(last_name, first_name, birth_date)
    participant = Participant.objects.select_for_update(of=("self",)).filter(person__identity_key=key).first()
    if participant is not None:
        audit.record_instance(actor, AuditAction.VIEW, participant, "identité retrouvée")
        return participant, False
    person = Person.objects.filter(identity_key=key, clause_participant__isnull=True).order_by("pk").first()
    if person is None:
        person = Person(last_name=last_name.strip(), first_name=first_name.strip(), birth_date=birth_date)
    if commune is not None and person.commune_id is None:
        person.commune = commune
    person.save()
    participant = Participant(
        person=person,
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


def _actor_structure(actor):
    from .. import policies as policy

    ids = sorted(policy.structure_ids(actor))
    return Organisation.objects.filter(pk=ids[0]).first() if ids else None


def holder_structure(participant: Participant):
    """The structure that follows the person: their referring structure, else the facilitating structure of
    the operations they worked on."""
    if participant.structure_id:
        return participant.structure
    operation_structure = (
        Organisation.objects.filter(facilitated_operations__markets__lots__contracts__participant=participant)
        .order_by("pk")
        .first()
    )
    return operation_structure


@transaction.atomic
def record_share_consent(actor, participant: Participant, *, consent_on: date) -> ShareRequest:
    """The person, met by the facilitator, agrees that their file is shared with the facilitator's structure."""
    if consent_on > date.today():
        raise ValidationError({"consent_on": "Le consentement ne peut pas être daté dans le futur."})
    share = ShareRequest.objects.create(
        participant=participant,
        requested_by=actor,
        requester_structure=_actor_structure(actor),
        holder_structure=holder_structure(participant),
        status=ShareStatus.CONSENT,
        consent_on=consent_on,
    )
    audit.record_instance(actor, AuditAction.UPDATE, participant, f"consentement au partage #{share.pk}")
    return share


@transaction.atomic
def request_share(actor, participant: Participant) -> ShareRequest:
    """Ask the structure that follows the person to share their file (its facilitators accept or refuse)."""
    holder = holder_structure(participant)
    if holder is None:
        raise ValidationError("Aucune structure ne suit cette personne : recueillez son consentement.")
    share, _ = ShareRequest.objects.get_or_create(
        participant=participant,
        requested_by=actor,
        status=ShareStatus.PENDING,
        defaults={"requester_structure": _actor_structure(actor), "holder_structure": holder},
    )
    audit.record_instance(actor, AuditAction.UPDATE, participant, f"demande de partage #{share.pk}")
    return share


@transaction.atomic
def decide_share(actor, share: ShareRequest, *, accept: bool) -> ShareRequest:
    from django.utils import timezone

    if share.status != ShareStatus.PENDING:
        raise ValidationError("Cette demande a déjà été traitée.")
    share.status = ShareStatus.ACCEPTED if accept else ShareStatus.REFUSED
    share.decided_by = actor
    share.decided_at = timezone.now()
    share.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record_instance(actor, AuditAction.UPDATE, share.participant, f"partage #{share.pk} : {share.status}")
    return share


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
    if participant.contracts.exists() and not participant.contracts.exclude(lot__status=LotStatus.CLOSED).exists():
        raise ValidationError(
            "Les contrats de cette personne sont sur des lots clôturés : rouvrez le bilan avant de changer "
            "son éligibilité."
        )
    if criterion.needs_prescriber_opinion and prescriber is None:
        raise ValidationError({"prescriber": "Ce critère exige l'avis motivé d'un prescripteur."})
    problem = criterion.age_problem(participant.birth_date, validated_on)
    if problem:
        raise ValidationError({"criterion": problem})
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


def _check_globalisation(actor, lot: Lot, credited_lot: Lot, employer: Organisation) -> None:
    """Globalisation follows a pooling agreement: the credited lot is followed by the user (their territory)
    and shares a current contractor company with the worked lot; its rule allows pooling."""
    from .. import policies as policy

    ensure_open(credited_lot)
    if actor is not None and not policy.can_follow_up(actor, credited_lot):
        raise ValidationError({"credited_lot": "Le lot d'imputation n'est pas dans votre périmètre."})
    worked = set(lot.lot_companies.filter(end_on__isnull=True).values_list("company_id", flat=True))
    credited = set(credited_lot.lot_companies.filter(end_on__isnull=True).values_list("company_id", flat=True))
    if not worked & credited:
        raise ValidationError(
            {"credited_lot": "La globalisation suppose une même entreprise attributaire sur les deux lots."}
        )
    if lot.counting_rule is None or not lot.counting_rule.allow_globalisation:
        raise ValidationError({"credited_lot": "La règle du lot travaillé n'autorise pas la globalisation."})


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
    credited_lot: Lot | None = None,
    for_company: Organisation | None = None,
) -> Contract:
    """A participant's contract on a lot. Eligibility is checked on every contract; no contract on a closed lot."""
    if modality not in Modality.values:
        raise ValidationError({"modality": "Modalité inconnue."})
    if end_on and end_on < start_on:
        raise ValidationError({"end_on": "La fin du contrat précède son début."})
    if credited_lot is not None and credited_lot.pk == lot.pk:
        raise ValidationError({"credited_lot": "Le lot d'imputation doit être un autre lot."})
    ensure_open(lot)
    if credited_lot is not None:
        _check_globalisation(actor, lot, credited_lot, employer)
    # Eligibility is checked on every new contract, not only the person's first (it expires), and against
    # the person's age at the start date (« moins de 26 ans » at validation may no longer hold).
    running = list(
        participant.eligibilities.filter(validated_on__lte=start_on, valid_until__gte=start_on).select_related(
            "criterion"
        )
    )
    if not running:
        raise ValidationError(
            "Aucune éligibilité validée n'est en cours à la date de début : validez d'abord un critère."
        )
    problems = [e.criterion.age_problem(participant.birth_date, start_on) for e in running]
    if all(problems):
        raise ValidationError({"start_on": f"{problems[0]} Aucun autre critère en cours ne rend la personne éligible."})
    contract = Contract(
        participant=participant,
        lot=lot,
        employer=employer,
        modality=modality,
        start_on=start_on,
        end_on=end_on,
        job_title=job_title,
        credited_lot=credited_lot,
        for_company=for_company,
    )
    contract.save()
    audit.record_instance(actor, AuditAction.UPDATE, participant, f"contrat sur le lot {lot.pk}")
    return contract


@transaction.atomic
def outcome_window(path_end_on: date) -> tuple[date, date]:
    """When a « six months after » outcome may be observed: from 5 to 9 months after the end of the path."""
    return add_months(path_end_on, OUTCOME_WINDOW_MONTHS[0]), add_months(path_end_on, OUTCOME_WINDOW_MONTHS[1])


def record_outcome(actor, participant: Participant, *, lot=None, path_end_on: date, observed_on: date, situation):
    if situation not in OutcomeSituation.values:
        raise ValidationError({"situation": "Situation inconnue."})
    start, end = outcome_window(path_end_on)
    if not start <= observed_on <= end:
        raise ValidationError(
            {
                "observed_on": f"Une sortie à 6 mois se constate entre le {long_date(start)} et le {long_date(end)} "
                "(5 à 9 mois après la fin du parcours)."
            }
        )
    return _create_outcome(
        actor, participant, lot=lot, path_end_on=path_end_on, observed_on=observed_on, situation=situation
    )


@transaction.atomic
def _create_outcome(actor, participant, *, lot, path_end_on, observed_on, situation):
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


def inactive_participants(before: date):
    """People with no contract running and no hours after ``before`` (retention period over).

    A person who never had a contract counts from their last update (a file opened and abandoned is
    purged too); a contract without an end date is running.
    """
    from django.db.models import Exists, Max, OuterRef

    running_or_recent = Contract.objects.filter(participant=OuterRef("pk")).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=before)
    )
    return (
        Participant.objects.filter(anonymised_at__isnull=True)
        .annotate(last_month=Max("statements__month"), last_seen=Max("updated_at"))
        .exclude(Exists(running_or_recent))
        .filter(Q(last_month__isnull=True) | Q(last_month__lt=before))
        .filter(last_seen__date__lt=before)
    )


@transaction.atomic
def anonymise_participant(actor, participant: Participant) -> Participant:
    """Remove what identifies the person; keep what the yearly statistics need (sex, birth year, level)."""
    from django.utils import timezone

    for eligibility in participant.eligibilities.exclude(proof_file=""):
        eligibility.proof_file.delete(save=False)
    participant.eligibilities.update(proof_file="", proof_kind="")
    for statement in participant.statements.exclude(proof=""):
        statement.proof.delete(save=False)
    participant.statements.update(proof="")
    # A grid's common proof holds this person's pay slip among the others: it goes too.
    from ..models import DeclarationBatch

    for batch in DeclarationBatch.objects.filter(statements__participant=participant).exclude(proof="").distinct():
        batch.proof.delete(save=False)
        DeclarationBatch.objects.filter(pk=batch.pk).update(proof="")
    anonymise_identity(
        participant,
        last_name="Anonyme",
        first_name=f"n° {participant.pk}",
        birth_date=participant.birth_date.replace(month=7, day=1) if participant.birth_date else None,
    )
    participant.commune = None
    participant.prescriber = None
    participant.anonymised_at = timezone.now()
    participant.save()
    audit.record_instance(actor, AuditAction.ANONYMISE, participant)
    return participant


def personal_data(participant: Participant) -> dict:
    """Everything Maillage holds on a person, for a right-of-access request (RGPD art. 15)."""
    return {
        "identite": {
            "nom": participant.last_name,
            "prenom": participant.first_name,
            "date_naissance": participant.birth_date.isoformat(),
            "sexe": participant.get_sex_display(),
            "commune": participant.commune.name if participant.commune else None,
            "qualification": participant.get_qualification_display(),
            "prescripteur": participant.prescriber.name if participant.prescriber else None,
            "structure_referente": participant.structure.name if participant.structure else None,
        },
        "eligibilites": [
            {
                "critere": e.criterion.label,
                "justificatif": e.proof_kind,
                "date_justificatif": e.proof_on.isoformat() if e.proof_on else None,
                "valide_le": e.validated_on.isoformat() if e.validated_on else None,
                "valable_jusqu_au": e.valid_until.isoformat() if e.valid_until else None,
            }
            for e in participant.eligibilities.select_related("criterion")
        ],
        "contrats": [
            {
                "operation": c.lot.market.operation.name,
                "lot": str(c.lot),
                "employeur": c.employer.name,
                "modalite": c.get_modality_display(),
                "debut": c.start_on.isoformat(),
                "fin": c.end_on.isoformat() if c.end_on else None,
            }
            for c in participant.contracts.select_related("lot__market__operation", "employer")
        ],
        "heures": [
            {"mois": s.month.strftime("%Y-%m"), "heures": str(s.hours), "etat": s.get_status_display()}
            for s in participant.statements.order_by("month")
        ],
        "sorties": [
            {"constatee_le": o.observed_on.isoformat(), "situation": o.get_situation_display()}
            for o in participant.outcomes.all()
        ],
    }
