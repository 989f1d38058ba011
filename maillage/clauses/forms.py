"""Forms of the social-clauses module (input validation; writes go through services)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError

from maillage.accounts.models import BUYER_KINDS, PRESCRIBER_KINDS, SIAE_KINDS, Organisation, OrganisationKind
from maillage.common_text import fold
from maillage.kernel.mde import perimeter_epcis
from maillage.territories.forms import CommuneField
from maillage.territories.models import Epci

from .models import (
    ClauseKind,
    CompanyRole,
    CountingRule,
    Coverage,
    EligibilityCriterion,
    ImportKind,
    Lot,
    LotStatus,
    Market,
    Modality,
    Operation,
    OutcomeSituation,
    Participant,
    ReservedFor,
    SizingMethod,
    SizingPreset,
    identity_key,
)
from .models.catalogue import CentreHoursMode
from .models.limits import (
    MAX_AMOUNT,
    MAX_EUROS_PER_HOUR,
    MAX_HOURLY_COST,
    MAX_MONTH_AMOUNT,
    MAX_MONTH_HOURS,
    MAX_TARGET_HOURS,
)

# Words of a criterion's code or label that make it health data (restricted to the facilitators who follow).
HEALTH_WORDS = {"rqth", "handicap", "handicape", "handicapee", "aah", "mdph", "invalidite", "sante"}
EMPLOYER_KINDS = [OrganisationKind.COMPANY, *SIAE_KINDS]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthField(forms.DateField):
    """A month typed as AAAA-MM (``<input type="month">``), stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


# The perimeter's communes offered as the user types (templates/clauses/_communes_datalist.html).
PERIMETER_DATALIST = forms.TextInput(attrs={"list": "communes-perimetre", "autocomplete": "off"})

# Structures whose facilitators follow operations and cover territories.
FACILITATING_KINDS = (OrganisationKind.MDE, OrganisationKind.PLIE, OrganisationKind.LOCAL_AUTHORITY)


def _org_choices(kinds):
    return Organisation.objects.filter(kind__in=kinds, is_active=True).order_by("name")


class OperationForm(forms.ModelForm):
    commune = CommuneField(
        label="Commune du chantier / du service", required=False, strict=True, widget=PERIMETER_DATALIST
    )

    class Meta:
        model = Operation
        fields = ["name", "buyer", "structure", "commune", "status", "start_on", "end_on", "description"]
        widgets = {"start_on": DateInput(), "end_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = _org_choices(BUYER_KINDS)
        self.fields["structure"].queryset = _org_choices(FACILITATING_KINDS)

    def clean(self):
        data = super().clean()
        if data.get("start_on") and data.get("end_on") and data["end_on"] < data["start_on"]:
            self.add_error("end_on", "La fin précède le début.")
        return data


def _cpv_field(label="Code CPV principal"):
    """A CPV code found by its label (« maçonnerie ») or its digits; the label stays shown beside the code."""
    from django.urls import reverse_lazy

    return forms.CharField(
        label=label,
        max_length=420,
        required=False,
        help_text="Tapez un mot (« maçonnerie ») ou le code à 8 chiffres, puis choisissez.",
        widget=forms.TextInput(attrs={"data-autocomplete": reverse_lazy("referentials:cpv_autocomplete")}),
    )


class MarketForm(forms.ModelForm):
    cpv_code = _cpv_field()

    class Meta:
        model = Market
        fields = ["reference", "object", "cpv_code", "amount", "notified_on", "duration_months"]
        widgets = {"notified_on": DateInput()}

    def clean_cpv_code(self):
        return _clean_cpv(self.cleaned_data.get("cpv_code"))


def _clean_cpv(value: str) -> str:
    """« 45262500 », « 45262500-6 » or « 45262500 – Travaux de maçonnerie » (a suggestion): the 8 digits."""
    value = (value or "").strip()
    digits = value[:8]
    if value and (len(digits) != 8 or not digits.isdigit() or value[8:9] not in {"", "-", " "}):
        raise ValidationError("Le code CPV compte 8 chiffres (ex. 45262500) : choisissez-le dans la liste.")
    return digits


class LotForm(forms.ModelForm):
    commune = CommuneField(label="Lieu d'exécution", required=False, strict=True, widget=PERIMETER_DATALIST)
    cpv_code = _cpv_field("Code CPV")

    class Meta:
        model = Lot
        fields = [
            "number",
            "label",
            "cpv_code",
            "commune",
            "amount",
            "start_on",
            "end_on",
            "duration_months",
            "status",
            "is_framework",
            "penalty_per_hour",
        ]
        widgets = {"start_on": DateInput(), "end_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Closing is an action (it freezes the figures), never a value typed in the lot's form.
        self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] != LotStatus.CLOSED]

    def clean_cpv_code(self):
        return _clean_cpv(self.cleaned_data.get("cpv_code"))

    def clean(self):
        data = super().clean()
        if data.get("start_on") and data.get("end_on") and data["end_on"] < data["start_on"]:
            self.add_error("end_on", "La fin précède le début.")
        return data


