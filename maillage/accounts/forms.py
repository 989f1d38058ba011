from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from maillage.common_text import plural
from maillage.kernel import ratelimit
from maillage.territories.models import Epci

from . import grants
from .models import Membership, Organisation, Role, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also reaches the active accounts that never chose a password (invited by an administrator)."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Past the daily cap of mails to this address nothing goes; the page answers the same."""
        if ratelimit.mail_allowed(to_email):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label="Site web", required=False, assume_scheme="https")
    siret = forms.CharField(label="SIRET", required=False, max_length=20, help_text="14 chiffres, espaces acceptés.")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "siret", "address", "email", "phone", "website", "naf", "is_active"]

    def clean_siret(self):
        siret = "".join(self.cleaned_data["siret"].split()).replace(".", "")
        if siret and (len(siret) != 14 or not siret.isdigit()):
            raise forms.ValidationError("Le SIRET doit compter 14 chiffres.")
        return siret


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "is_active"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email


def _epci_scope_field() -> forms.ModelMultipleChoiceField:
    """The EPCIs a membership is scoped to (its choices are set by ``_GrantMixin``)."""
    return forms.ModelMultipleChoiceField(
        queryset=Epci.objects.none(),
        required=False,
        label="Territoire d'intervention (EPCI)",
        help_text="Laisser vide pour tout le périmètre.",
        widget=forms.CheckboxSelectMultiple,
    )


class _GrantMixin:
    """Checks the chosen organisation, role and territory against the grant policy."""

    def _setup_grant(self, actor, target, epci_choices):
        self.actor = actor
        self.target = target
        organisations = grants.manageable_organisations(actor)
        self.fields["organisation"].queryset = organisations
        self.fields["epcis"].queryset = epci_choices if epci_choices is not None else Epci.objects.none()
        kinds = set(organisations.values_list("kind", flat=True))
        allowed = set().union(*(grants.roles_allowed_for(kind) for kind in kinds)) if kinds else set()
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in allowed]

    def _check_grant(self, cleaned):
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        if organisation is None or not role:
            return
        codes = [epci.code for epci in cleaned.get("epcis") or []]
        refusal = grants.grant_refusal(self.actor, self.target, organisation, role, codes)
        if refusal:
            raise forms.ValidationError(refusal)


class InviteForm(_GrantMixin, forms.ModelForm):
    """A new account with its first membership: the person receives an invitation to set a password."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Organisation")
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)
    epcis = _epci_scope_field()

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]

    def __init__(self, *args, actor=None, epci_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_grant(actor, None, epci_choices)

    clean_email = UserForm.clean_email

    def clean(self):
        cleaned = super().clean()
        self._check_grant(cleaned)
        return cleaned


class MembershipForm(_GrantMixin, forms.ModelForm):
    epcis = _epci_scope_field()

    class Meta:
        model = Membership
        fields = ["organisation", "role", "epcis", "is_active"]

    def __init__(self, *args, actor=None, target=None, epci_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_grant(actor, target, epci_choices)

    def clean(self):
        cleaned = super().clean()
        self._check_grant(cleaned)
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        if organisation and role:
            duplicate = Membership.objects.filter(user=self.target, organisation=organisation, role=role)
            if duplicate.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError("Ce compte a déjà ce rôle dans cette organisation.")
        return cleaned


class MdeSettingsForm(forms.Form):
    name = forms.CharField(label="Nom de la structure", max_length=200)
    short_name = forms.CharField(label="Nom court", max_length=60, required=False)
    contact_email = forms.EmailField(label="E-mail de contact", required=False)
    logo = forms.ImageField(label="Logo", required=False, help_text="PNG ou JPEG, 1 Mo au plus.")
    perimeter_search = forms.CharField(
        label="Ajouter un EPCI au périmètre",
        required=False,
        max_length=100,
        help_text="Tapez le nom de l'EPCI (ex. « Évreux ») et choisissez-le dans la liste.",
    )
    perimeter = forms.CharField(
        label="Périmètre : EPCI de la Maison de l'Emploi",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Un EPCI par ligne, par son nom (« CA Évreux Portes de Normandie (200071454) ») ou son code SIREN.",
    )

    def __init__(self, *args, **kwargs):
        from django.urls import reverse

        super().__init__(*args, **kwargs)
        self.fields["perimeter_search"].widget.attrs.update(
            {"data-autocomplete": reverse("territories:epci_autocomplete"), "data-autocomplete-append": "#id_perimeter"}
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > 1024 * 1024:
            raise forms.ValidationError("Le logo ne doit pas dépasser 1 Mo.")
        return logo

    def clean_perimeter(self):
        """Lines naming EPCI (« Nom (SIREN) », a name, or codes separated by commas): the SIREN codes."""
        from maillage.territories.selectors import epci_from_text

        codes, unknown = [], []
        for line in self.cleaned_data["perimeter"].splitlines():
            line = line.strip()
            items = line.replace(",", " ").split() if line.replace(",", " ").replace(" ", "").isdigit() else [line]
            for item in filter(None, items):
                epci = epci_from_text(item)
                if epci is None:
                    unknown.append(item)
                elif epci.code not in codes:
                    codes.append(epci.code)
        if unknown:
            raise forms.ValidationError(
                "%(label)s : %(codes)s.",
                params={"label": plural(len(unknown), "EPCI inconnu"), "codes": " ; ".join(unknown)},
            )
        return codes


class AuditFilterForm(forms.Form):
    """Filters of the audit log: who, what, when, which person."""

    acteur = forms.CharField(label="Auteur (e-mail)", max_length=254, required=False)
    action = forms.ChoiceField(label="Action", required=False)
    type = forms.ChoiceField(label="Type d'objet", required=False)
    du = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    personne = forms.IntegerField(
        label="Personne (n°)",
        required=False,
        min_value=1,
        max_value=2**62,
        help_text="Toutes les parts de la personne : parcours clauses, candidature, fiche.",
    )

    def __init__(self, *args, **kwargs):
        from .models import AuditAction
        from .selectors import audit_object_types

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Toutes")] + list(AuditAction.choices)
        self.fields["type"].choices = [("", "Tous")] + [(t, t) for t in audit_object_types()]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["du"] > data["au"]:
            self.add_error("au", "La date de fin précède la date de début.")
        return data
