"""One paginator for every list page."""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_of(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The page asked by ``?page=`` (the last one when out of range, the first one when invalid)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
