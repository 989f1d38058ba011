"""Signed links sent to registrants (manage/cancel, reschedule, unsubscribe, satisfaction).

Nothing is stored: the link carries the id, signed with the secret key and a salt per use.
"""

from django.core import signing

REGISTRATION_SALT = "maillage.events.registration"
UNSUBSCRIBE_SALT = "maillage.events.unsubscribe"


def registration_token(registration) -> str:
    return signing.dumps(registration.pk, salt=REGISTRATION_SALT, compress=True)


def registration_id(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=REGISTRATION_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def unsubscribe_token(registrant) -> str:
    return signing.dumps(registrant.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_id(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
