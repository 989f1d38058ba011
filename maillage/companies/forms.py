"""Forms of company relations: they validate input and say what is wrong in plain French."""

import datetime
import re

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone

from maillage.referentials.models import Appellation
from maillage.territories.forms import CommuneField

from .models import (
    Agreement,
    AgreementAction,
    CommitteeMeeting,
    Contact,
    Establishment,
    Interaction,
    PlanAction,
    RecruitmentNeed,
    RecruitmentPlan,
)
from .validators import clean_siret, normalise_naf, validate_siret

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CODE_IN_BRACKETS = re.compile(r"\(([0-9A-Za-z]{1,12})\)\s*$")


def _suggest_attrs(datalist_id: str, url_name: str) -> dict:
    """A text input whose suggestions (a ``<datalist>``) are refreshed by HTMX as the user types."""
    return {
        "list": datalist_id,
        "autocomplete": "off",
        "hx-get": reverse_lazy(url_name),
        "hx-trigger": "input changed delay:300ms",
        "hx-target": f"#{datalist_id}",
        "hx-swap": "innerHTML",
    }


class BootstrapMixin:
    """Widget details the shared ``includes/form_fields.html`` does not set (it adds the Bootstrap
    classes, ``aria-invalid`` and the ``aria-describedby`` links to help texts and errors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)


class AppellationField(forms.CharField):
    """A ROME appellation typed as "Soudeur / Soudeuse (38727)" or its code, suggested by a datalist."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Métier (appellation ROME)")
        kwargs.setdefault("help_text", "Tapez quelques lettres du métier puis choisissez dans la liste proposée.")
        super().__init__(**kwargs)
        self.widget.attrs.update(_suggest_attrs("appellations-suggestions", "companies:appellation_suggestions"))

    def prepare_value(self, value):
        if isinstance(value, Appellation):
            return f"{value.label} ({value.code})"
        if isinstance(value, str) and value.isdigit():
            appellation = Appellation.objects.filter(code=value).first()
            return f"{appellation.label} ({appellation.code})" if appellation else value
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = _CODE_IN_BRACKETS.search(value)
        code = match.group(1) if match else value.strip()
        appellation = Appellation.objects.filter(code=code).first()
        if appellation is None:
            matches = list(Appellation.objects.filter(label__iexact=value.strip())[:2])
            appellation = matches[0] if len(matches) == 1 else None
        if appellation is None:
            raise forms.ValidationError("Métier inconnu : choisissez une appellation ROME dans la liste proposée.")
        return appellation


class EstablishmentForm(BootstrapMixin, forms.ModelForm):
    siret = forms.CharField(
        label="SIRET",
        max_length=20,
        help_text="14 chiffres (les espaces sont acceptés) ; la clé de contrôle est vérifiée.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    commune = CommuneField(
        strict=True,
        help_text="Tapez le nom ou le code postal puis choisissez dans la liste proposée.",
        widget=forms.TextInput(attrs=_suggest_attrs("communes-suggestions", "companies:commune_suggestions")),
    )

    class Meta:
        model = Establishment
        fields = ["siret", "name", "legal_name", "naf", "size_band", "commune", "address", "organisation", "referent"]

    def __init__(self, *args, restricted: bool = False, **kwargs):
        """``restricted``: a company member edits their own establishment (no SIRET, link or referent)."""
        super().__init__(*args, **kwargs)
        from maillage.accounts.models import Membership, OrganisationKind, Role, User

        if "organisation" in self.fields:
            self.fields["organisation"].queryset = self.fields["organisation"].queryset.filter(
                kind=OrganisationKind.COMPANY
            )
        staff = Membership.objects.filter(
            is_active=True, role__in=[Role.CHARGE_MISSION, Role.ADMIN], organisation__kind=OrganisationKind.MDE
        ).values("user")
        self.fields["referent"].queryset = User.objects.filter(pk__in=staff, is_active=True)
        if restricted:
            for name in ("siret", "organisation", "referent"):
                del self.fields[name]

    def clean_siret(self):
        siret = clean_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        if Establishment.objects.filter(siret=siret).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Un établissement avec ce SIRET existe déjà.")
        return siret

    def clean_naf(self):
        return normalise_naf(self.cleaned_data.get("naf", ""))


class ContactForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["first_name", "last_name", "job_title", "email", "phone", "is_main", "is_active"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError("Indiquez au moins un moyen de joindre ce contact (e-mail ou téléphone).")
        return cleaned


class InteractionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["kind", "date", "contact", "subject", "notes", "follow_up_on"]
        widgets = {"date": DATE, "follow_up_on": DATE}

    def __init__(self, *args, establishment: Establishment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = establishment.contacts.filter(is_active=True)
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        date, follow_up = cleaned.get("date"), cleaned.get("follow_up_on")
        if date and date > timezone.localdate() + datetime.timedelta(days=1):
            self.add_error("date", "La date d'un échange ne peut pas être dans le futur.")
        if date and follow_up and follow_up < date:
            self.add_error("follow_up_on", "La date de relance doit suivre la date de l'échange.")
        return cleaned


class RecruitmentNeedForm(BootstrapMixin, forms.ModelForm):
    appellation = AppellationField()

    class Meta:
        model = RecruitmentNeed
        fields = [
            "appellation",
            "positions",
            "contract_type",
            "wanted_by",
            "difficulty",
            "reason",
            "status",
            "positions_filled",
            "notes",
        ]
        widgets = {"wanted_by": DATE, "positions": forms.NumberInput(attrs={"min": 1})}

    def clean_positions(self):
        positions = self.cleaned_data["positions"]
        if positions < 1:
            raise forms.ValidationError("Indiquez au moins un poste.")
        if positions > 500:
            raise forms.ValidationError("Au-delà de 500 postes, découpez le besoin par métier ou par période.")
        return positions

    def clean(self):
        cleaned = super().clean()
        positions, filled = cleaned.get("positions"), cleaned.get("positions_filled")
        if positions and filled and filled > positions:
            self.add_error("positions_filled", "Le nombre de postes pourvus dépasse le nombre de postes.")
        return cleaned


class RecruitmentPlanForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = RecruitmentPlan
        fields = ["summary"]


class PlanYearForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label="Année du plan", min_value=2000, max_value=2100)


class PlanActionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["kind", "quarter", "planned_on", "need", "positions_targeted", "partners", "description", "status"]
        widgets = {"planned_on": DATE}

    def __init__(self, *args, plan: RecruitmentPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["need"].queryset = plan.establishment.needs.select_related("appellation")

    def clean(self):
        cleaned = super().clean()
        planned_on, quarter = cleaned.get("planned_on"), cleaned.get("quarter")
        if planned_on:
            if planned_on.year != self.plan.year:
                self.add_error("planned_on", f"La date doit être en {self.plan.year}, l'année du plan.")
            elif quarter and (planned_on.month - 1) // 3 + 1 != quarter:
                self.add_error("quarter", "Le trimestre ne correspond pas à la date prévue.")
        return cleaned


class AgreementForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "establishment",
            "kind",
            "title",
            "status",
            "signed_on",
            "start_date",
            "end_date",
            "jobs_cut",
            "amount",
            "jobs_target",
            "epcis",
            "notes",
        ]
        widgets = {"signed_on": DATE, "start_date": DATE, "end_date": DATE, "epcis": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import perimeter_epcis

        epcis = perimeter_epcis()
        if epcis:
            self.fields["epcis"].queryset = self.fields["epcis"].queryset.filter(pk__in=[e.pk for e in epcis])
        self.fields["establishment"].queryset = Establishment.objects.select_related("commune").order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La fin de la convention doit suivre son début.")
        if cleaned.get("amount") is not None and cleaned["amount"] < 0:
            self.add_error("amount", "Le montant ne peut pas être négatif.")
        return cleaned


class AgreementActionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AgreementAction
        fields = [
            "title",
            "operator",
            "description",
            "amount_committed",
            "amount_spent",
            "jobs_target",
            "jobs_created",
            "beneficiaries",
        ]

    def clean(self):
        cleaned = super().clean()
        for name in ("amount_committed", "amount_spent"):
            if cleaned.get(name) is not None and cleaned[name] < 0:
                self.add_error(name, "Le montant ne peut pas être négatif.")
        committed, spent = cleaned.get("amount_committed"), cleaned.get("amount_spent")
        if committed is not None and spent is not None and spent > committed:
            self.add_error("amount_spent", "Le montant dépensé dépasse le montant engagé.")
        return cleaned


class CommitteeMeetingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CommitteeMeeting
        fields = ["date", "kind", "attendees", "decisions"]
        widgets = {"date": DATE}
