"""Abuse limits on the public forms: counters in the Django cache (locmem, Redis in production).

Two kinds of counters, both fixed windows (``count/period``, ``settings.MAILLAGE_RATE_LIMITS``):

- **per client address**, for the public POSTs that take a place, book a slot or send an e-mail
  (``consume``, ``limit_requests``): the N+1-th action of an address within the window is refused
  with a 429 and the time to wait;
- **per target e-mail address**, for every e-mail Maillage sends on a public request
  (``mail_allowed``): past the cap the mail is silently not sent, and the page answers the same,
  so that the cap neither reveals whether an account exists nor lets a script bomb a mailbox.

The client address follows the rule of the whole site (``AXES_IPWARE_META_PRECEDENCE_ORDER``):
``X-Forwarded-For`` is read only when ``MAILLAGE_BEHIND_PROXY`` is set, and then its last entry —
the address the site's own proxy saw — so a header forged by the client never opens a new counter.
Keys hold keyed hashes, never an address or an e-mail in clear (personal data), and the log line of
a refusal names only the limit.
"""

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from . import mde

logger = logging.getLogger("maillage.ratelimit")

MAILS_PER_ADDRESS = "mail_per_address"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


@dataclass(frozen=True)
class Refusal:
    scope: str
    retry_after: int  # seconds until the window ends

    @property
    def wait_words(self) -> str:
        """« dans 12 minutes », « dans environ 3 heures » — for the French pages."""
        minutes = max(1, -(-self.retry_after // 60))
        if minutes == 1:
            return "dans une minute"
        if minutes < 60:
            return f"dans {minutes} minutes"
        if minutes < 90:
            return "dans environ une heure"
        return f"dans environ {round(minutes / 60)} heures"

    def form_message(self, kept: str = "Vos informations sont conservées ci-dessous") -> str:
        """The error shown above a form re-shown with its input."""
        team = mde.cached_display()
        contact = f"{team.name}, {team.contact_email}" if team.contact_email else team.name
        return (
            f"Trop de demandes sont arrivées depuis votre connexion : celle-ci n'a pas été traitée. {kept} ; "
            f"renvoyez le formulaire {self.wait_words}. Pour toute question, contactez l'équipe : {contact}."
        )


def parse(rate: str) -> Limit:
    """``"30/h"``, ``"5/d"``, ``"10/15m"``: a count per period (seconds, minutes, hours or days)."""
    try:
        count, period = rate.replace(" ", "").split("/")
        multiple, unit = (period[:-1] or "1"), period[-1].lower()
        limit = Limit(int(count), int(multiple) * _UNITS[unit])
    except (ValueError, KeyError, IndexError) as exc:
        raise ImproperlyConfigured(f"Limite invalide « {rate} » : attendu « nombre/période », ex. 30/h.") from exc
    if limit.count < 1 or limit.seconds < 1:
        raise ImproperlyConfigured(f"Limite invalide « {rate} » : nombre et période doivent être positifs.")
    return limit


def limit_of(scope: str) -> Limit:
    return parse(settings.MAILLAGE_RATE_LIMITS[scope])


def client_address(request) -> str:
    """The client's address by the site's rule: the forwarded header only behind our own proxy."""
    for key in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        value = request.META.get(key, "")
        if key == "HTTP_X_FORWARDED_FOR":
            value = value.split(",")[-1]
        if value.strip():
            return value.strip()
    return ""


def _key(scope: str, identity: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{identity}".encode(), hashlib.sha256).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}:{window}"


def _hit(scope: str, identity: str) -> Refusal | None:
    """Count one action of ``identity`` in ``scope``; a ``Refusal`` once the window's count is spent."""
    limit = limit_of(scope)
    now = time.time()
    window = int(now // limit.seconds)
    key = _key(scope, identity, window)
    cache.add(key, 0, timeout=limit.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this action opens the new window
        cache.set(key, 1, timeout=limit.seconds)
        count = 1
    if count <= limit.count:
        return None
    if count == limit.count + 1:  # one line per window, however hard a script insists
        logger.warning("Limite atteinte : %s.", scope)
    return Refusal(scope, int((window + 1) * limit.seconds - now) + 1)


def consume(request, scope: str, *, exempt: bool = False) -> Refusal | None:
    """Count one public action of the request's client address; ``None`` when it may go on."""
    if exempt:
        return None
    return _hit(scope, client_address(request))


def mail_allowed(email: str) -> bool:
    """Whether one more e-mail may go to ``email`` today on a public request (the cap is shared by
    every kind of mail: the victim of a mail bomb is the mailbox, whatever the form used)."""
    return _hit(MAILS_PER_ADDRESS, email.strip().lower()) is None


def too_many_requests(request, refusal: Refusal, template: str = "429.html", context: dict | None = None):
    """The French answer to a refused request (429, with ``Retry-After``)."""
    response = render(request, template, {**(context or {}), "refusal": refusal}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def limit_requests(scope: str, *, methods=("POST",), exempt=None):
    """Limit the requests of a view by client address (its POSTs unless told); ``exempt(user)`` spares
    the staff on their tools."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                refusal = consume(request, scope, exempt=exempt is not None and exempt(request.user))
                if refusal is not None:
                    return too_many_requests(request, refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
