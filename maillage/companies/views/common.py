"""Helpers shared by the views of company relations."""

from django.shortcuts import render

from maillage.companies import policies as policy


def render_form(request, form, *, title: str, back_url: str, establishment=None, submit: str = "Enregistrer", **extra):
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "establishment": establishment,
        "submit_label": submit,
        **extra,
    }
    return render(request, "companies/form.html", context)


def module_context(user) -> dict:
    return {
        "can_list": policy.can_list_establishments(user),
        "can_manage": policy.is_manager(user),
        "is_reader": policy.is_reader(user),
        "can_list_agreements": policy.can_list_agreements(user),
        "can_prospect": policy.can_prospect(user),
    }
