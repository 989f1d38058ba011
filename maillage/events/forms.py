"""Forms of the events module: they validate input and say what is wrong in plain French."""

import re

from django import forms
from django.utils import timezone

from maillage.accounts.models import Organisation
from maillage.territories.forms import CommuneField

from .choices import (
    REGISTRANT_PUBLICS,
    ApplicationDecision,
    AttendanceMode,
    ContractType,
    EventKind,
    Modality,
    NotRetainedReason,
    Objective,
    PartnerRole,
    Period,
    Public,
    Sector,
    Situation,
    SlotChannel,
)
from .models import MAX_CAPACITY, Event, validate_rome_codes

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
_CODE = re.compile(r"\(?(\d[0-9AB]\d{3})\)?\s*$")


class RomeCodesField(forms.CharField):
    """ROME codes, one per line, shown with their label (« H2913 – Soudage manuel »): the label is read back
    and ignored, several codes may share a line (« H2913 N1103 »), a line without a code is refused."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            from maillage.referentials.selectors import fiche_labels

            labels = fiche_labels(value)
            return "\n".join(f"{code} – {labels[code]}" if code in labels else code for code in value)
        return value

    def clean(self, value):
        from maillage.referentials.selectors import rome_codes_in

        value = super().clean(value) or ""
        codes, wrong = set(), []
        for line in value.splitlines():
            found = rome_codes_in(line)
            if found:
                codes.update(found)
            elif line.strip():
                wrong.append(line.strip()[:10])
        if wrong:
            raise forms.ValidationError(f"Code ROME invalide : {wrong[0]} (une lettre et quatre chiffres).")
        try:
            validate_rome_codes(sorted(codes))
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return sorted(codes)


class EventForm(forms.ModelForm):
    commune = CommuneField(required=False, strict=True, help_text="Vide pour un événement en ligne.")
    rome_search = forms.CharField(
        label="Ajouter un métier",
        required=False,
        max_length=100,
        help_text="Tapez un métier (« soudure ») ou un code ROME, puis choisissez : il s'ajoute à la liste ci-dessous.",
    )
    rome_codes = RomeCodesField(
        label="Métiers (codes ROME)",
        required=False,
        help_text="Un métier par ligne (« H2913 – Soudage manuel ») ; ceux des offres des stands s'ajoutent seuls.",
    )
    publics = forms.MultipleChoiceField(
        label="Publics", choices=Public.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    objectives = forms.MultipleChoiceField(
        label="Objectifs", choices=Objective.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    join_url = forms.URLField(
        label="Lien pour participer à distance", max_length=500, required=False, assume_scheme="https"
    )
    replay_url = forms.URLField(label="Lien du replay", max_length=500, required=False, assume_scheme="https")
    capacity_on_site = forms.IntegerField(label="Places sur place", min_value=0, max_value=MAX_CAPACITY, initial=0)
    capacity_remote = forms.IntegerField(label="Places à distance", min_value=0, max_value=MAX_CAPACITY, initial=0)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "status",
            "description",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "modality",
            "capacity_on_site",
            "capacity_remote",
            "commune",
            "address",
            "organiser",
            "rome_codes",
            "sector",
            "multisectoral",
            "publics",
            "objectives",
            "applications_open",
            "applications_close",
            "join_url",
            "replay_url",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "applications_open": DATE,
            "applications_close": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.urls import reverse

        from maillage.accounts.policies import organisation_ids_of

        self.fields["rome_search"].widget.attrs.update(
            {
                "data-autocomplete": reverse("referentials:fiche_autocomplete"),
                "data-autocomplete-append": "#id_rome_codes",
            }
        )
        order = list(self.fields)
        order.remove("rome_search")
        order.insert(order.index("rome_codes"), "rome_search")
        self.order_fields(order)
        orgs = Organisation.objects.exclude(kind="entreprise").order_by("name")
        self.fields["organiser"].queryset = orgs
        if not self.instance.pk and user is not None:
            own = organisation_ids_of(user)
            first = orgs.filter(pk__in=own).first()
            if first:
                self.fields["organiser"].initial = first.pk


class StandForm(forms.Form):
    establishment = forms.ModelChoiceField(label="Entreprise exposante", queryset=None)
    presentation = forms.CharField(
        label="Présentation", max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recruiters = forms.CharField(label="Recruteurs présents", max_length=300, required=False)

    def __init__(self, *args, establishments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = establishments


class StandEditForm(forms.Form):
    presentation = forms.CharField(
        label="Présentation", max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recruiters = forms.CharField(label="Recruteurs présents", max_length=300, required=False)


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Organisation partenaire", queryset=None)
    role = forms.ChoiceField(label="Rôle", choices=PartnerRole.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by("name")


class ExistingOfferForm(forms.Form):
    offer = forms.ModelChoiceField(
        label="Offre du module Offres",
        queryset=None,
        error_messages={
            "required": "Choisissez une offre publiée de l'entreprise.",
            "invalid_choice": "Choisissez une offre publiée de l'entreprise.",
        },
    )

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers


class NewOfferForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'offre", max_length=255)
    appellation = forms.CharField(
        label="Métier (appellation ROME)",
        max_length=300,
        help_text="Tapez le métier (« soudeur ») ou son code OGR (38727), puis choisissez dans la liste.",
    )
    contract_type = forms.ChoiceField(label="Type de contrat", choices=ContractType.choices)
    positions = forms.IntegerField(label="Nombre de postes", min_value=1, max_value=500, initial=1)
    description = forms.CharField(
        label="Description", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        from django.urls import reverse

        super().__init__(*args, **kwargs)
        self.fields["appellation"].widget.attrs["data-autocomplete"] = reverse("referentials:appellation_autocomplete")

    def clean_appellation(self):
        from maillage.referentials.models import Appellation

        found = re.match(r"\s*(\d+)", self.cleaned_data["appellation"])  # « 38727 – Soudeur / Soudeuse (H2913) »
        appellation = Appellation.objects.filter(code=found.group(1)).first() if found else None
        if appellation is None:
            raise forms.ValidationError("Appellation ROME inconnue : choisissez le métier dans la liste proposée.")
        return appellation


class QuestionForm(forms.Form):
    """A pre-selection question of one offer of a stand (one form per offer: ``prefix`` and the offer's title)."""

    text = forms.CharField(label="Question (réponse oui ou non)", max_length=300)
    expected_answer = forms.TypedChoiceField(
        label="Réponse attendue", choices=[("1", "Oui"), ("0", "Non")], coerce=lambda v: v == "1", initial="1"
    )
    is_eliminatory = forms.BooleanField(label="Éliminatoire", required=False)

    def __init__(self, *args, offer_title: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if offer_title:  # several offers on one page: each field says which one it is for
            self.fields["text"].label = f"Question (réponse oui ou non) pour « {offer_title} »"


class SlotsForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Premier créneau", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    count = forms.IntegerField(label="Nombre de créneaux", min_value=1, max_value=60, initial=6)
    duration_minutes = forms.IntegerField(label="Durée (minutes)", min_value=5, max_value=240, initial=20)
    channel = forms.ChoiceField(label="Modalité", choices=SlotChannel.choices)
    recruiter = forms.CharField(label="Recruteur", max_length=120, required=False)
    location = forms.CharField(label="Lieu ou numéro de téléphone", max_length=200, required=False)
    video_url = forms.URLField(label="Lien de visioconférence", max_length=500, required=False, assume_scheme="https")


class RegistrationForm(forms.Form):
    first_name = forms.CharField(
        label="Prénom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Nom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        help_text="Pour la confirmation, le rappel et le lien d'annulation.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Téléphone (facultatif)",
        max_length=30,
        required=False,
        help_text="Si un recruteur vous propose un entretien par téléphone.",
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    commune = CommuneField(
        label="Commune de résidence (facultatif)",
        required=False,
        help_text="Nom ou code postal : sert aux statistiques par territoire.",
    )
    public = forms.ChoiceField(
        label="Votre situation (facultatif)",
        choices=[("", "Je préfère ne pas le dire")] + REGISTRANT_PUBLICS,
        required=False,
    )
    mode = forms.ChoiceField(label="Je participe", choices=AttendanceMode.choices, widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label="J'accepte que la Maison de l'Emploi utilise ces données pour gérer mon inscription "
        "(elles sont supprimées 12 mois après l'événement).",
    )
    invitations_consent = forms.BooleanField(
        label="Je souhaite être invité·e à d'autres événements emploi (facultatif).", required=False
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        modes = event.modes() if event else list(AttendanceMode.values)
        self.fields["mode"].choices = [(c, label) for c, label in AttendanceMode.choices if c in modes]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]
            self.fields["mode"].widget = forms.HiddenInput()


class WalkInForm(RegistrationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = False
        self.fields["consent"].label = "La personne accepte l'utilisation de ses données pour l'événement."


class OnBehalfForm(RegistrationForm):
    follow_up = forms.BooleanField(label="La personne est accompagnée par ma structure", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = "La personne a donné son accord pour cette inscription."


class DecisionForm(forms.Form):
    """The recruiter's decision on one application (one form per application: ``prefix`` and the person's name)."""

    # Nothing preselected: « Retenu » was what a form sent unread said of the person.
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("", "Choisir…"), ("retenu", "Retenu"), ("non_retenu", "Non retenu")],
        error_messages={"required": "Choisissez « Retenu » ou « Non retenu »."},
    )
    reason = forms.ChoiceField(
        label="Motif (si non retenu)", choices=[("", "—")] + NotRetainedReason.choices, required=False
    )

    def __init__(self, *args, registrant: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if registrant:
            self.fields["decision"].label = f"Décision pour {registrant}"

    def clean(self):
        data = super().clean()
        if data.get("decision") == ApplicationDecision.NOT_RETAINED and not data.get("reason"):
            self.add_error("reason", "Choisissez le motif, il sera présenté avec tact au candidat.")
        return data


class OutcomeForm(forms.Form):
    interviewed = forms.BooleanField(label="Entretien passé", required=False)
    hired = forms.BooleanField(label="Recruté", required=False)
    contract_type = forms.ChoiceField(
        label="Type de contrat", choices=[("", "—")] + ContractType.choices, required=False
    )
    hired_on = forms.DateField(label="Date d'embauche", required=False, widget=DATE)
    situation_1m = forms.ChoiceField(
        label="Situation à 1 mois", choices=[("", "—")] + Situation.choices, required=False
    )
    situation_3m = forms.ChoiceField(
        label="Situation à 3 mois", choices=[("", "—")] + Situation.choices, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("hired") and not data.get("contract_type"):
            self.add_error("contract_type", "Indiquez le type de contrat de l'embauche.")
        if data.get("hired_on") and data["hired_on"] > timezone.localdate() + timezone.timedelta(days=365):
            self.add_error("hired_on", "Date trop lointaine.")
        return data


class SatisfactionForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Votre satisfaction",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(5, "5 – très satisfait"), (4, "4"), (3, "3"), (2, "2"), (1, "1 – pas satisfait")],
    )
    useful = forms.TypedChoiceField(
        label="L'événement vous a-t-il été utile ?",
        choices=[("1", "Oui"), ("0", "Non")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Commentaire (facultatif)", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CalendarFilterForm(forms.Form):
    q = forms.CharField(label="Mots-clés", max_length=100, required=False)
    kind = forms.ChoiceField(label="Type", choices=[("", "Tous")] + EventKind.choices, required=False)
    modality = forms.ChoiceField(
        label="Modalité", choices=[("", "Toutes"), ("ENPHY", "En physique"), ("ADIST", "À distance")], required=False
    )
    sector = forms.ChoiceField(label="Secteur", choices=[("", "Tous")] + Sector.choices, required=False)
    public = forms.ChoiceField(label="Public", choices=[("", "Tous")] + Public.choices, required=False)
    rome = forms.CharField(
        label="Métier",
        max_length=300,
        required=False,
        widget=forms.Select,
        help_text="Les métiers concernés par les événements proposés.",
    )
    epci = forms.ChoiceField(label="Territoire (EPCI)", required=False)
    date_from = forms.DateField(label="Du", required=False, widget=DATE)
    date_to = forms.DateField(label="Au", required=False, widget=DATE)

    def __init__(self, *args, epcis=(), metiers=(), **kwargs):
        """``metiers``: ``(code, label)`` of the ROME fiches of the events listed (``selectors.metier_choices``)."""
        super().__init__(*args, **kwargs)
        self.fields["epci"].choices = [("", "Tous")] + list(epcis)
        choices = list(metiers)
        asked = self._asked_rome()
        key = self.add_prefix("rome")
        if self.is_bound and self.data.get(key, "") != asked:
            self.data = self.data.copy()
            self.data[key] = asked  # the select shows the code read (« h2605 » → « H2605 »), or nothing
        if asked and asked not in {code for code, _label in choices}:
            # A shared link to a métier without any event now: keep it chosen (the list says « aucun »).
            from maillage.referentials.selectors import fiche_labels

            label = fiche_labels([asked]).get(asked)
            choices.append((asked, f"{label} ({asked})" if label else asked))
        self.fields["rome"].widget.choices = [("", "Tous les métiers")] + choices

    def _asked_rome(self) -> str:
        from maillage.referentials.selectors import rome_codes_in

        codes = rome_codes_in(self.data.get(self.add_prefix("rome"), "")) if self.is_bound else []
        return codes[0] if codes else ""

    def clean_rome(self):
        """The code of the métier chosen (« H2605 », also read from « h2605 » or a label with its code);
        anything else is ignored rather than refused, so that the other filters still apply."""
        return self._asked_rome()


class StaffEventFilterForm(CalendarFilterForm):
    """The staff list's filters: the calendar's, and which period (upcoming events by default)."""

    periode = forms.ChoiceField(label="Période", choices=Period.CHOICES, required=False)

    field_order = ["periode"]


__all__ = ["Modality"]
