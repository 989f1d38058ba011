"""Public pages of the transition explorer (for candidates: no login needed)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from maillage.accounts.policies import is_professional
from maillage.kernel import plugins, ratelimit
from maillage.referentials.models import Appellation, RomeFiche

from . import explorer, selectors

DEFAULT_K = 20
MAX_K = 50


def _int(value, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError):
        return default


@login_not_required
@require_GET
@ratelimit.limit_requests("public_search", methods=("GET",), exempt=is_professional)
def explorer_home(request):
    """Pick a job: a search over appellations (works without JavaScript, live with HTMX)."""
    appellation = request.GET.get("appellation", "").strip()
    if appellation:
        chosen = Appellation.objects.filter(code=appellation).only("code", "fiche_id").first()
        if chosen:
            return redirect(f"{_fiche_url(chosen.fiche_id)}?appellation={chosen.code}")
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query, "results": explorer.search_jobs(query), "ready": selectors.has_transitions()}
    if request.htmx and request.htmx.target == "resultats-metiers":
        return render(request, "reconversion/_job_results.html", context)
    return render(request, "reconversion/explorer.html", context)


def _fiche_url(code: str) -> str:
    return reverse("reconversion:fiche", args=[code])


@login_not_required
@require_GET
@ratelimit.limit_requests("public_search", methods=("GET",), exempt=is_professional)
def fiche_transitions(request, code: str):
    """Ranked target jobs from one job, with skills kept and to acquire; official links apart."""
    fiche = get_object_or_404(RomeFiche.objects.only("code", "label", "definition"), code=code.upper())
    appellation = None
    if request.GET.get("appellation"):
        appellation = Appellation.objects.filter(code=request.GET["appellation"], fiche=fiche).first()
    k = _int(request.GET.get("k"), DEFAULT_K, 5, MAX_K)
    other_domains = request.GET.get("autres_domaines") == "1"
    context = {
        "fiche": fiche,
        "appellation": appellation,
        "k": k,
        "more_k": min(MAX_K, k + 20) if k < MAX_K else None,
        "other_domains": other_domains,
        "targets": explorer.ranked_targets(fiche.code, k=k, other_domains_only=other_domains),
        "official": explorer.official_mobility(fiche.code),
        "any_official": selectors.has_official_mobility(),
        "bold": explorer.bold_moves(fiche.code) if not request.htmx else [],
        "ready": selectors.has_transitions(),
    }
    if request.htmx and request.htmx.target == "passerelles":
        return render(request, "reconversion/_targets.html", context)
    return render(request, "reconversion/fiche.html", context)


@login_not_required
@require_GET
@ratelimit.limit_requests("public_search", methods=("GET",), exempt=is_professional)
def transition_detail(request, code: str, target: str):
    """One transition explained: score breakdown, every skill kept and to acquire."""
    fiche = get_object_or_404(RomeFiche.objects.only("code", "label"), code=code.upper())
    detail = explorer.transition_detail(fiche.code, target.upper())
    if detail is None or detail.code == fiche.code:
        raise Http404("Métier inconnu")
    next_steps = plugins.links_for_metier(detail.code, request.user)
    return render(request, "reconversion/transition.html", {"fiche": fiche, "t": detail, "next_steps": next_steps})
