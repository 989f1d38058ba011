"""Helpers shared by the steering views."""

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from maillage.accounts.policies import require

from .. import policies


def year_of(request) -> int:
    try:
        year = int(request.GET.get("annee", ""))
    except ValueError:
        return date.today().year
    return year if 2000 <= year <= 2100 else date.today().year


def render_form(request, form, *, title: str, back_url: str, submit: str = "Enregistrer", intro: str = "", **extra):
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "submit_label": submit,
        "intro": intro,
        "multipart": getattr(form, "is_multipart", lambda: False)(),
        **extra,
    }
    return render(request, "steering/form.html", context)


def module_context(user) -> dict:
    return {
        "can_steer": policies.can_steer(user),
        "can_view_funding": policies.can_view_funding(user),
        "can_manage_participants": policies.can_manage_participants(user),
        "can_validate_report": policies.can_validate_report(user),
    }


def add_child(
    request, model, pk, form_class, *, parent_field: str, detail: str, title: str, message: str, initial=None, **values
):
    """The steering staff's form that adds one item to an object (a commitment to a convention, a milestone…).

    The item gets its parent in ``parent_field`` and the other ``values`` (``uploaded_by``…); both the
    form's page and the success lead back to the parent's ``detail`` page.
    """
    require(policies.can_steer(request.user))
    parent = get_object_or_404(model, pk=pk)
    form = form_class(request.POST or None, request.FILES or None, initial=initial)
    back_url = reverse(detail, args=[pk])
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        setattr(item, parent_field, parent)
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
        form.save_m2m()
        messages.success(request, message)
        return redirect(back_url)
    return render_form(request, form, title=f"{title} – {parent}", back_url=back_url)
