"""Helpers shared by the views of the module: access checks and lookups scoped by the policies."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from maillage.accounts import policies
from maillage.clauses import policies as policy
from maillage.kernel.mde import perimeter_epcis
from maillage.territories.models import Commune

from ..models import Lot, Operation

DENIED = "Vous n'avez pas accès à cette page des clauses sociales."


def require(condition: bool, message: str = DENIED) -> None:
    """The shared ``require`` with the module's own refusal message."""
    policies.require(condition, message)


def saved(form, save) -> bool:
    """Whether ``form`` is valid and ``save`` took its data; a service's refusal becomes the form's error, so
    that the page comes back with it and what was typed (the module's forms answer an invalid POST so)."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def facilitator_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        require(policy.is_facilitator(request.user), "Réservé aux facilitateurs des clauses sociales.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def module_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        require(policy.can_use_module(request.user))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def get_operation(user, pk) -> Operation:
    return get_object_or_404(policy.visible_operations(user).select_related("buyer", "structure", "commune"), pk=pk)


def get_lot(user, pk) -> Lot:
    return get_object_or_404(
        policy.visible_lots(user).select_related("market__operation__buyer", "commune", "epci", "counting_rule"), pk=pk
    )


def perimeter_communes():
    """Communes of the MDE's perimeter, offered as suggestions in commune inputs (datalist)."""
    return Commune.objects.filter(epci__in=perimeter_epcis()).order_by("name").only("code", "name")
