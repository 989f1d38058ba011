from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in with the e-mail address, case-insensitively."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username:
            username = username.strip().lower()
        return super().authenticate(request, username=username, password=password, **kwargs)


def axes_username(request, credentials) -> str | None:
    """The account django-axes counts failures on: the normalised e-mail (stripped, lower case).

    Without it, ``Alice@…`` and ``alice@…`` were two counters for one account (lockout bypass).
    """
    username = None
    if credentials:
        username = credentials.get("username")
    if username is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        username = data.get("username")
    if not username:
        return username
    return str(username).strip().lower()
