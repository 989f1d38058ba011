"""Paths between clauses and job search: candidates for a lot, lots near a candidate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render

from maillage.clauses import policies as policy
from maillage.jobs.selectors.candidates import candidate_trades, visible_candidate

from ..selectors.nearby import lot_trades, lots_hiring_near, proposals_for_lot
from ..services.proposals import propose_candidates
from .common import facilitator_required, get_lot, require


@facilitator_required
def lot_candidates(request, pk):
    lot = get_lot(request.user, pk)
    require(policy.can_follow_up(request.user, lot), "Ce lot n'est pas suivi par vous.")
    if request.method == "POST":
        try:
            sent = propose_candidates(request.user, lot, [v for v in request.POST.getlist("candidate") if v.isdigit()])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Proposition envoyée ({sent} message{'s' if sent > 1 else ''}).")
        return redirect("clauses:lot_candidates", pk=lot.pk)
    context = {"lot": lot, "operation": lot.market.operation, "proposals": proposals_for_lot(request.user, lot)}
    context["has_trades"] = bool(lot_trades(lot))
    return render(request, "clauses/lot_candidates.html", context)


@facilitator_required
def company_autocomplete(request):
    """Companies by name or SIRET for the lot's company field (organisations and establishments)."""
    from ..companies_lookup import suggestions

    return JsonResponse({"results": suggestions(request.GET.get("q", ""))})


@login_required
def candidate_lots(request, candidate_pk):
    candidate = visible_candidate(request.user, candidate_pk)
    if candidate is None:
        raise Http404
    rows = lots_hiring_near(
        commune=candidate.commune, radius_km=candidate.mobility_radius_km, fiche_codes=candidate_trades(candidate)
    )
    openable = set(
        policy.visible_lots(request.user).filter(pk__in=[r.lot.pk for r in rows]).values_list("pk", flat=True)
    )
    return render(request, "clauses/candidate_lots.html", {"candidate": candidate, "rows": rows, "openable": openable})
