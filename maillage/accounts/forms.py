from django import forms
from django.contrib.auth.forms import AuthenticationForm

from maillage.territories.models import Epci

from .models import Membership, Organisation, Role, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


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
        if User.objects.filter(email=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un compte existe déjà avec cette adresse e-mail.")
        return email


class MembershipForm(forms.ModelForm):
    epcis = forms.ModelMultipleChoiceField(
        queryset=Epci.objects.none(),
        required=False,
        label="Territoire d'intervention (EPCI)",
        help_text="Laisser vide pour tout le périmètre.",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Membership
        fields = ["organisation", "role", "epcis", "is_active"]

    def __init__(self, *args, organisations=None, epci_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.fields["epcis"].queryset = epci_choices if epci_choices is not None else Epci.objects.none()
        self.fields["role"].choices = Role.choices


class MdeSettingsForm(forms.Form):
    name = forms.CharField(label="Nom de la structure", max_length=200)
    short_name = forms.CharField(label="Nom court", max_length=60, required=False)
    contact_email = forms.EmailField(label="E-mail de contact", required=False)
    logo = forms.ImageField(label="Logo", required=False, help_text="PNG ou JPEG, 1 Mo au plus.")
    perimeter = forms.CharField(
        label="Périmètre : codes SIREN des EPCI",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Un code SIREN par ligne ou séparés par des virgules (ex. 200089456).",
    )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > 1024 * 1024:
            raise forms.ValidationError("Le logo ne doit pas dépasser 1 Mo.")
        return logo

    def clean_perimeter(self):
        raw = self.cleaned_data["perimeter"].replace(",", " ").split()
        codes = list(dict.fromkeys(raw))
        found = set(Epci.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError("EPCI inconnu(s) : %(codes)s.", params={"codes": ", ".join(unknown)})
        return codes
