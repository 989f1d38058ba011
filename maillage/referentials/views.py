"""Pages and lookups of the referentials module (thin: reads go through ``selectors``)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from maillage.accounts.decorators import permission_required
from maillage.accounts.policies import Perm
from maillage.kernel.exports import Column, Table, yes_no
from maillage.kernel.pagination import page_of

from . import selectors

SEARCH_LIMIT = 20


def _limit(request, default: int = SEARCH_LIMIT) -> int:
    try:
        return max(1, min(int(request.GET.get("limit", default)), 50))
    except ValueError:
        return default


def _domaine(attribute: str):
    def read(fiche):
        domaine = fiche.domaine
        if not domaine:
            return ""
        return str(domaine.grand_domaine) if attribute == "grand_domaine" else str(domaine)

    return read


FICHES = Table(
    "fiches-rome",
    "Fiches ROME",
    [
        Column("Code ROME", "code"),
        Column("Intitulé", "label"),
        Column("Grand domaine", _domaine("grand_domaine")),
        Column("Domaine professionnel", _domaine("domaine")),
        Column("Code ROME v3 parent", "code_rome_parent"),
        Column("Appellations", "appellation_count"),
        Column("Emploi cadre", "emploi_cadre", yes_no),
        Column("Emploi réglementé", "emploi_reglemente", yes_no),
        Column("Transition écologique", "transition_eco"),
        Column("Transition numérique", "transition_num", yes_no),
        Column("Transition démographique", "transition_demo", yes_no),
    ],
)


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def fiche_list(request):
    query = request.GET.get("q", "").strip()[:100]
    grand_domaine = request.GET.get("grand_domaine", "").strip()[:1]
    domaine = request.GET.get("domaine", "").strip()[:3]
    fiches = selectors.fiche_queryset(query, grand_domaine, domaine)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return FICHES.response(export, fiches)
    page = page_of(request, fiches)
    context = {
        "page": page,
        "q": query,
        "grand_domaine": grand_domaine,
        "domaine": domaine,
        "tree": selectors.domain_tree(),
        "rome_load": selectors.rome_load(),
    }
    template = "referentials/_fiche_results.html" if request.htmx else "referentials/fiche_list.html"
    return render(request, template, context)


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def fiche_detail(request, code):
    details = selectors.fiche_with_details(code)
    if details is None:
        raise Http404("Fiche ROME introuvable.")
    return render(request, "referentials/fiche_detail.html", {"details": details, "fiche": details.fiche})


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def appellation_search(request):
    """The search page; an HTMX request gets only the results (links, or options for a picker)."""
    query = request.GET.get("q", "").strip()[:100]
    results = selectors.search_appellations(query, _limit(request)) if query else []
    context = {"q": query, "results": results, "picker": request.GET.get("picker", "")[:60]}
    if request.htmx:
        fragment = "_appellation_options.html" if context["picker"] else "_appellation_results.html"
        return render(request, f"referentials/{fragment}", context)
    return render(request, "referentials/appellation_search.html", context)


def _appellation_json(appellation) -> dict:
    return {
        "code": appellation.code,
        "label": appellation.label,
        "fiche_code": appellation.fiche_id,
        "fiche_label": appellation.fiche.label,
        "rarely_used": appellation.rarely_used,
    }


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def appellation_autocomplete(request):
    query = request.GET.get("q", "").strip()[:100]
    results = selectors.search_appellations(query, _limit(request)) if query else []
    return JsonResponse({"query": query, "results": [_appellation_json(a) for a in results]})


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def fiche_autocomplete(request):
    """ROME fiches by code (« H26 ») or words of their label or appellations, accents ignored (« cablage »):
    ``{code, label}``, shown « H2605 – Câblage électronique » by ``static/js/autocomplete.js``."""
    query = request.GET.get("q", "").strip()[:100]
    results = selectors.search_fiches(query, _limit(request)) if query else []
    return JsonResponse({"query": query, "results": [{"code": f.code, "label": f.label} for f in results]})


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def naf_autocomplete(request):
    query = request.GET.get("q", "").strip()[:100]
    level = request.GET.get("level") or None
    results = selectors.search_naf(query, _limit(request), level=level) if query else []
    return JsonResponse(
        {"query": query, "results": [{"code": n.code, "label": n.label, "level": n.level} for n in results]}
    )


@login_required
@permission_required(Perm.VIEW_REFERENTIALS)
@require_GET
def cpv_autocomplete(request):
    query = request.GET.get("q", "").strip()[:100]
    division = request.GET.get("division") or None
    results = selectors.search_cpv(query, _limit(request), division=division) if query else []
    payload = [
        {
            "code": c.code,
            "full_code": f"{c.code}-{c.check_digit}" if c.check_digit else c.code,
            "label": c.label,
            "division": c.division,
            "market_kind": c.market_kind,
        }
        for c in results
    ]
    return JsonResponse({"query": query, "results": payload})
