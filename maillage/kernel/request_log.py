"""One line per refused request (403) in ``django.request``, without the traceback.

Django logs every ``PermissionDenied`` with its full traceback: noise in the journal, and CPU under
load (a crawler or a stale bookmark repeats it). A refusal is an expected outcome, not a fault, so
the ``ForbiddenLineFilter`` rewrites those records into one warning line: method, path without the
query string (it may carry personal data), status and the user's id — never a name or an e-mail.
Other records (404 lines, 500 errors with their traceback) pass untouched.
"""

import logging


def _escaped(text: str) -> str:
    """Same escaping as Django's ``log_response``: a crafted path cannot forge a log line."""
    return text.encode("unicode_escape").decode("ascii")


def _user_id(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonyme"
    return str(user.pk)


class ForbiddenLineFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) != 403 or request is None:
            return True
        record.msg = "Refusé %s %s %s utilisateur=%s"
        record.args = (request.method, _escaped(request.path), 403, _user_id(request))
        record.exc_info, record.exc_text = None, None
        return True
