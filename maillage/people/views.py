"""The staff page of the merge tool: groups of probable duplicates, merged on confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts import audit
from maillage.accounts.models import AuditAction

from . import policies, selectors, services
from .models import PersonMerge


def _check(user):
    if not policies.can_merge_people(user):
        raise PermissionDenied


@login_required
def duplicates(request):
    _check(request.user)
    groups = selectors.duplicate_groups(limit=200)
    ids = sorted({pk for group in groups for pk in group.person_ids})
    people = {person.pk: person for person in selectors.persons(ids)}
    parts = selectors.parts_of(ids)
    rows = [
        {
            "group": group,
            "token": f"{group.reason}:{','.join(map(str, group.person_ids))}",
            "people": [(people[pk], parts.get(pk, [])) for pk in group.person_ids if pk in people],
        }
        for group in groups
    ]
    audit.record(request.user, AuditAction.VIEW, "people.person", "", f"liste des doublons ({len(ids)} fiches)")
    recent = PersonMerge.objects.select_related("merged_by")[:20]
    return render(request, "people/duplicates.html", {"rows": rows, "recent": recent})


@login_required
@require_POST
def merge(request):
    _check(request.user)
    reason, _, ids = request.POST.get("group", "").partition(":")
    try:
        person_ids = tuple(int(pk) for pk in ids.split(",") if pk)
    except ValueError:
        person_ids = ()
    # Only a group the selector still finds may be merged: a forged list of ids is refused.
    current = {(g.reason, g.person_ids): g for g in selectors.duplicate_groups(limit=500)}
    group = current.get((reason, person_ids))
    if group is None or len(person_ids) < 2:
        messages.error(request, "Ce groupe de doublons n'existe plus : la liste a été actualisée.")
        return redirect("people:duplicates")
    try:
        report = services.merge_group(request.user, group)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people:duplicates")
    if report.merged:
        n = len(report.merged)
        messages.success(request, f"{n} fiche{'s' if n > 1 else ''} fusionnée{'s' if n > 1 else ''}.")
    for _kept, _other, why in report.refused:
        messages.warning(request, f"Fusion refusée : {why}.")
    return redirect("people:duplicates")
