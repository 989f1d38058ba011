"""Writes on organisations, users and memberships (one function per use case)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from maillage.kernel import mde
from maillage.kernel.models import MdeSettings
from maillage.territories.models import Epci

from . import audit, grants
from .models import AuditAction, Membership, Organisation, User


@transaction.atomic
def save_organisation(actor, form) -> Organisation:
    created = form.instance.pk is None
    organisation = form.save()
    audit.record_instance(actor, AuditAction.CREATE if created else AuditAction.UPDATE, organisation)
    return organisation


def _check(refusal: str | None) -> None:
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def save_user(actor, form) -> User:
    """Change the identity of an existing account (e-mail, names, active state)."""
    user = form.instance
    if user.pk is None or not grants.can_edit_identity(actor, User.objects.get(pk=user.pk)):
        raise PermissionDenied("Vous ne pouvez pas modifier l'identité de ce compte.")
    user = form.save()
    audit.record_instance(actor, AuditAction.UPDATE, user)
    return user


def send_invitation(user: User, request=None) -> None:
    """E-mail a link to choose a password (the password-reset link, valid ``PASSWORD_RESET_TIMEOUT``)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    base = request.build_absolute_uri("/")[:-1] if request is not None else settings.SITE_URL.rstrip("/")
    context = {"user": user, "link": base + path, "mde_name": mde.name()}
    subject = render_to_string("registration/invitation_subject.txt", context).strip()
    body = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def invite_user(actor, form, request=None) -> User:
    """Create an account with its first membership and send the invitation to choose a password."""
    data = form.cleaned_data
    codes = [epci.code for epci in data["epcis"]]
    _check(grants.grant_refusal(actor, None, data["organisation"], data["role"], codes))
    user = form.save(commit=False)
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, organisation=data["organisation"], role=data["role"])
    membership.epcis.set(data["epcis"])
    audit.record_instance(actor, AuditAction.CREATE, user)
    audit.record_instance(actor, AuditAction.CREATE, membership)
    transaction.on_commit(lambda: send_invitation(user, request))
    return user


@transaction.atomic
def save_membership(actor, user: User, form) -> Membership:
    data = form.cleaned_data
    codes = [epci.code for epci in data.get("epcis") or []]
    _check(grants.grant_refusal(actor, user, data["organisation"], data["role"], codes))
    if form.instance.pk:
        previous = Membership.objects.select_related("organisation").get(pk=form.instance.pk)
        if previous.organisation_id not in {o.pk for o in grants.manageable_organisations(actor)}:
            raise PermissionDenied("Vous ne pouvez pas gérer ce rattachement.")
    created = form.instance.pk is None
    membership = form.save(commit=False)
    membership.user = user
    membership.save()
    form.save_m2m()
    audit.record_instance(actor, AuditAction.CREATE if created else AuditAction.UPDATE, membership)
    return membership


@transaction.atomic
def update_mde_settings(actor, *, name, short_name, contact_email, logo, perimeter_codes) -> MdeSettings:
    mde = MdeSettings.current()
    mde.name = name
    mde.short_name = short_name
    mde.contact_email = contact_email
    if logo:
        mde.logo = logo
    mde.save()
    mde.perimeter.set(Epci.objects.filter(code__in=perimeter_codes))
    audit.record_instance(actor, AuditAction.UPDATE, mde, "paramètres")
    return mde


def create_user_with_membership(
    email: str, password: str, organisation: Organisation, role: str, *, first_name="", last_name="", epcis=()
) -> User:
    """Idempotent: used by the demo loader and the ``create_mde_admin`` command."""
    user, created = User.objects.get_or_create(
        email=email.lower(), defaults={"first_name": first_name, "last_name": last_name}
    )
    if created or not user.has_usable_password():
        user.set_password(password)
        user.save()
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if epcis:
        membership.epcis.set(epcis)
    return user
