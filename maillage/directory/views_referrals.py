"""Referral pages: refer a person to a service, follow and answer referrals, protected attachments.

Every read of a referral (personal data) is audit-logged; attachments are served only after the policy
check, never from a public media URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.kernel.pagination import page_of

from . import policies, services
from .forms import AnswerForm, ReferralForm
from .models import Referral, ReferralAttachment, ReferralStatus, Service


@login_required
def referral_create(request, service_pk: int):
    service = get_object_or_404(Service.objects.select_related("structure"), pk=service_pk, is_active=True)
    if not policies.can_refer(request.user):
        raise PermissionDenied
    initial = {k: request.GET.get(k, "")[:100] for k in ("first_name", "last_name") if request.GET.get(k)}
    form = ReferralForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_create(
                user=request.user,
                service=service,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                birth_date=data["birth_date"],
                consent=data["consent"],
                message=data["message"],
                files=data["attachments"] or [],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, f"Orientation envoyée à {service.structure.name} : la structure est prévenue par e-mail."
            )
            return redirect("directory:referral_detail", pk=referral.pk)
    return render(request, "directory/referral_form.html", {"form": form, "service": service})


@login_required
def referral_list(request):
    if not policies.can_list_referrals(request.user):
        raise PermissionDenied(
            "Les orientations sont réservées aux professionnels qui orientent des personnes et aux structures "
            "qui les reçoivent."
        )
    qs = policies.referrals_visible_to(request.user).select_related(
        "service__structure", "referred__person", "sender_organisation"
    )
    status = request.GET.get("statut", "")
    if status in ReferralStatus.values:
        qs = qs.filter(status=status)
    page = page_of(request, qs.order_by("-sent_at", "-pk"))  # paged, not cut at 300: nothing older is lost
    rows = list(page.object_list)
    audit.record(request.user, AuditAction.VIEW, "directory.referral", "liste", f"{len(rows)} orientations")
    return render(
        request,
        "directory/referral_list.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "statuses": ReferralStatus.choices,
            "can_refer": policies.can_refer(request.user),
        },
    )


def _visible_referral(request, pk: int) -> Referral:
    referral = get_object_or_404(
        Referral.objects.select_related("service__structure", "referred__person", "sender", "sender_organisation"),
        pk=pk,
    )
    if not policies.can_view_referral(request.user, referral):
        raise Http404
    return referral


def _detail_page(request, referral: Referral, *, answer_form=None):
    """The referral (audit-logged read); an answer posted with errors comes back here with them."""
    audit.record_instance(request.user, AuditAction.VIEW, referral)
    can_answer = policies.can_answer_referral(request.user, referral)
    return render(
        request,
        "directory/referral_detail.html",
        {
            "referral": referral,
            "person": referral.referred.person,
            "attachments": referral.attachments.all(),
            "can_answer": can_answer,
            "answer_form": (answer_form or AnswerForm()) if can_answer else None,
        },
    )


@login_required
def referral_detail(request, pk: int):
    return _detail_page(request, _visible_referral(request, pk))


@login_required
@require_POST
def referral_answer(request, pk: int):
    referral = _visible_referral(request, pk)
    if not policies.can_answer_referral(request.user, referral):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_answer(
                referral=referral,
                user=request.user,
                accepted=data["decision"] == "accept",
                reason=data.get("reason", ""),
                note=data.get("note", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Réponse enregistrée ; le professionnel qui a orienté la personne est prévenu.")
            return redirect("directory:referral_detail", pk=pk)
    return _detail_page(request, referral, answer_form=form)


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(ReferralAttachment.objects.select_related("referral__service__structure"), pk=pk)
    if not policies.can_download_attachment(request.user, attachment.referral):
        raise Http404
    audit.record_instance(request.user, AuditAction.EXPORT, attachment.referral, f"pièce jointe {attachment.pk}")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.name)
    response["Cache-Control"] = "private, no-store"
    return response
