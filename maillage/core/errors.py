"""Error pages that Django would otherwise answer in English."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check (expired session, cookies blocked, page kept open too long).

    Django's own page is in English and speaks of tokens; the person only needs to know what to do.
    The technical reason stays out of the page (and out of the logs: the 403 line says enough).
    """
    cookies_missing = not request.COOKIES
    return render(request, "403_csrf.html", {"cookies_missing": cookies_missing}, status=403)