class SizingForm(forms.Form):
    preset = forms.ModelChoiceField(
        label="Préréglage (division CPV / corps de métier)", queryset=SizingPreset.objects.none(), required=False
    )
    method = forms.ChoiceField(label="Méthode", choices=SizingMethod.choices, initial=SizingMethod.RATE)
    amount = forms.DecimalField(
        label="Montant HT (€)", min_value=0, max_value=MAX_AMOUNT, max_digits=14, decimal_places=2, required=False
    )
    labour_share = forms.DecimalField(
        label="Part de main-d'œuvre (%)", min_value=0, max_value=100, decimal_places=2, required=False
    )
    insertion_rate = forms.DecimalField(
        label="Taux d'insertion (%)", min_value=0, max_value=100, decimal_places=2, required=False
    )
    hourly_cost = forms.DecimalField(
        label="Coût horaire chargé (€)", min_value=1, max_value=MAX_HOURLY_COST, decimal_places=2, required=False
    )
    euros_per_hour = forms.DecimalField(
        label="Ratio : montant facturé pour 1 heure (€)",
        min_value=1,
        max_value=MAX_EUROS_PER_HOUR,
        decimal_places=2,
        required=False,
    )
    manual_hours = forms.DecimalField(
        label="Heures (saisie directe)", min_value=0, max_value=MAX_TARGET_HOURS, decimal_places=0, required=False
    )

    def __init__(self, *args, presets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset"].queryset = SizingPreset.objects.filter(pk__in=[p.pk for p in presets or []])


class AmendmentForm(forms.Form):
    signed_on = forms.DateField(label="Avenant signé le", widget=DateInput())
    reason = forms.CharField(label="Objet de l'avenant", max_length=255)
    amount = forms.DecimalField(
        label="Nouveau montant HT (€)", min_value=0, max_value=MAX_AMOUNT, decimal_places=2, required=False
    )
    end_on = forms.DateField(label="Nouvelle fin d'exécution", widget=DateInput(), required=False)
    target_hours = forms.DecimalField(
        label="Nouvel objectif d'heures (confirmé)", min_value=0, max_value=MAX_TARGET_HOURS, required=False
    )
    resize = forms.BooleanField(label="Recalculer l'objectif avec le dimensionnement du lot", required=False)


class FrameworkPeriodForm(forms.Form):
    period_start = forms.DateField(label="Début de la période", widget=DateInput())
    period_end = forms.DateField(label="Fin de la période", widget=DateInput())
    ordered = forms.DecimalField(label="Montant commandé HT (€)", min_value=0, max_value=MAX_AMOUNT, decimal_places=2)
    invoiced = forms.DecimalField(label="Montant facturé HT (€)", min_value=0, max_value=MAX_AMOUNT, decimal_places=2)


class LotCompanyForm(forms.Form):
    """The company chosen by name or SIRET among hundreds (searchable), or created in place from its SIRET."""

    company = forms.CharField(
        label="Entreprise (nom ou SIRET)",
        max_length=250,
        help_text="Tapez le nom ou le SIRET et choisissez ; une entreprise nouvelle se crée avec son nom et son SIRET.",
    )
    role = forms.ChoiceField(label="Rôle", choices=CompanyRole.choices)
    start_on = forms.DateField(label="Depuis le", widget=DateInput(), required=False)
    end_on = forms.DateField(label="Jusqu'au", widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        from django.urls import reverse

        super().__init__(*args, **kwargs)
        self.fields["company"].widget.attrs.update({"data-autocomplete": reverse("clauses:company_autocomplete")})

    def clean_company(self):
        from .companies_lookup import resolve

        return resolve(self.cleaned_data["company"])


class LotClauseForm(forms.Form):
    kind = forms.ChoiceField(label="Type de clause", choices=ClauseKind.choices)
    reserved_for = forms.ChoiceField(label="Réservé à (marché réservé)", choices=ReservedFor.choices, required=False)
    award_weight = forms.DecimalField(
        label="Pondération (critère d'attribution, %)", min_value=0, max_value=100, required=False
    )
    notes = forms.CharField(label="Précisions", max_length=255, required=False)


class ParticipantForm(forms.ModelForm):
    # Identity is held once, on the shared person: the form edits it through the part.
    last_name = forms.CharField(label="Nom", max_length=100)
    first_name = forms.CharField(label="Prénom", max_length=100)
    birth_date = forms.DateField(
        label="Date de naissance", widget=DateInput(), help_text="Pour distinguer les homonymes et la tranche d'âge."
    )
    commune = CommuneField(label="Commune de résidence", required=False, strict=True, widget=PERIMETER_DATALIST)

    IDENTITY = ("last_name", "first_name", "birth_date")

    class Meta:
        model = Participant
        fields = ["sex", "commune", "qualification", "prescriber"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prescriber"].queryset = _org_choices(PRESCRIBER_KINDS | set(SIAE_KINDS))
        if self.instance.pk:
            for name in self.IDENTITY:
                self.initial.setdefault(name, getattr(self.instance, name))
        self.order_fields([*self.IDENTITY, "sex", "commune", "qualification", "prescriber"])

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("last_name") and data.get("first_name") and data.get("birth_date"):
            key = identity_key(data["last_name"], data["first_name"], data["birth_date"])
            if Participant.objects.filter(person__identity_key=key).exclude(pk=self.instance.pk).exists():
                raise ValidationError("Une autre fiche porte déjà cette identité : il s'agit sans doute d'un doublon.")
        return data

    def save(self, commit=True):
        for name in self.IDENTITY:
            setattr(self.instance, name, self.cleaned_data[name])
        return super().save(commit=commit)

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        today = date.today()
        if value > today or value.year < today.year - 80 or value.year > today.year - 15:
            raise ValidationError("Date de naissance invraisemblable (la personne doit avoir entre 15 et 80 ans).")
        return value


class ShareConsentForm(forms.Form):
    agreed = forms.BooleanField(
        label="La personne, que j'ai rencontrée, accepte que son dossier soit partagé avec ma structure",
        required=True,
    )
    consent_on = forms.DateField(label="Consentement recueilli le", widget=DateInput(), initial=date.today)


class EligibilityForm(forms.Form):
    criterion = forms.ModelChoiceField(label="Critère", queryset=EligibilityCriterion.objects.filter(is_active=True))
    proof_kind = forms.CharField(label="Justificatif", max_length=120, required=False)
    proof_on = forms.DateField(label="Date du justificatif", required=False, widget=DateInput())
    proof_file = forms.FileField(label="Pièce (PDF, image)", required=False)
    prescriber = forms.ModelChoiceField(
        label="Prescripteur (avis motivé)", queryset=Organisation.objects.none(), required=False
    )
    validated_on = forms.DateField(label="Validé le", initial=date.today, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prescriber"].queryset = _org_choices(PRESCRIBER_KINDS)


@dataclass(frozen=True)
class LotOptions:
    """The options of a lot ``<select>``: one ``<optgroup>`` per operation (its name, said once), « Lot 2 –
    Gros œuvre » in it. ``any_globalisation``: some lot's counting rule allows pooling its hours."""

    choices: list[tuple[str, list[tuple[int, str]]]]
    any_globalisation: bool


def lot_choices(lots) -> LotOptions:
    """Read as plain values, in one query: a facilitator can follow hundreds of lots, and building a model
    instance per option cost 40 ms a select (load bench). A lot's number and label alone repeat across
    operations, hence the groups; the operation's name on every option weighed 100 KB a page."""
    rows = lots.order_by(
        "-market__operation__start_on", "market__operation__name", "market__operation_id", "market__reference", "number"
    ).values_list(
        "pk", "market__operation_id", "market__operation__name", "number", "label", "counting_rule__allow_globalisation"
    )
    choices, any_globalisation = [], False
    for (_operation, name), group in groupby(rows, key=lambda row: (row[1], row[2])):
        options = []
        for pk, _op, _name, number, label, pooling in group:
            options.append((pk, f"Lot {number} – {label}"))
            any_globalisation = any_globalisation or bool(pooling)
        choices.append((name, options))
    return LotOptions(choices, any_globalisation)


def _offer_lots(form, names, lots, options: LotOptions | None = None) -> LotOptions:
    """The lot fields validate against ``lots``; their options (``options`` when the page already read
    them) are read once for all of them."""
    if options is None:
        options = lot_choices(lots) if lots is not None else LotOptions([], False)
    for name in names:
        field = form.fields[name]
        field.queryset = lots if lots is not None else Lot.objects.none()
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.widget.choices = [*empty, *options.choices]
    return options


class ContractForm(forms.Form):
    lot = forms.ModelChoiceField(label="Lot", queryset=Lot.objects.none())
    employer = forms.ModelChoiceField(label="Employeur / structure", queryset=Organisation.objects.none())
    modality = forms.ChoiceField(label="Modalité", choices=Modality.choices)
    start_on = forms.DateField(label="Début", widget=DateInput())
    end_on = forms.DateField(label="Fin (prévue)", required=False, widget=DateInput())
    job_title = forms.CharField(label="Poste", max_length=200, required=False)
    credited_lot = forms.ModelChoiceField(
        label="Imputer les heures sur un autre lot (globalisation)",
        queryset=Lot.objects.none(),
        required=False,
        help_text="Seulement si une convention de globalisation le prévoit et que la règle du lot l'autorise.",
    )

    def __init__(self, *args, lots=None, lot_options=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = _offer_lots(self, ("lot", "credited_lot"), lots, lot_options)
        # Pooling needs the worked lot's rule to allow it (services): with no such lot, a select of every lot
        # could only lead to a refusal. The field stays (hidden, empty) so that what is posted is checked alike.
        self.globalisation_closed = not options.any_globalisation
        if self.globalisation_closed:
            self.fields["credited_lot"].widget = forms.HiddenInput()
        self.fields["employer"].queryset = _org_choices(EMPLOYER_KINDS)


class StatementForm(forms.Form):
    month = MonthField(label="Mois")
    hours = forms.DecimalField(label="Heures", min_value=0, max_value=MAX_MONTH_HOURS, decimal_places=2)
    amount = forms.DecimalField(
        label="Montant facturé HT (sous-traitance, €)",
        min_value=0,
        max_value=MAX_MONTH_AMOUNT,
        decimal_places=2,
        required=False,
    )
    training_centre_hours = forms.DecimalField(
        label="Dont heures en centre de formation (apprentissage, professionnalisation)",
        min_value=0,
        max_value=MAX_MONTH_HOURS,
        decimal_places=2,
        required=False,
    )
    proof = forms.FileField(label="Justificatif (bulletin de salaire, facture…)", required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label="Motif du rejet", max_length=255)


class OutcomeForm(forms.Form):
    lot = forms.ModelChoiceField(label="Lot", queryset=Lot.objects.none(), required=False)
    path_end_on = forms.DateField(label="Fin du parcours", widget=DateInput())
    observed_on = forms.DateField(label="Situation constatée le", widget=DateInput(), initial=date.today)
    # Nothing preselected: a form sent unread recorded « En emploi durable » (a steering figure).
    situation = forms.ChoiceField(
        label="Situation à 6 mois",
        choices=[("", "Choisir…"), *OutcomeSituation.choices],
        error_messages={"required": "Choisissez la situation constatée (« Situation inconnue » si elle l'est)."},
    )

    def __init__(self, *args, lots=None, lot_options=None, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_lots(self, ("lot",), lots, lot_options)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = EligibilityCriterion
        fields = [
            "code",
            "label",
            "is_health_data",
            "validity_months",
            "proof_hint",
            "needs_prescriber_opinion",
            "age_from",
            "age_under",
            "is_active",
            "order",
        ]

    def clean(self):
        data = super().clean()
        age_from, age_under = data.get("age_from"), data.get("age_under")
        if age_from is not None and age_under is not None and age_from >= age_under:
            self.add_error("age_under", "La limite d'âge doit dépasser l'âge minimum.")
        words = set(fold(f"{data.get('code', '')} {data.get('label', '')}").split())
        if words & HEALTH_WORDS and not data.get("is_health_data"):
            self.add_error(
                "is_health_data",
                "Ce critère relève de la santé (handicap, RQTH, AAH) : cochez « donnée de santé » pour que seuls "
                "les facilitateurs qui suivent la personne le voient.",
            )
        return data


class PresetForm(forms.ModelForm):
    class Meta:
        model = SizingPreset
        fields = [
            "epci",
            "cpv_division",
            "cpv_prefix",
            "trade",
            "method",
            "labour_share",
            "insertion_rate",
            "hourly_cost",
            "euros_per_hour",
        ]

    def clean_cpv_division(self):
        value = self.cleaned_data["cpv_division"].strip()
        if not (value.isdigit() and len(value) == 2):
            raise ValidationError("La division CPV compte 2 chiffres (ex. 45).")
        return value

    def clean_cpv_prefix(self):
        value = (self.cleaned_data.get("cpv_prefix") or "").strip()
        if value and not (value.isdigit() and 2 <= len(value) <= 8):
            raise ValidationError("Le groupe CPV compte de 2 à 8 chiffres (ex. 4544).")
        return value

    def clean(self):
        data = super().clean()
        if (
            data.get("cpv_prefix")
            and data.get("cpv_division")
            and not data["cpv_prefix"].startswith(data["cpv_division"])
        ):
            self.add_error("cpv_prefix", "Le groupe CPV doit commencer par la division.")
        if data.get("method") == SizingMethod.RATIO and not data.get("euros_per_hour"):
            self.add_error("euros_per_hour", "Le ratio exige le montant facturé pour une heure.")
        return data


class RuleForm(forms.ModelForm):
    class Meta:
        model = CountingRule
        fields = [
            "name",
            "epci",
            "buyer",
            "lasting_bonus_percent",
            "training_monthly_cap",
            "subcontracting_mode",
            "conversion_labour_share",
            "conversion_hourly_cost",
            "monthly_hours_max",
            "centre_hours_mode",
            "centre_hours_cap",
            "allow_globalisation",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = _org_choices(BUYER_KINDS)
        self.fields["centre_hours_mode"].required = False

    def clean_centre_hours_mode(self):
        return self.cleaned_data.get("centre_hours_mode") or CentreHoursMode.COUNT

    def clean(self):
        data = super().clean()
        if data.get("conversion_hourly_cost") is not None and data["conversion_hourly_cost"] <= Decimal("0"):
            self.add_error("conversion_hourly_cost", "Le coût horaire doit être positif.")
        clash = CountingRule.objects.filter(epci=data.get("epci"), buyer=data.get("buyer")).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Une règle existe déjà pour ce territoire et ce donneur d'ordre : modifiez-la.")
        return data


class CoverageForm(forms.ModelForm):
    class Meta:
        model = Coverage
        fields = ["facilitator", "structure", "epcis", "buyers", "market_kinds", "fte", "funding"]
        widgets = {"epcis": forms.CheckboxSelectMultiple, "buyers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, structures=None, **kwargs):
        from maillage.accounts.models import Role, User

        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = User.objects.filter(
            memberships__role=Role.FACILITATOR, memberships__is_active=True
        ).distinct()
        self.fields["structure"].queryset = _org_choices(FACILITATING_KINDS)
        if structures is not None:  # a facilitator declares the coverage of their own structures only
            self.fields["structure"].queryset = self.fields["structure"].queryset.filter(pk__in=structures)
        perimeter = perimeter_epcis()
        self.fields["epcis"].queryset = perimeter if perimeter.exists() else Epci.objects.all()[:200]
        self.fields["buyers"].queryset = _org_choices(BUYER_KINDS)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="Contenu du fichier", choices=ImportKind.choices)
    file = forms.FileField(label="Fichier CSV (séparateur ;) ou XLSX", help_text="5 Mo au plus.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError("Le fichier dépasse 5 Mo.")
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise ValidationError("Format non reconnu : envoyez un fichier .csv ou .xlsx.")
        return upload
