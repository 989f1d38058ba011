from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from maillage.kernel import mde, ratelimit
from maillage.kernel.downloads import protected_download
from maillage.kernel.exports import Column, Table
from maillage.kernel.pagination import page_of
from maillage.kernel.sorting import Folded, SortColumn, Sorting, choice_rank
from maillage.territories.models import Epci

from . import audit, grants, policies, selectors, services, tokens
from .decorators import permission_required
from .forms import (
    AuditFilterForm,
    EmailAuthenticationForm,
    InviteForm,
    MdeSettingsForm,
    MembershipForm,
    OrganisationForm,
    PasswordResetForm,
    UserForm,
)
from .models import AuditAction, Organisation, OrganisationKind, User

Perm = policies.Perm

ORGANISATIONS = Table(
    "organisations",
    "Organisations",
    [
        Column("Nom", "name"),
        Column("Type", "get_kind_display"),
        Column("SIRET", "siret"),
        Column("Commune", lambda o: o.commune.name if o.commune else ""),
        Column("E-mail", "email"),
        Column("Téléphone", "phone"),
        Column("Membres", "member_count"),
    ],
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        refusal = ratelimit.consume(self.request, "password_reset")
        if refusal is None:
            return super().form_valid(form)
        form.add_error(None, refusal.form_message(kept="Votre adresse est conservée ci-dessous"))
        return ratelimit.too_many_requests(self.request, refusal, self.template_name, self.get_context_data(form=form))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return super().form_valid(form)


@login_required
def profile(request):
    memberships = request.user.memberships.select_related("organisation").prefetch_related("epcis")
    token = Token.objects.filter(user=request.user).first()
    context = {"memberships": memberships, "token": token}
    if token:
        context.update(token_expires_at=tokens.token_expires_at(token), token_expired=tokens.token_expired(token))
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def regenerate_token(request):
    Token.objects.filter(user=request.user).delete()
    Token.objects.create(user=request.user)
    messages.success(request, "Un nouveau jeton d'API a été créé ; l'ancien ne fonctionne plus.")
    return redirect("accounts:profile")


# Names accent-folded (« Évreux » among the E, not after « Vernon »), types by their French labels.
ORGANISATION_COLUMNS = [
    SortColumn("nom", "Nom", ("name_key",)),
    SortColumn("type", "Type", ("kind_rank", "name_key")),
    SortColumn("commune", "Commune", ("commune__search_name", "name_key")),
    SortColumn("membres", "Membres", ("member_count", "name_key"), descending_first=True),
]
USER_COLUMNS = [
    SortColumn("nom", "Nom", ("last_name_key", "first_name_key", "email")),
    SortColumn("email", "E-mail", ("email",)),
    SortColumn("etat", "État", ("inactive", "last_name_key", "first_name_key", "email")),  # active ones first
]


@login_required
@permission_required(Perm.VIEW_DASHBOARD)
def organisation_list(request):
    kind = request.GET.get("type", "")
    query = request.GET.get("q", "").strip()
    sorting = Sorting(request, ORGANISATION_COLUMNS, default="nom")
    organisations = selectors.organisations_for(request.user, kind=kind, query=query).annotate(
        name_key=Folded("name"), kind_rank=choice_rank("kind", OrganisationKind.choices, by_label=True)
    )
    organisations = sorting.order(organisations)
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        return ORGANISATIONS.response(export, organisations)  # in the page's order
    context = {
        "page": page_of(request, organisations),
        "sorting": sorting,
        "kinds": OrganisationKind.choices,
        "kind": kind,
        "q": query,
        "can_create": policies.has_perm(request.user, Perm.MANAGE_ORGANISATIONS),
    }
    return render(request, "accounts/organisation_list.html", context)


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(policies.visible_organisations(request.user), pk=pk)
    can_manage_members = policies.can_manage_members_of(request.user, organisation)
    memberships = (
        organisation.memberships.select_related("user").prefetch_related("epcis") if can_manage_members else None
    )
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "can_change": policies.can_change_organisation(request.user, organisation),
        "can_manage_members": can_manage_members,
    }
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def organisation_form(request, pk=None):
    organisation = get_object_or_404(Organisation, pk=pk) if pk else None
    allowed = (
        policies.can_change_organisation(request.user, organisation)
        if organisation
        else policies.has_perm(request.user, Perm.MANAGE_ORGANISATIONS)
    )
    if not allowed:
        raise PermissionDenied("Vous ne pouvez pas modifier cette organisation.")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = services.save_organisation(request.user, form)
        messages.success(request, f"L'organisation « {organisation.name} » est enregistrée.")
        return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
def admin_home(request):
    if not (
        policies.has_perm(request.user, Perm.MANAGE_USERS) or policies.has_perm(request.user, Perm.MANAGE_SETTINGS)
    ):
        raise PermissionDenied("Réservé aux administrateurs.")
    from maillage.people.policies import can_merge_people

    return render(request, "accounts/admin_home.html", {"can_merge_people": can_merge_people(request.user)})


