"""Prospecting help: the local establishments most likely to hire for a job."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from maillage.accounts.policies import require
from maillage.companies import policies as policy

from .. import prospecting, selectors
from ..exports import PROSPECTS
from .common import module_context


@login_required
def prospecting_view(request):
    require(policy.can_prospect(request.user))
    query = request.GET.get("q", "").strip()
    code = request.GET.get("metier", "").strip()
    epci = request.GET.get("epci", "")
    perimeter = selectors.perimeter_epcis()
    job = prospecting.resolve_job(code) if code else None
    if job and query and query != job.label:
        job = None  # the user typed another job over the one chosen before
    candidates = []
    if not job and query:
        job = prospecting.resolve_job(query)
        if not job:
            candidates = selectors.search_appellations(query, limit=20)
    epci_codes = [epci] if epci else [e.code for e in perimeter]
    results = prospecting.prospects(request.user, job, epci_codes=epci_codes) if job else []
    export = request.GET.get("export")
    if job and export in {"csv", "xlsx"}:
        return PROSPECTS.response(export, enumerate(results, start=1), filename=f"prospection-{job.fiche_code}")
    context = {
        "q": query,
        "job": job,
        "candidates": candidates,
        "results": results,
        "sectors": list(prospecting.sectors_for(job)[:10]) if job else [],
        "total_hirings": prospecting.total_hirings(job) if job else 0,
        "epci": epci,
        "wanted_jobs": selectors.wanted_jobs(request.user) if not job and not candidates else [],
        "epcis": perimeter or selectors.epci_choices(request.user),
        **module_context(request.user),
    }
    return render(request, "companies/prospecting.html", context)
