"""Métier pages (FAP 2021 or ROME) and the local tension matrix."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .. import secrecy
from ..exports import TENSION
from ..selectors import labels, metier
from ..selectors import tension as tension_selectors
from ..selectors.scope import perimeter_scope
from .common import can_view


@login_required
def metier_search(request):
    can_view(request)
    query = request.GET.get("q", "")[:100]
    return render(
        request, "observatory/metier_search.html", {"q": query, "results": metier.search(query), "section": "metiers"}
    )


@login_required
def metier_page(request, kind, code):
    can_view(request)
    scope = perimeter_scope()
    if kind == "fap":
        if code not in labels.fap2021():
            raise Http404("Métier inconnu")
        data = metier.fap_page(scope, code)
    elif kind == "rome":
        data = metier.rome_page(scope, code)
        if data is None:
            raise Http404("Fiche ROME inconnue")
    else:
        raise Http404
    return render(
        request, "observatory/metier.html", {"kind": kind, "data": data, "scope": scope, "section": "metiers"}
    )


@login_required
def tension(request):
    can_view(request)
    scope = perimeter_scope()
    matrix = tension_selectors.tension_matrix(scope)
    if request.GET.get("format") in ("csv", "xlsx"):
        return TENSION.response(request.GET["format"], matrix["rows"])
    return render(
        request,
        "observatory/tension.html",
        {"matrix": matrix, "scope": scope, "section": "tension", "threshold": secrecy.threshold()},
    )
