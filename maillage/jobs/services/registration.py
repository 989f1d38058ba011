"""Self-registration with a confirmed e-mail address (issue #9: no account enumeration).

The form answers the same way whether the address is new or already has an account: the new
address receives a confirmation link, the known one a reminder to log in. Until the link is
opened the account is inactive and the profile is shared with nobody (no consent date yet).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from maillage.kernel import mde, ratelimit
from maillage.people.models import Person

from ..models import Candidate, ConsentPurpose
from .candidates import save_candidate

# An unconfirmed registration is removed after this delay (the link itself expires sooner:
# PASSWORD_RESET_TIMEOUT).
UNCONFIRMED_DAYS = 7


def _absolute(request, path: str) -> str:
    base = request.build_absolute_uri("/")[:-1] if request is not None else settings.SITE_URL.rstrip("/")
    return base + path


def _send(template: str, email: str, context: dict) -> None:
    """Past the daily cap of mails to this address nothing goes (the page answers the same)."""
    if not ratelimit.mail_allowed(email):
        return
    context = {**context, "mde_name": mde.name()}
    subject = render_to_string(f"jobs/emails/{template}_subject.txt", context).strip()
    send_mail(subject, render_to_string(f"jobs/emails/{template}.txt", context), None, [email])


@transaction.atomic
def register(*, email: str, password: str, data: dict, sought=None, request=None) -> Candidate | None:
    """Create an inactive account and its profile, or tell a known address how to log in.

    Returns the new candidate, or ``None`` when the address already had an account (the caller
    answers the same in both cases)."""
    email = email.strip().lower()
    users = get_user_model().objects
    existing = users.filter(email__iexact=email).first()
    if existing is not None:
        login_url = _absolute(request, reverse("accounts:login"))
        reset_url = _absolute(request, reverse("accounts:password_reset"))
        transaction.on_commit(
            lambda: _send("registration_known", email, {"login_url": login_url, "reset_url": reset_url})
        )
        return None
    user = users.create_user(
        email=email, password=password, first_name=data.get("first_name", ""), last_name=data.get("last_name", "")
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    data = {**data, "email": email, "consent_purpose": ConsentPurpose.SHARING}
    candidate = save_candidate(user=user, data=data, sought=sought)
    candidate.user = user
    candidate.save(update_fields=["user", "updated_at"])
    link = _absolute(request, confirmation_path(user))
    transaction.on_commit(lambda: _send("registration_confirm", email, {"user": user, "link": link}))
    return candidate


def confirmation_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("jobs:register_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def user_for_link(uidb64: str, token: str):
    """The unconfirmed account a confirmation link belongs to, or ``None`` (invalid, used or expired)."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=False, last_login__isnull=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def confirm(user) -> Candidate:
    """Activate the account and record the consent given in the form, now that the address is proven."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    candidate = Candidate.objects.get(user=user)
    if candidate.consent_at is None:
        candidate.consent_at = timezone.now()
        candidate.save(update_fields=["consent_at", "updated_at"])
    return candidate


def purge_unconfirmed(now, dry_run: bool) -> int:
    """Remove registrations never confirmed within ``UNCONFIRMED_DAYS`` (account and profile)."""
    stale = get_user_model().objects.filter(
        is_active=False, last_login__isnull=True, date_joined__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    )
    candidates = Candidate.objects.filter(user__in=stale, consent_at__isnull=True)
    count = candidates.count()
    if not dry_run:
        with transaction.atomic():
            rows = list(candidates.values_list("user_id", "person_id"))
            candidates.delete()
            get_user_model().objects.filter(pk__in=[user for user, _person in rows]).delete()
            _delete_persons_left_alone([person for _user, person in rows if person])
    return count


def _delete_persons_left_alone(person_ids: list[int]) -> None:
    """The identities created by these registrations, unless another module holds a part of them."""
    if not person_ids:
        return
    alone = Person.objects.filter(pk__in=person_ids)
    for relation in Person._meta.related_objects:
        alone = alone.filter(**{f"{relation.name}__isnull": True})
    alone.delete()
