"""Writes on organisations, users and memberships (one function per use case)."""

from django.db import transaction

from maillage.kernel.models import MdeSettings
from maillage.territories.models import Epci

from . import audit
from .models import AuditAction, Membership, Organisation, User


@transaction.atomic
def save_organisation(actor, form) -> Organisation:
    created = form.instance.pk is None
    organisation = form.save()
    audit.record_instance(actor, AuditAction.CREATE if created else AuditAction.UPDATE, organisation)
    return organisation


@transaction.atomic
def save_user(actor, form) -> User:
    created = form.instance.pk is None
    user = form.save(commit=False)
    if created:
        user.set_unusable_password()
    user.save()
    audit.record_instance(actor, AuditAction.CREATE if created else AuditAction.UPDATE, user)
    return user


@transaction.atomic
def save_membership(actor, user: User, form) -> Membership:
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
