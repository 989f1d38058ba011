"""Helpers shared by the steering views."""

from datetime import date

from django.shortcuts import render

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
    return render(request, "steering/form.html", context, status=400 if form.is_bound else 200)


def module_context(user) -> dict:
    return {
        "can_steer": policies.can_steer(user),
        "can_view_funding": policies.can_view_funding(user),
        "can_manage_participants": policies.can_manage_participants(user),
        "can_validate_report": policies.can_validate_report(user),
    }
