"""Forms of the jobs module (validation only: writes go through the services)."""

from django import forms
from django.core.exceptions import ValidationError

from maillage.referentials.models import Appellation, Skill
from maillage.territories.forms import CommuneField

from .models import (
    ApplicationState,
    ContractType,
    Offer,
    OfferStatus,
    RefusalReason,
    WorkingTime,
    contract_mask,
    contracts_of_mask,
)


class CodesField(forms.MultipleChoiceField):
    """Codes chosen among suggestions loaded on the page (HTMX): any code, checked against ``model``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, model, **kwargs):
        self.model = model
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def valid_value(self, value):
        return True

    def clean(self, value):
        codes = [str(v) for v in super().clean(value) if v]
        found = list(self.model.objects.filter(code__in=codes))
        if len(found) != len(set(codes)):
            raise ValidationError("Un des codes choisis n'existe pas dans le référentiel.")
        return found


class OfferForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'offre", max_length=255)
    description = forms.CharField(label="Description", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    appellation = forms.CharField(label="Appellation ROME (code)", required=False, widget=forms.HiddenInput)
    skills = CodesField(model=Skill, label="Compétences")
    contract_type = forms.ChoiceField(label="Type de contrat", choices=ContractType.choices)
    contract_duration_months = forms.IntegerField(label="Durée (mois, CDD)", required=False, min_value=1, max_value=60)
    hours_label = forms.CharField(label="Durée du travail", required=False, max_length=120)
    working_time = forms.ChoiceField(label="Temps de travail", choices=WorkingTime.choices, required=False)
    start_date = forms.DateField(label="Prise de poste", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    positions = forms.IntegerField(label="Nombre de postes", min_value=1, initial=1)
    commune = CommuneField(label="Lieu de travail (commune)", strict=True)
    establishment = forms.ModelChoiceField(label="Établissement", queryset=None, required=False)
    company_name = forms.CharField(label="Entreprise (si pas d'établissement)", required=False, max_length=200)
    shortage = forms.ChoiceField(
        label="Métier en tension",
        choices=[("auto", "Selon les tensions DARES (automatique)"), ("oui", "Oui"), ("non", "Non")],
        initial="auto",
    )
    is_little_known = forms.BooleanField(label="Métier méconnu", required=False)
    status = forms.ChoiceField(label="État", choices=OfferStatus.choices, initial=OfferStatus.PUBLISHED)

    def __init__(self, *args, establishments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments if establishments is not None else Offer.objects.none()
        for name, field in self.fields.items():
            if name not in {"is_little_known"} and not isinstance(
                field.widget, forms.HiddenInput | forms.MultipleHiddenInput
            ):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)

    def clean_appellation(self):
        code = self.cleaned_data.get("appellation")
        if not code:
            return None
        appellation = Appellation.objects.select_related("fiche").filter(code=code).first()
        if appellation is None:
            raise ValidationError("Appellation inconnue.")
        return appellation

    def clean(self):
        data = super().clean()
        if not data.get("appellation"):
            self.add_error(None, "Choisissez l'appellation ROME (bouton « Suggérer le métier »).")
        if not data.get("establishment") and not data.get("company_name"):
            self.add_error("company_name", "Indiquez l'établissement ou le nom de l'entreprise.")
        return data

    @classmethod
    def initial_from(cls, offer: Offer) -> dict:
        return {
            "title": offer.title,
            "description": offer.description,
            "appellation": offer.appellation_id,
            "skills": list(offer.skills.values_list("code", flat=True)),
            "contract_type": offer.contract_type,
            "contract_duration_months": offer.contract_duration_months,
            "hours_label": offer.hours_label,
            "working_time": offer.working_time,
            "start_date": offer.start_date,
            "positions": offer.positions,
            "commune": str(offer.commune) if offer.commune_id else "",
            "establishment": offer.establishment_id,
            "company_name": offer.company_name,
            "shortage": ("oui" if offer.is_shortage else "non") if offer.is_shortage_manual else "auto",
            "is_little_known": offer.is_little_known,
            "status": offer.status,
        }


class CandidateForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    email = forms.EmailField(label="E-mail", required=False, help_text="Pour être contacté·e au sujet d'une offre.")
    phone = forms.CharField(label="Téléphone", required=False, max_length=30)
    commune = CommuneField(label="Commune de résidence", strict=True)
    mobility_radius_km = forms.IntegerField(label="Rayon de mobilité (km)", min_value=1, max_value=200, initial=20)
    held = CodesField(model=Appellation, label="Métiers exercés")
    sought = CodesField(model=Appellation, label="Métiers recherchés")
    skills = CodesField(model=Skill, label="Compétences")
    contracts = forms.MultipleChoiceField(
        label="Contrats souhaités (aucun : indifférent)",
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    working_time = forms.ChoiceField(label="Temps de travail souhaité", choices=WorkingTime.choices, required=False)
    available_from = forms.DateField(
        label="Disponible à partir du", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_searching = forms.BooleanField(label="En recherche d'emploi", required=False, initial=True)
    consent_purpose = forms.ChoiceField(label="Finalité du consentement", choices=[])
    consent = forms.BooleanField(
        label="La personne a donné son consentement pour cette finalité (date enregistrée)", required=False
    )

    def __init__(self, *args, **kwargs):
        from .models import ConsentPurpose

        super().__init__(*args, **kwargs)
        self.fields["consent_purpose"].choices = ConsentPurpose.choices
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.TextInput | forms.EmailInput | forms.NumberInput | forms.DateInput):
                field.widget.attrs.setdefault("class", "form-control")
            elif isinstance(field.widget, forms.Select) and name != "contracts":
                field.widget.attrs.setdefault("class", "form-select")

    def service_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("first_name", "last_name", "email", "phone", "commune")}
        data.update(
            mobility_radius_km=self.cleaned_data["mobility_radius_km"],
            contract_mask=contract_mask(self.cleaned_data["contracts"]),
            working_time=self.cleaned_data.get("working_time") or "",
            available_from=self.cleaned_data.get("available_from"),
            is_searching=self.cleaned_data.get("is_searching", False),
            consent_purpose=self.cleaned_data["consent_purpose"],
        )
        return data

    @classmethod
    def initial_from(cls, candidate) -> dict:
        return {
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "email": candidate.email,
            "phone": candidate.phone,
            "commune": str(candidate.commune) if candidate.commune_id else "",
            "mobility_radius_km": candidate.mobility_radius_km,
            "held": list(candidate.held_appellations.values_list("code", flat=True)),
            "sought": list(candidate.sought_appellations.values_list("code", flat=True)),
            "skills": list(candidate.skills.values_list("code", flat=True)),
            "contracts": contracts_of_mask(candidate.contract_mask),
            "working_time": candidate.working_time,
            "available_from": candidate.available_from,
            "is_searching": candidate.is_searching,
            "consent_purpose": candidate.consent_purpose,
            "consent": candidate.consent_at is not None,
        }


class SelfRegistrationForm(forms.Form):
    """The person registers alone: the minimum to be matched with offers."""

    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    email = forms.EmailField(label="E-mail (identifiant de connexion)")
    password = forms.CharField(label="Mot de passe (10 caractères au moins)", widget=forms.PasswordInput, min_length=10)
    commune = CommuneField(label="Commune de résidence", strict=True)
    mobility_radius_km = forms.IntegerField(label="Jusqu'à quelle distance pouvez-vous aller (km) ?", initial=20)
    sought_job = forms.CharField(label="Métier recherché (en quelques mots)", max_length=200)
    contracts = forms.MultipleChoiceField(
        label="Contrats souhaités (aucun : indifférent)",
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = forms.DateField(
        label="Disponible à partir du", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    consent = forms.BooleanField(
        label=(
            "J'accepte que mon profil soit enregistré et partagé avec les professionnels de l'emploi et les "
            "employeurs du territoire pour me proposer des offres. Je peux retirer ce consentement à tout moment."
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput | forms.EmailInput | forms.NumberInput | forms.DateInput):
                field.widget.attrs.setdefault("class", "form-control")
            if isinstance(field.widget, forms.PasswordInput):
                field.widget.attrs.setdefault("class", "form-control")

    def clean_email(self):
        # Never say here whether the address already has an account (issue #9: enumeration);
        # the e-mail sent to it does.
        return self.cleaned_data["email"].strip().lower()

    def clean_password(self):
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class ApplicationMoveForm(forms.Form):
    to_state = forms.ChoiceField(
        label="Nouvel état",
        choices=[("", "Choisir…"), *ApplicationState.choices],
        error_messages={"required": "Choisissez le nouvel état de la candidature."},
    )
    refusal_reason = forms.ChoiceField(
        label="Motif du refus", choices=[("", "—")] + list(RefusalReason.choices), required=False
    )
    note = forms.CharField(label="Commentaire", required=False, max_length=500)

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None:
            allowed = set(application.allowed_next_states)
            self.fields["to_state"].choices = [("", "Choisir…")] + [
                c for c in ApplicationState.choices if c[0] in allowed
            ]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ApplyForm(forms.Form):
    message = forms.CharField(
        label="Message (facultatif)", required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
