"""Participants: find-or-create with duplicate check, file (audit-logged), eligibility, contracts, outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.clauses import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import Folded, SortColumn, Sorting
from maillage.people.selectors import NAME_SORT_FIELDS, name_sort_keys

from .. import services
from ..audit import audit_people
from ..exports import PARTICIPANTS
from ..files import protected_download
from ..forms import ContractForm, EligibilityForm, OutcomeForm, ParticipantForm, ShareConsentForm
from ..models import Eligibility, Participant, ShareRequest, ShareStatus, StatementStatus, identity_key
from ..selectors.eligibility import with_warnings
from ..services.participants import personal_data
from .common import facilitator_required, perimeter_communes, require, saved
from .lot_table import PARTICIPANT_COLUMNS

KNOWN = "clauses_known_participants"
EXPORT_DENIED = "Export réservé aux personnes habilitées."


def _remember(request, participant) -> None:
    """The user typed this person's full identity: they may attach them to their own lots."""
    known = set(request.session.get(KNOWN, []))
    known.add(participant.pk)
    request.session[KNOWN] = sorted(known)[-50:]


def _followable_lots(user):
    return policy.visible_lots(user).filter(market__operation__followers=user)


@facilitator_required
def participant_list(request):
    query = request.GET.get("q", "").strip()
    people = policy.visible_participants(request.user).select_related("commune", "person")
    if query:
        people = people.filter(Q(person__last_name__icontains=query) | Q(person__first_name__icontains=query))
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        require(
            policy.has_perm(request.user, policy.Perm.EXPORT_PERSONAL_DATA), "Export réservé aux personnes habilitées."
        )
        audit.record(request.user, AuditAction.EXPORT, "clauses.participant", "", f"liste ({people.count()} personnes)")
        audit_people(request.user, people.values_list("pk", flat=True), "export de la liste", AuditAction.EXPORT)
        return PARTICIPANTS.response(export, people)
    sorting = Sorting(request, PARTICIPANT_COLUMNS, default="nom")
    page = page_of(request, sorting.order(people.annotate(**name_sort_keys("person"))))
    audit_people(request.user, [p.pk for p in page.object_list], "liste des participants")
    share_count = policy.share_requests_to_decide(request.user).count()
    context = {"page": page, "q": query, "share_count": share_count, "sorting": sorting}
    return render(request, "clauses/participant_list.html", context)


@facilitator_required
def participant_create(request):
    """Find-or-create: the same person is never entered twice, whichever structure refers them."""
    form = ParticipantForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Near-matches are shown only among the people the user may already see (no enumeration of others).
        candidates = services.possible_duplicates(data["last_name"], data["first_name"], data["birth_date"])
        duplicates = list(policy.visible_duplicates(request.user, candidates)[:10])
        key = identity_key(data["last_name"], data["first_name"], data["birth_date"])
        exact = any(p.identity_key == key for p in duplicates)
        if duplicates and not exact and not request.POST.get("confirm_new"):
            audit.record(request.user, AuditAction.VIEW, "clauses.participant", "", "contrôle des doublons")
        else:
            memberships = [m for m in policy.active_memberships(request.user) if m.role in {"facilitateur", "admin"}]
            participant, created = services.find_or_create_participant(
                request.user,
                last_name=data["last_name"],
                first_name=data["first_name"],
                birth_date=data["birth_date"],
                sex=data["sex"],
                commune=data["commune"],
                qualification=data["qualification"],
                prescriber=data["prescriber"],
                structure=memberships[0].organisation if memberships else None,
            )
            _remember(request, participant)
            if created:
                messages.success(request, "La personne est enregistrée. Validez maintenant son éligibilité.")
            else:
                messages.info(request, "Cette personne est déjà connue : sa fiche existante est réutilisée.")
            if policy.can_view_participant(request.user, participant):
                return redirect(participant)
            return redirect("clauses:participant_attach", pk=participant.pk)
    context = {"form": form, "duplicates": duplicates, "communes": perimeter_communes()}
    return render(request, "clauses/participant_form.html", context)


