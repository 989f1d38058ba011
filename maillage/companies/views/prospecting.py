"""Prospecting help: the local establishments most likely to hire for a job."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from maillage.accounts.policies import require
from maillage.companies import policies as policy
from maillage.kernel.exports import tabular_response

from .. import prospecting, selectors
from .common import module_context

HEADERS = [
    "Rang",
    "Établissement",
    "SIRET",
    "Commune",
    "EPCI",
    "Code NAF",
    "Secteur",
    "Tranche d'effectif",
    "Part des embauches du métier dans le secteur (%)",
    "Embauches nationales du secteur pour ce métier (secteur voisin : pour moitié)",
    "Indice (100 = meilleur)",
    "Besoin déjà exprimé",
    "Dernier échange",
    "Pourquoi",
]


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
        rows = (
            (
                rank,
                p.establishment.name,
                p.establishment.siret,
                p.establishment.commune.name,
                p.establishment.commune.epci.name if p.establishment.commune.epci else "",
                p.establishment.naf,
                p.naf_label,
                p.establishment.get_size_band_display(),
                round(100 * p.share, 2),
                round(p.hirings),
                p.score,
                "oui" if p.has_open_need else "non",
                p.last_contact,
                p.reason,
            )
            for rank, p in enumerate(results, start=1)
        )
        return tabular_response(export, f"prospection-{job.fiche_code}", "Prospection", HEADERS, rows)
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
