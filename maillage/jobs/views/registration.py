"""A job seeker creates their profile alone, and proves their e-mail address before it is shared."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from maillage.kernel import ratelimit
from maillage.referentials.models import Appellation, RomeFiche

from ..forms import SelfRegistrationForm
from ..models import contract_mask
from ..services import registration
from ..suggest import suggest_appellations

PASSWORD_NOT_KEPT = "Vos informations sont conservées ci-dessous, sauf le mot de passe, à saisir de nouveau"


@login_not_required
def register(request):
    """Public self-registration: the same answer whether the address is new or known (no enumeration)."""
    if request.user.is_authenticated:
        return redirect("jobs:my_profile")
    if request.method == "POST":
        form = SelfRegistrationForm(request.POST)
        if form.is_valid():
            refusal = ratelimit.consume(request, "self_registration")
            if refusal is not None:  # the form comes back with its input (the password aside), and when to retry
                form.add_error(None, refusal.form_message(kept=PASSWORD_NOT_KEPT))
                return ratelimit.too_many_requests(request, refusal, "jobs/register.html", {"form": form})
            data = form.cleaned_data
            suggestions = suggest_appellations(data["sought_job"], "", k=1)
            registration.register(
                email=data["email"],
                password=data["password"],
                data={
                    "first_name": data["first_name"],
                    "last_name": data["last_name"],
                    "commune": data["commune"],
                    "mobility_radius_km": data["mobility_radius_km"] or 20,
                    "contract_mask": contract_mask(data["contracts"]),
                    "available_from": data.get("available_from"),
                },
                sought=Appellation.objects.filter(code__in=[s.code for s in suggestions]),
                request=request,
            )
            request.session["registration_email"] = data["email"]
            return redirect("jobs:register_sent")
    else:
        target = RomeFiche.objects.filter(code=request.GET.get("metier", "")[:5].upper()).only("label").first()
        form = SelfRegistrationForm(initial={"sought_job": target.label} if target else None)
    return render(request, "jobs/register.html", {"form": form})


@login_not_required
def register_sent(request):
    return render(request, "jobs/register_sent.html", {"email": request.session.get("registration_email", "")})


@login_not_required
def register_confirm(request, uidb64: str, token: str):
    """The link shows a button: opening it changes nothing (mail scanners open links too)."""
    user = registration.user_for_link(uidb64, token)
    if user is None:
        return render(request, "jobs/register_invalid.html", status=400)
    if request.method != "POST":
        return render(request, "jobs/register_confirm.html", {"email": user.email})
    candidate = registration.confirm(user)
    login(request, user, backend="maillage.accounts.backends.EmailBackend")
    request.session.pop("registration_email", None)
    messages.success(request, "Votre adresse est confirmée. Vérifiez le métier recherché et ajoutez vos expériences.")
    return redirect("jobs:candidate_edit", candidate.pk)
