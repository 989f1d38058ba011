"""Coordination of facilitators (coverage, overlaps, gaps, map) and the editable catalogues."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from maillage.clauses import policies as policy
from maillage.territories import selectors as territory_selectors

from .. import services
from ..exports import COVERAGE
from ..forms import CoverageForm, CriterionForm, PresetForm, RuleForm
from ..models import CountingRule, Coverage, EligibilityCriterion, SizingPreset
from ..selectors import coordination
from .common import facilitator_required


@facilitator_required
def coverage(request):
    rows = coordination.coverage_table()
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return COVERAGE.response(export, rows)
    context = {
        "rows": rows,
        "coverages": Coverage.objects.select_related("facilitator", "structure").prefetch_related("epcis", "buyers"),
        "followers": coordination.followers_table(),
        "has_outlines": territory_selectors.has_outlines(r["epci"].code for r in rows),
        "MAP_TILE_URL": settings.MAP_TILE_URL,
    }
    return render(request, "clauses/coverage.html", context)


@facilitator_required
def coverage_geojson(request):
    return JsonResponse(coordination.geojson(coordination.coverage_table()))


@facilitator_required
def coverage_form(request, pk=None):
    instance = get_object_or_404(Coverage, pk=pk) if pk else None
    structures = None if policy.is_platform_admin(request.user) else policy.structure_ids(request.user)
    if instance is not None and structures is not None and instance.structure_id not in structures:
        raise PermissionDenied("Cette couverture est celle d'une autre structure.")
    form = CoverageForm(request.POST or None, instance=instance, structures=structures)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "La couverture est enregistrée.")
        return redirect("clauses:coverage")
    return render(
        request,
        "clauses/catalogue_form.html",
        {"form": form, "title": "Couverture d'un facilitateur", "back": "clauses:coverage"},
    )


CATALOGUES = {
    "criteres": (EligibilityCriterion, CriterionForm, "Critères d'éligibilité (publics)"),
    "prereglages": (SizingPreset, PresetForm, "Préréglages de dimensionnement"),
    "regles": (CountingRule, RuleForm, "Règles de comptabilisation des heures"),
}


def _catalogue(key):
    if key not in CATALOGUES:
        raise PermissionDenied("Catalogue inconnu.")
    return CATALOGUES[key]


@facilitator_required
def catalogue_list(request, key):
    model, _, title = _catalogue(key)
    objects = model.objects.all()
    if model is SizingPreset:
        objects = objects.select_related("epci")
    elif model is CountingRule:
        objects = objects.select_related("epci", "buyer")
    return render(request, "clauses/catalogue_list.html", {"objects": objects, "title": title, "key": key})


@facilitator_required
def catalogue_form(request, key, pk=None):
    model, form_class, title = _catalogue(key)
    if not policy.can_manage_catalogues(request.user):
        raise PermissionDenied("Réservé aux facilitateurs.")
    instance = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if model is CountingRule:
            services.save_counting_rule(request.user, form)
            messages.success(request, "Règle enregistrée : les totaux sont recalculés, les relevés ne changent pas.")
        else:
            form.save()
            messages.success(request, "Enregistré.")
        return redirect("clauses:catalogue_list", key=key)
    context = {"form": form, "title": title, "back_key": key}
    return render(request, "clauses/catalogue_form.html", context)
