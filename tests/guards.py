"""Test-time guards: a GET (or HEAD) request never writes to the database; a page names only ids it has.

Installed for the whole suite by ``tests/conftest.py`` (innermost middleware). The only tables a
read may write are listed: the audit log (reading a person's file is recorded), sessions and the
login-lockout traces of django-axes, and an expired API token (deleted when it is refused).
"""

import re
from html.parser import HTMLParser

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


# -- ARIA references (RGAA 11): every aria-describedby, aria-labelledby and « for » names an id of the page.

REFERENCES = ("aria-describedby", "aria-labelledby", "for")


class _References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.wanted = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in REFERENCES and value:
                self.wanted += [(tag, name, ref) for ref in value.split()]


def broken_references(html: str) -> list[tuple[str, str, str]]:
    parser = _References()
    parser.feed(html)
    return [item for item in parser.wanted if item[2] not in parser.ids]
