"""The normalised search column of offers and candidates (``maillage.common_search``).

Offers are found by their title, job (appellation and ROME fiche), employer and skills; candidates by
the jobs they held or seek and their skills (their names are searched apart, on the person). The
column is refreshed by the services after every write, and in bulk by imports and demo seeders."""

from maillage.common_search import document

BATCH = 500


def offer_document(offer) -> str:
    appellation = offer.appellation
    return document(
        offer.title,
        appellation.label if appellation else "",
        appellation.fiche.label if appellation and appellation.fiche_id else "",
        offer.company_name,
        offer.establishment.name if offer.establishment_id else "",
        " ".join(skill.label for skill in offer.skills.all()),
    )


def candidate_document(candidate) -> str:
    return document(
        " ".join(a.label for a in candidate.sought_appellations.all()),
        " ".join(a.label for a in candidate.held_appellations.all()),
        " ".join(s.label for s in candidate.skills.all()),
    )


def refresh_offers(model=None, ids=None) -> int:
    from .models import Offer

    model = model or Offer
    queryset = model.objects.select_related("appellation__fiche", "establishment").prefetch_related("skills")
    return _refresh(queryset if ids is None else queryset.filter(pk__in=list(ids)), model, offer_document)


def refresh_candidates(model=None, ids=None) -> int:
    from .models import Candidate

    model = model or Candidate
    queryset = model.objects.prefetch_related("sought_appellations", "held_appellations", "skills")
    return _refresh(queryset if ids is None else queryset.filter(pk__in=list(ids)), model, candidate_document)


def _refresh(queryset, model, build) -> int:
    changed, count = [], 0
    for row in queryset.order_by("pk").iterator(chunk_size=BATCH):
        value = build(row)
        if row.search_document != value:
            row.search_document = value
            changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, ["search_document"])
            count += len(changed)
            changed = []
    if changed:
        model.objects.bulk_update(changed, ["search_document"])
        count += len(changed)
    return count
