"""Contacts, interactions and the follow-ups due."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from maillage.accounts.policies import require
from maillage.common_text import elide
from maillage.companies import policies as policy
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import Folded, SortColumn, Sorting

from .. import selectors, services
from ..exports import FOLLOWUPS
from ..forms import ContactForm, InteractionForm
from ..models import Contact, Interaction
from .common import module_context, render_form
from .establishments import visible_establishment_or_404


def _detail_url(establishment, anchor: str = "") -> str:
    return reverse("companies:establishment_detail", args=[establishment.pk]) + (f"#{anchor}" if anchor else "")


@login_required
def contact_form(request, establishment_pk=None, pk=None):
    user = request.user
    contact = None
    if pk:
        contact = get_object_or_404(Contact.objects.select_related("establishment__commune"), pk=pk)
        establishment = visible_establishment_or_404(user, contact.establishment_id)
    else:
        establishment = visible_establishment_or_404(user, establishment_pk)
    require(policy.can_manage_contacts(user, establishment), "Vous ne pouvez pas modifier les contacts.")
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.save_contact(user, establishment, contact, **form.cleaned_data)
        messages.success(request, "Le contact a été enregistré.")
        return redirect(_detail_url(establishment, "contacts"))
    title = "Modifier le contact" if contact else "Nouveau contact"
    return render_form(
        request,
        form,
        title=title,
        back_url=_detail_url(establishment, "contacts"),
        establishment=establishment,
        privacy_note=True,
    )


@login_required
@require_POST
def contact_delete(request, pk):
    contact = get_object_or_404(Contact, pk=pk)
    establishment = visible_establishment_or_404(request.user, contact.establishment_id)
    require(policy.can_manage_contacts(request.user, establishment), "Vous ne pouvez pas supprimer ce contact.")
    services.delete_contact(request.user, contact)
    messages.success(request, "Le contact a été supprimé.")
    return redirect(_detail_url(establishment, "contacts"))


@login_required
def interaction_form(request, establishment_pk=None, pk=None):
    user = request.user
    interaction = None
    if pk:
        interaction = get_object_or_404(Interaction, pk=pk)
        establishment = visible_establishment_or_404(user, interaction.establishment_id)
    else:
        establishment = visible_establishment_or_404(user, establishment_pk)
    require(policy.can_manage_interactions(user, establishment), "Vous ne pouvez pas enregistrer d'échange.")
    form = InteractionForm(request.POST or None, instance=interaction, establishment=establishment)
    if request.method == "POST" and form.is_valid():
        services.save_interaction(user, establishment, interaction, **form.cleaned_data)
        messages.success(request, "L'échange a été enregistré.")
        return redirect(_detail_url(establishment, "echanges"))
    title = "Modifier l'échange" if interaction else "Nouvel échange"
    return render_form(
        request, form, title=title, back_url=_detail_url(establishment, "echanges"), establishment=establishment
    )


@login_required
@require_POST
def follow_up_done(request, pk):
    interaction = get_object_or_404(Interaction, pk=pk)
    establishment = visible_establishment_or_404(request.user, interaction.establishment_id)
    require(policy.can_manage_interactions(request.user, establishment), "Vous ne pouvez pas modifier cet échange.")
    services.mark_follow_up_done(request.user, interaction)
    messages.success(request, f"Relance {elide('de', establishment.name)} marquée comme faite.")
    next_url = request.POST.get("next", "")
    if next_url.startswith("/entreprises/"):
        return redirect(next_url)
    return redirect("companies:followups_due")


FOLLOWUP_COLUMNS = [
    SortColumn("relance", "Relance prévue", ("follow_up_on",)),  # the default order, the most overdue first
    SortColumn("etablissement", "Établissement", ("establishment_key", "follow_up_on")),  # folded names
    SortColumn("echange", "Échange d'origine", ("date", "follow_up_on"), descending_first=True),
    SortColumn("auteur", "Auteur", ("author_key", "author__first_name", "follow_up_on")),
]


@login_required
def followups_due(request):
    require(policy.is_reader(request.user))
    mine = request.GET.get("moi") == "1"
    horizon = request.GET.get("horizon", "0")
    days = int(horizon) if horizon in {"0", "7", "30"} else 0
    until = timezone.localdate() + datetime.timedelta(days=days)
    interactions = selectors.followups_due(request.user, until=until, author=request.user if mine else None)
    sorting = Sorting(request, FOLLOWUP_COLUMNS, default="relance")
    interactions = sorting.order(
        interactions.annotate(establishment_key=Folded("establishment__name"), author_key=Folded("author__last_name"))
    )
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return FOLLOWUPS.response(export, interactions)  # in the page's order
    context = {
        "page": page_of(request, interactions),
        "sorting": sorting,
        "today": timezone.localdate(),
        "mine": mine,
        "horizon": str(days),
        "can_manage": policy.is_manager(request.user),
        **module_context(request.user),
    }
    return render(request, "companies/followups_due.html", context)