@facilitator_required
def participant_attach(request, pk):
    """A person known to another structure. Typing their identity shows only their name; attaching them to
    a lot needs their recorded consent or the following structure's acceptance (health data stays closed
    until then)."""
    participant = get_object_or_404(Participant, pk=pk, anonymised_at__isnull=True)
    require(
        pk in request.session.get(KNOWN, [])
        or policy.can_view_participant(request.user, participant)
        or participant.share_requests.filter(requested_by=request.user).exists(),
        "Saisissez d'abord l'identité complète de la personne.",
    )
    if policy.can_view_participant(request.user, participant):
        return redirect(participant)
    may_attach = policy.can_attach_participant(request.user, participant)
    action = request.POST.get("action", "")
    consent_form = ShareConsentForm(request.POST if action == "consent" else None)
    form = ContractForm(request.POST if action == "contract" else None, lots=_followable_lots(request.user))
    if request.method == "POST":
        if action == "consent" and consent_form.is_valid():
            try:
                services.record_share_consent(
                    request.user, participant, consent_on=consent_form.cleaned_data["consent_on"]
                )
            except ValidationError as error:
                consent_form.add_error(None, error)
            else:
                messages.success(request, "Consentement enregistré : rattachez maintenant la personne à un lot.")
                return redirect("clauses:participant_attach", pk=participant.pk)
        elif action == "request":
            try:
                share = services.request_share(request.user, participant)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"Demande de partage envoyée à {share.holder_structure}.")
                return redirect("clauses:participant_list")
        elif action == "contract":
            require(may_attach, "Recueillez d'abord le consentement de la personne ou l'accord de sa structure.")
            if form.is_valid():
                try:
                    services.create_contract(request.user, participant=participant, **form.cleaned_data)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, "Contrat enregistré : la personne est rattachée à votre opération.")
                    return redirect(participant)
    context = {
        "participant": participant,
        "form": form,
        "consent_form": consent_form,
        "may_attach": may_attach,
        "holder": services.holder_structure(participant),
        "pending": participant.share_requests.filter(requested_by=request.user, status=ShareStatus.PENDING).exists(),
    }
    return render(request, "clauses/participant_attach.html", context)


SHARE_COLUMNS = [
    SortColumn("personne", "Personne", NAME_SORT_FIELDS),  # folded, see people.selectors.name_sort_keys
    SortColumn("demandeur", "Demandé par", ("requester_key", "requested_by__last_name", "created_at")),
    SortColumn("date", "Le", ("created_at",)),  # the default order, the oldest request first
]


@facilitator_required
def share_requests(request):
    """Requests of other structures to share the file of people your structure follows."""
    sorting = Sorting(request, SHARE_COLUMNS, default="date")
    shares = (
        policy.share_requests_to_decide(request.user)
        .select_related("participant", "requested_by", "requester_structure")
        .annotate(**name_sort_keys("participant__person"), requester_key=Folded("requester_structure__name"))
    )
    page = page_of(request, sorting.order(shares))
    audit_people(request.user, [s.participant_id for s in page.object_list], "demandes de partage")
    return render(request, "clauses/share_requests.html", {"page": page, "sorting": sorting})


@facilitator_required
@require_POST
def share_decide(request, pk):
    share = get_object_or_404(ShareRequest, pk=pk)
    require(policy.can_decide_share(request.user, share), "Cette demande ne s'adresse pas à votre structure.")
    accept = request.POST.get("decision") == "accepter"
    services.decide_share(request.user, share, accept=accept)
    messages.success(request, "Partage accepté." if accept else "Partage refusé.")
    return redirect("clauses:share_requests")


@facilitator_required
def participant_detail(request, pk):
    participant = get_object_or_404(
        Participant.objects.select_related("person", "commune", "prescriber", "structure"), pk=pk
    )
    require(policy.can_view_participant(request.user, participant), "Cette personne n'est pas suivie par vous.")
    return _file_page(request, participant)


def _file_page(request, participant, *, eligibility_form=None):
    """The person's file (audit-logged); an eligibility posted with errors comes back in it, opened, with them
    and what was typed (the proof file has to be chosen again: browsers never refill a file input)."""
    audit.record_instance(request.user, AuditAction.VIEW, participant)
    eligibilities = participant.eligibilities.select_related("criterion", "validated_by", "prescriber")
    if not policy.can_view_health_data(request.user, participant):
        eligibilities = eligibilities.exclude(criterion__is_health_data=True)
    contracts = participant.contracts.select_related("lot__market__operation", "employer")
    statements = participant.statements.select_related("lot").order_by("-month")[:36]
    context = {
        "participant": participant,
        "eligibilities": with_warnings(eligibilities, participant.birth_date),
        "contracts": contracts,
        "statements": statements,
        "outcomes": participant.outcomes.select_related("lot"),
        "eligibility_form": eligibility_form or EligibilityForm(),
        "validated": StatementStatus.VALIDATED,
    }
    return render(request, "clauses/participant_detail.html", context)


