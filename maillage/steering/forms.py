"""Forms of the steering module: they validate input and say what is wrong in plain French."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from maillage.accounts.models import Organisation

from .models import (
    SENSITIVE_FIELDS,
    Action,
    ActionIndicator,
    ActivityReport,
    Axis,
    Cohort,
    Commitment,
    Committee,
    CommitteeMember,
    Convention,
    ConventionDocument,
    FollowUpAction,
    FseParticipant,
    Funder,
    FundingLine,
    Meeting,
    Member,
    Milestone,
    PathStep,
    Programme,
    ProgrammeParticipant,
    TimeEntry,
)
from .selectors.plan import indicator_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_EXTENSIONS = {".pdf", ".odt", ".docx", ".doc", ".xlsx", ".ods", ".png", ".jpg", ".jpeg"}


class StyledForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)
            if isinstance(field.widget, forms.DateInput):
                field.widget = DATE
                field.widget.is_required = field.required


class MemberForm(StyledForm):
    class Meta:
        model = Member
        fields = ["organisation", "college", "joined_on", "left_on", "fee", "representative"]


class ConventionForm(StyledForm):
    class Meta:
        model = Convention
        fields = ["title", "object", "parties", "fields_of_cooperation", "signed_on", "end_on", "renewal_notice_days"]
        widgets = {"parties": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = Organisation.objects.filter(is_active=True).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("signed_on") and data.get("end_on") and data["end_on"] < data["signed_on"]:
            self.add_error("end_on", "La fin doit suivre la signature.")
        return data


class ConventionDocumentForm(StyledForm):
    class Meta:
        model = ConventionDocument
        fields = ["title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not any(name.endswith(ext) for ext in DOCUMENT_EXTENSIONS):
            raise ValidationError("Format accepté : PDF, bureautique (ODT, DOCX, XLSX, ODS) ou image (PNG, JPEG).")
        if upload.size > MAX_DOCUMENT_BYTES:
            raise ValidationError("Le fichier dépasse 10 Mo.")
        return upload


class IndicatorKeyField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)

    def refresh(self, blank: bool = False):
        self.choices = ([("", "— aucun —")] if blank else []) + indicator_choices()


class CommitmentForm(StyledForm):
    indicator_key = IndicatorKeyField(label="Indicateur", required=False)

    class Meta:
        model = Commitment
        fields = ["label", "indicator_key", "target"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].refresh(blank=True)


class CommitteeForm(StyledForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "convention", "meetings_per_year"]


class CommitteeMemberForm(StyledForm):
    class Meta:
        model = CommitteeMember
        fields = ["name", "organisation", "function"]


class MeetingForm(StyledForm):
    class Meta:
        model = Meeting
        fields = ["date", "place", "agenda", "minutes", "attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = committee.members.all()
        self.fields["attendees"].label = "Présents"


class DecisionForm(forms.Form):
    text = forms.CharField(label="Décision", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    follow_up = forms.CharField(
        label="Action de suivi",
        max_length=300,
        required=False,
        help_text="Ce que la décision demande de faire : suivi jusqu'à sa réalisation.",
    )
    owner = forms.ModelChoiceField(label="Responsable", queryset=None, required=False)
    due_on = forms.DateField(label="Échéance", required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(is_active=True).order_by("email")

    def clean(self):
        data = super().clean()
        if (data.get("owner") or data.get("due_on")) and not data.get("follow_up"):
            self.add_error(
                "follow_up", "Décrivez l'action de suivi avant de lui donner un responsable ou une échéance."
            )
        return data


class FollowUpStatusForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["status"]


class AxisForm(StyledForm):
    class Meta:
        model = Axis
        fields = ["code", "label", "order"]


class ActionForm(StyledForm):
    class Meta:
        model = Action
        fields = [
            "axis",
            "year",
            "title",
            "objectives",
            "owner",
            "partners",
            "status",
            "is_fse_cofunded",
            "fse_public_bodies_supported",
            "fse_smes_supported",
        ]
        widgets = {"partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(is_active=True).order_by("email")
        self.fields["partners"].queryset = Organisation.objects.filter(is_active=True).order_by("name")


class ActionIndicatorForm(StyledForm):
    indicator_key = IndicatorKeyField(label="Indicateur (fourni par un module)")

    class Meta:
        model = ActionIndicator
        fields = ["indicator_key", "target", "epcis", "start", "end", "funder"]
        widgets = {"epcis": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        from maillage.kernel import mde

        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].refresh()
        perimeter = mde.perimeter_epcis()
        if perimeter.exists():
            self.fields["epcis"].queryset = perimeter.order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "La fin de période doit suivre son début.")
        return data


class MilestoneForm(StyledForm):
    class Meta:
        model = Milestone
        fields = ["label", "due_on", "done_on"]


class TimeEntryForm(StyledForm):
    month = forms.DateField(
        label="Mois",
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )

    class Meta:
        model = TimeEntry
        fields = ["staff", "month", "hours", "hourly_cost"]

    def clean_month(self):
        return self.cleaned_data["month"].replace(day=1)


class FunderForm(StyledForm):
    class Meta:
        model = Funder
        fields = ["name", "kind", "organisation"]


class FundingLineForm(StyledForm):
    class Meta:
        model = FundingLine
        fields = ["funder", "year", "budget", "actual", "cofinancing_rate"]

    def clean(self):
        data = super().clean()
        funder = data.get("funder")
        if funder and funder.kind == "fse" and data.get("cofinancing_rate") is None:
            self.add_error("cofinancing_rate", "Indiquez le taux de cofinancement du FSE+.")
        return data


# --- FSE+ ---


class FseEntryForm(StyledForm):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    birth_date = forms.DateField(
        label="Date de naissance",
        required=False,
        widget=DATE,
        help_text="Sert à calculer l'âge à l'entrée ; vide : indiquez l'âge.",
    )

    class Meta:
        model = FseParticipant
        fields = [
            "entry_date",
            "sex",
            "age_at_entry",
            "labour_status",
            "education",
            "rural",
            "sensitive_consent",
            *SENSITIVE_FIELDS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sex", "labour_status", "education", "rural"):
            self.fields[name].required = True
        if self.instance.pk and self.instance.person_id:
            person = self.instance.person
            self.fields["first_name"].initial = person.first_name
            self.fields["last_name"].initial = person.last_name
            self.fields["birth_date"].initial = person.birth_date
        for name in SENSITIVE_FIELDS:
            self.fields[name].help_text = "Seulement avec le consentement de la personne."

    def clean(self):
        data = super().clean()
        birth, entry = data.get("birth_date"), data.get("entry_date")
        if birth and entry:
            if birth >= entry:
                self.add_error("birth_date", "La date de naissance doit précéder l'entrée.")
            elif data.get("age_at_entry") is None:
                data["age_at_entry"] = entry.year - birth.year - ((entry.month, entry.day) < (birth.month, birth.day))
                self.instance.age_at_entry = data["age_at_entry"]
        if data.get("age_at_entry") is None and not birth:
            self.add_error("age_at_entry", "Indiquez l'âge à l'entrée ou la date de naissance.")
        if not data.get("sensitive_consent") and any(data.get(name) for name in SENSITIVE_FIELDS):
            self.add_error(
                "sensitive_consent",
                "Les situations de désavantage ne peuvent être enregistrées qu'avec le consentement de la personne.",
            )
        if entry and entry > date.today():
            self.add_error("entry_date", "La date d'entrée ne peut pas être dans le futur.")
        return data


class FseExitForm(StyledForm):
    class Meta:
        model = FseParticipant
        fields = ["exit_date", "exit_situation", "qualification_gained"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True

    def clean_exit_date(self):
        exit_date = self.cleaned_data["exit_date"]
        if exit_date < self.instance.entry_date:
            raise ValidationError("La sortie ne peut pas précéder l'entrée.")
        return exit_date


class FseFollowUpForm(StyledForm):
    class Meta:
        model = FseParticipant
        fields = ["followup_date", "employed_six_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True

    def clean_followup_date(self):
        followup = self.cleaned_data["followup_date"]
        if self.instance.exit_date is None:
            raise ValidationError("Enregistrez d'abord la sortie.")
        if followup < self.instance.exit_date:
            raise ValidationError("Le suivi à six mois ne peut pas précéder la sortie.")
        return followup


# --- Programmes ---


class ProgrammeForm(StyledForm):
    agreement = forms.TypedChoiceField(
        label="Convention de revitalisation", required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = Programme
        # ``agreement`` is the declared field above (a choice read from the companies module's selectors).
        fields = ["name", "kind", "description", "action", "pilot_partner", "age_min", "age_max"]

    def __init__(self, *args, agreement_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].choices = [("", "— aucune —"), *agreement_choices]
        if self.instance.agreement_id:
            self.initial["agreement"] = self.instance.agreement_id

    def clean(self):
        data = super().clean()
        if data.get("age_min") and data.get("age_max") and data["age_max"] < data["age_min"]:
            self.add_error("age_max", "L'âge maximum doit dépasser l'âge minimum.")
        return data

    def save(self, commit=True):
        self.instance.agreement_id = self.cleaned_data.get("agreement")
        return super().save(commit)


class CohortForm(StyledForm):
    class Meta:
        model = Cohort
        fields = ["label", "start", "end"]


class ProgrammeParticipantForm(StyledForm):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    birth_date = forms.DateField(label="Date de naissance", required=False, widget=DATE)
    mentor_name = forms.CharField(label="Parrain ou marraine (prénom nom)", max_length=200, required=False)

    class Meta:
        model = ProgrammeParticipant
        fields = ["joined_on", "outcome", "outcome_on"]


class PathStepForm(StyledForm):
    class Meta:
        model = PathStep
        fields = ["date", "label"]


class ReportForm(StyledForm):
    class Meta:
        model = ActivityReport
        fields = list(ActivityReport.NARRATIVE_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in ActivityReport.NARRATIVE_FIELDS}