@login_required
@permission_required(Perm.MANAGE_USERS)
def user_list(request):
    query = request.GET.get("q", "").strip()[:100]
    users = selectors.users_for_admin(query)
    if not policies.is_platform_admin(request.user):
        users = users.filter(memberships__organisation_id__in=grants.administered_organisation_ids(request.user))
        users = users.distinct()
    sorting = Sorting(request, USER_COLUMNS, default="nom")
    users = users.annotate(
        last_name_key=Folded("last_name"),
        first_name_key=Folded("first_name"),
        inactive=Case(When(is_active=True, then=Value(0)), default=Value(1)),
    )
    context = {
        "page": page_of(request, sorting.order(users)),
        "sorting": sorting,
        "q": query,
        "can_invite": grants.can_invite(request.user),
    }
    return render(request, "accounts/user_list.html", context)


def _epci_choices(actor):
    """EPCIs of the MDE's perimeter the actor may hand out (never wider than their own territory)."""
    perimeter = mde.perimeter_epcis()
    if policies.is_platform_admin(actor):
        return perimeter
    codes: set[str] = set()
    for membership in policies.active_memberships(actor):
        if membership.role != "admin":
            continue
        own = {epci.code for epci in membership.epcis.all()}
        if not own:
            return perimeter
        codes |= own
    return Epci.objects.filter(code__in=codes)


@login_required
def user_create(request):
    if not grants.can_invite(request.user):
        raise PermissionDenied("Réservé aux administrateurs.")
    form = InviteForm(request.POST or None, actor=request.user, epci_choices=_epci_choices(request.user))
    if request.method == "POST" and form.is_valid():
        user = services.invite_user(request.user, form, request)
        messages.success(request, f"Compte créé : une invitation à choisir un mot de passe est envoyée à {user.email}.")
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": None})


@login_required
def user_form(request, pk):
    target = get_object_or_404(User, pk=pk)
    if not grants.can_edit_identity(request.user, target):
        raise PermissionDenied("Ce compte appartient aussi à une autre organisation : la Maison de l'Emploi le gère.")
    form = UserForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        user = services.save_user(request.user, form)
        messages.success(request, "Le compte est enregistré.")
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "target": target})


@login_required
def user_detail(request, pk):
    target = get_object_or_404(User, pk=pk)
    if not grants.can_manage_user(request.user, target):
        raise PermissionDenied("Vous ne pouvez pas consulter ce compte.")
    audit.record_instance(request.user, AuditAction.VIEW, target)
    context = {
        "target": target,
        "memberships": grants.visible_memberships(request.user, target),
        "can_edit_identity": grants.can_edit_identity(request.user, target),
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
def membership_form(request, user_pk, pk=None):
    target = get_object_or_404(User, pk=user_pk)
    if not grants.can_manage_user(request.user, target):
        raise PermissionDenied("Ce compte n'appartient pas à une organisation que vous administrez.")
    membership = get_object_or_404(grants.visible_memberships(request.user, target), pk=pk) if pk else None
    if not grants.manageable_organisations(request.user).exists():
        raise PermissionDenied("Vous ne pouvez pas gérer ce rattachement.")
    form = MembershipForm(
        request.POST or None,
        instance=membership,
        actor=request.user,
        target=target,
        epci_choices=_epci_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.save_membership(request.user, target, form)
        messages.success(request, "Le rattachement est enregistré.")
        return redirect("accounts:user_detail", pk=target.pk)
    return render(request, "accounts/membership_form.html", {"form": form, "target": target, "membership": membership})


@login_not_required
def mde_logo(request):
    """The MDE's logo (public: shown on the login page), served by a view: no /media/ URL."""
    settings_row = mde.settings()
    return protected_download(settings_row.logo if settings_row else None, allowed=True, inline=True)


@login_required
@permission_required(Perm.MANAGE_SETTINGS)
def mde_settings(request):
    current = mde.display()
    initial = {
        "name": current.name,
        "short_name": current.short_name,
        "contact_email": current.contact_email,
        # The perimeter shows EPCI by name (and code), never raw codes alone.
        "perimeter": "\n".join(f"{epci.name} ({epci.code})" for epci in mde.perimeter_epcis().order_by("name")),
    }
    form = MdeSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_mde_settings(
            request.user,
            name=data["name"],
            short_name=data["short_name"],
            contact_email=data["contact_email"],
            logo=data.get("logo"),
            perimeter_codes=data["perimeter"],
        )
        messages.success(request, "Les paramètres de la Maison de l'Emploi sont enregistrés.")
        return redirect("accounts:mde_settings")
    return render(request, "accounts/mde_settings.html", {"form": form, "mde_obj": current})


@login_required
@permission_required(Perm.VIEW_AUDIT_LOG)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events(
        object_type=filters.get("type") or "",
        actor=filters.get("acteur") or "",
        action=filters.get("action") or "",
        since=filters.get("du"),
        until=filters.get("au"),
        person_id=filters.get("personne"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page_of(request, events, 100), "form": form, "query": query.urlencode()}
    return render(request, "accounts/audit_log.html", context)
