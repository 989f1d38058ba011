"""One paginator for every list page."""

from django.core.paginator import Page, Paginator

PER_PAGE = 25  # a screen or two of rows; lists are searched, filtered and sorted rather than scrolled
BULK_PER_PAGE = 50  # pages whose rows are acted on together (the declarations to validate)


def page_of(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The page asked by ``?page=`` (the last one when out of range, the first one when invalid)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