@facilitator_required
def participant_edit(request, pk):
    participant = get_object_or_404(Participant, pk=pk)
    require(policy.can_view_participant(request.user, participant))
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        services.update_participant(request.user, form)
        messages.success(request, "La fiche est mise à jour.")
        return redirect(participant)
    audit.record_instance(request.user, AuditAction.VIEW, participant, "modification")
    context = {"form": form, "participant": participant, "communes": perimeter_communes()}
    return render(request, "clauses/participant_form.html", context)


def _visible_participant(request, pk) -> Participant:
    participant = get_object_or_404(Participant, pk=pk)
    require(policy.can_view_participant(request.user, participant))
    return participant


@facilitator_required
@require_POST
def eligibility_add(request, pk):
    participant = _visible_participant(request, pk)
    form = EligibilityForm(request.POST, request.FILES)
    if not saved(form, lambda data: services.validate_eligibility(request.user, participant, **data)):
        return _file_page(request, participant, eligibility_form=form)
    messages.success(request, "L'éligibilité est validée.")
    return redirect(participant)


def _add_form(request, participant, form, *, title: str, action: str, submit: str):
    """A form of the person's file, on its own page or (htmx) inline in the file once its section is opened.
    The file itself does not carry it: its lot ``<select>`` list every lot the facilitator follows (hundreds
    of options, 200 KB a page), for a form that is seldom opened. An invalid POST comes back here too, with
    its field errors and what was typed (status 200, as the module's other forms)."""
    context = {"participant": participant, "form": form, "title": title, "action": action, "submit": submit}
    if request.htmx:
        return render(request, "clauses/_participant_add_form.html", context)
    audit.record_instance(request.user, AuditAction.VIEW, participant, title.lower())
    return render(request, "clauses/participant_add.html", context)


def _posted(request):
    return request.POST if request.method == "POST" else None


@facilitator_required
@require_http_methods(["GET", "POST"])
def contract_add(request, pk):
    participant = _visible_participant(request, pk)
    form = ContractForm(_posted(request), lots=_followable_lots(request.user), prefix="contrat")
    if request.method == "POST" and saved(
        form, lambda data: services.create_contract(request.user, participant=participant, **data)
    ):
        messages.success(request, "Le contrat est enregistré.")
        return redirect(participant)
    action = reverse("clauses:contract_add", args=[participant.pk])
    return _add_form(
        request, participant, form, title="Ajouter un contrat", action=action, submit="Enregistrer le contrat"
    )


@facilitator_required
@require_http_methods(["GET", "POST"])
def outcome_add(request, pk):
    participant = _visible_participant(request, pk)
    form = OutcomeForm(_posted(request), lots=_followable_lots(request.user), prefix="sortie")
    if request.method == "POST" and saved(
        form, lambda data: services.record_outcome(request.user, participant, **data)
    ):
        messages.success(request, "La situation à 6 mois est enregistrée.")
        return redirect(participant)
    action = reverse("clauses:outcome_add", args=[participant.pk])
    return _add_form(
        request, participant, form, title="Renseigner la situation à 6 mois", action=action, submit="Enregistrer"
    )


@facilitator_required
def eligibility_proof(request, pk):
    """An eligibility proof, served after the same checks as the person's file (and audit-logged)."""
    eligibility = get_object_or_404(Eligibility.objects.select_related("criterion", "participant"), pk=pk)
    participant = eligibility.participant
    allowed = policy.can_view_participant(request.user, participant) and (
        not eligibility.criterion.is_health_data or policy.can_view_health_data(request.user, participant)
    )
    return protected_download(
        request, eligibility.proof_file, allowed=allowed, participant_id=participant.pk, detail="pièce d'éligibilité"
    )


@facilitator_required
def participant_export(request, pk):
    """The person's data, for a right-of-access request (JSON file; the export is audit-logged)."""
    participant = _visible_participant(request, pk)
    require(policy.has_perm(request.user, policy.Perm.EXPORT_PERSONAL_DATA), EXPORT_DENIED)
    audit.record_instance(request.user, AuditAction.EXPORT, participant, "droit d'accès")
    response = JsonResponse(personal_data(participant), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="donnees-participant-{participant.pk}.json"'
    return response
