"""Input guards every request goes through (issue #9: no 500 on hostile input, no NUL stored).

- ``InputGuardMiddleware`` refuses a request whose path, query string or form fields carry a NUL byte
  (PostgreSQL cannot store it, exports break on it) with a French 400, and turns the errors a
  database raises on out-of-range numbers (an id of 30 digits, an amount of 10^40) into a 400
  instead of a 500.
- ``bound_path_integers`` narrows the ``<int:…>`` path converter to 18 digits: a longer id cannot
  exist (the columns are 64-bit) and is a 404 before any query.
- ``api_exception_handler`` does the same for the REST API (DRF).
"""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import HttpResponse, JsonResponse
from django.urls import converters

log = logging.getLogger(__name__)

NUL_MESSAGE = "La requête contient un caractère nul (octet 0), refusé."
RANGE_MESSAGE = "Une valeur numérique est hors des limites acceptées."


def bound_path_integers() -> None:
    converters.IntConverter.regex = "[0-9]{1,18}"


def _has_nul(querydict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in querydict.lists())


def _bad_request(request, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _out_of_range(exception) -> bool:
    return isinstance(exception, OverflowError) or (
        isinstance(exception, DataError) and "out of range" in str(exception).lower()
    )


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET):
            return _bad_request(request, NUL_MESSAGE)
        form = request.META.get("CONTENT_TYPE", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        )
        if request.method == "POST" and form and _has_nul(request.POST):
            return _bad_request(request, NUL_MESSAGE)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if _out_of_range(exception):
            log.warning("Valeur hors limites refusée sur %s (%s)", request.path, type(exception).__name__)
            return _bad_request(request, RANGE_MESSAGE)
        return None


def api_exception_handler(exc, context):
    from rest_framework.response import Response
    from rest_framework.views import exception_handler

    if _out_of_range(exc):
        return Response({"detail": RANGE_MESSAGE}, status=400)
    if isinstance(exc, DjangoValidationError):  # a malformed filter value reached a lookup: bad input
        return Response({"detail": exc.messages}, status=400)
    return exception_handler(exc, context)
