"""Funders, the year's funding (with the State's 60 % ceiling) and the justification export per funder."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.policies import require

from .. import policies
from ..exports import JUSTIFICATION
from ..forms import FunderForm
from ..models import Funder
from ..selectors import plan as selectors
from .common import module_context, render_form, year_of


def funding(request):
    require(policies.can_view_funding(request.user))
    year = year_of(request)
    funders = list(Funder.objects.all())
    context = {
        "year": year,
        "years": selectors.available_years(),
        "summary": selectors.funding_summary(year),
        "lines": selectors.funding_lines(year),
        "funders": funders,
        "justifiable": policies.justification_funder_ids(request.user, funders),
        **module_context(request.user),
    }
    return render(request, "steering/funding.html", context)


def funder_edit(request, pk=None):
    require(policies.can_steer(request.user))
    funder = get_object_or_404(Funder, pk=pk) if pk else None
    form = FunderForm(request.POST or None, instance=funder)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Le financeur a été enregistré.")
        return redirect("steering:funding")
    return render_form(request, form, title="Financeur", back_url=reverse("steering:funding"))


def justification(request, pk):
    """Time spent, costs and outputs of the actions a funder paid for, in XLSX or CSV: the MDE's steering
    staff and the funder's own members only (``policies.can_export_justification``)."""
    funder = get_object_or_404(Funder, pk=pk)
    require(policies.can_export_justification(request.user, funder))
    year = year_of(request)
    rows = selectors.justification_rows(funder.pk, year)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return JUSTIFICATION.response(fmt, rows, filename=f"justification-{funder.pk}-{year}")
