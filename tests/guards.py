"""Test-time guard: a GET (or HEAD) request never writes to the database.

Installed for the whole suite by ``tests/conftest.py`` (innermost middleware). The only tables a
read may write are listed: the audit log (reading a person's file is recorded), sessions and the
login-lockout traces of django-axes, and an expired API token (deleted when it is refused).
"""

import re

from django.db import connections

WRITABLE_ON_READ = {
    "accounts_auditevent",
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "authtoken_token",
}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class WriteDuringGet(AssertionError):
    pass


def _blocker(execute, sql, params, many, context):
    match = WRITE.match(sql)
    if match and match.group(2).lower() not in WRITABLE_ON_READ:
        raise WriteDuringGet(f"écriture en base pendant un GET : {sql[:200]}")
    return execute(sql, params, many, context)


class ReadOnlyGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        wrappers = [connection.execute_wrapper(_blocker) for connection in connections.all()]
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            return self.get_response(request)
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
