"""Forms of the directory: search, questionnaire, listings, eligibility rules, referrals, imports."""

from django import forms
from django.core.exceptions import ValidationError

from maillage.kernel.forms import https_urls
from maillage.territories.forms import CommuneField

from . import schema
from .importers import MAX_BYTES, PRESETS, SERVICE_FIELDS
from .models import CECRL_LEVELS, DIPLOMA_LEVELS, EligibilityRule, RefusalReason, RuleKind, Service, Structure

YES_NO = [("", "Non renseigné"), ("oui", "Oui"), ("non", "Non")]


def _grouped_thematiques(empty: str = "Toutes les thématiques"):
    choices = [("", empty)]
    for category, text, members in schema.thematiques_by_category():
        choices.append((text, [(category, f"{text} (toutes)")] + members))
    return choices


class SearchForm(forms.Form):
    q = forms.CharField(label="Mots-clés", max_length=100, required=False)
    thematique = forms.ChoiceField(label="Thématique", required=False, choices=_grouped_thematiques)
    commune = CommuneField(label="Commune", required=False)
    distance = forms.IntegerField(label="Distance (km)", min_value=1, max_value=200, initial=20, required=False)
    public = forms.ChoiceField(label="Public", required=False, choices=[("", "Tous")] + schema.PUBLICS)


def _tri(value: str):
    return {"oui": True, "non": False}.get(value)


class QuestionnaireForm(forms.Form):
    thematiques = forms.MultipleChoiceField(
        label="Besoins", choices=schema.CATEGORIES, widget=forms.CheckboxSelectMultiple, required=True
    )
    commune = CommuneField(label="Commune de résidence", required=True, strict=True)
    distance = forms.IntegerField(label="Distance maximale (km)", min_value=1, max_value=200, initial=30)
    age = forms.IntegerField(label="Âge", min_value=14, max_value=100, required=False)
    job_seeker = forms.ChoiceField(label="Inscrite comme demandeuse d'emploi", choices=YES_NO, required=False)
    rsa = forms.ChoiceField(label="Bénéficiaire du RSA", choices=YES_NO, required=False)
    qpv = forms.ChoiceField(label="Réside dans un quartier prioritaire (QPV)", choices=YES_NO, required=False)
    language_level = forms.ChoiceField(label="Niveau de français (CECRL)", choices=CECRL_LEVELS, required=False)
    diploma_level = forms.ChoiceField(label="Diplôme le plus élevé", choices=DIPLOMA_LEVELS, required=False)
    driving_licence = forms.ChoiceField(label="Permis B", choices=YES_NO, required=False)
    disability = forms.ChoiceField(
        label="Reconnaissance du handicap (RQTH)",
        choices=YES_NO,
        required=False,
        help_text="Donnée de santé : sert seulement à ce calcul, elle n'est ni enregistrée ni transmise.",
    )

    def answers(self):
        from .eligibility import Answers

        data = self.cleaned_data
        commune = data["commune"]
        return Answers(
            age=data.get("age"),
            job_seeker=_tri(data.get("job_seeker")),
            rsa=_tri(data.get("rsa")),
            qpv=_tri(data.get("qpv")),
            commune_code=commune.code if commune else "",
            epci_code=(commune.epci_id or "") if commune else "",
            departement_code=commune.departement_id if commune else "",
            language_level=data.get("language_level") or "",
            diploma_level=data.get("diploma_level") or "",
            driving_licence=_tri(data.get("driving_licence")),
            disability=_tri(data.get("disability")),
        )


class StructureForm(forms.ModelForm):
    commune_input = CommuneField(label="Commune", required=False)

    class Meta:
        model = Structure
        formfield_callback = https_urls
        fields = [
            "name", "description", "siret", "address", "address_extra", "postal_code", "phone", "email",
            "website", "opening_hours", "organisation",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_opening_hours(self):
        value = self.cleaned_data["opening_hours"].strip()
        if not schema.valid_opening_hours(value):
            raise ValidationError("Format OpenStreetMap attendu, par exemple « Mo-Fr 09:00-12:00,14:00-17:00 ».")
        return value


class ServiceForm(forms.ModelForm):
    commune_input = CommuneField(label="Commune du lieu d'accueil", required=False)
    thematiques = forms.MultipleChoiceField(
        label="Thématiques", choices=schema.THEMATIQUES, widget=forms.CheckboxSelectMultiple, required=True
    )
    publics = forms.MultipleChoiceField(
        label="Publics", choices=schema.PUBLICS, widget=forms.CheckboxSelectMultiple, required=False
    )
    reception_modes = forms.MultipleChoiceField(
        label="Modes d'accueil", choices=schema.RECEPTION_MODES, widget=forms.CheckboxSelectMultiple, required=False
    )
    mobilisation_modes = forms.MultipleChoiceField(
        label="Modes de mobilisation", choices=schema.MOBILISATION_MODES, widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    mobilisable_by = forms.MultipleChoiceField(
        label="Mobilisable par", choices=schema.MOBILISERS, widget=forms.CheckboxSelectMultiple, required=False
    )
    zone = forms.CharField(
        label="Zone d'éligibilité (codes COG)",
        max_length=500,
        required=False,
        help_text="Codes INSEE de communes, SIREN d'EPCI, codes de départements ou « france », séparés par un espace.",
    )

    class Meta:
        model = Service
        formfield_callback = https_urls
        fields = [
            "name", "description", "type", "fees", "fees_details", "publics_details", "access_conditions",
            "address", "postal_code", "phone", "email", "contact_name", "mobilisation_url",
            "mobilisation_details", "weekly_hours", "weeks", "opening_hours",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["zone"].initial = " ".join(self.instance.eligibility_zone or [])
            self.fields["commune_input"].initial = self.instance.commune_id or ""
            for name in ("thematiques", "publics", "reception_modes", "mobilisation_modes", "mobilisable_by"):
                self.fields[name].initial = getattr(self.instance, name)

    def clean_zone(self):
        import re

        codes = self.cleaned_data["zone"].split()
        for code in codes:
            if not (code == "france" or re.fullmatch(r"\d{5}|\d{9}|\d{2,3}|2[AB]|99[0-5]\d{2}|\w{5}", code)):
                raise ValidationError(f"Code « {code[:20]} » : ni commune, ni EPCI, ni département.")
        return codes

    def clean_opening_hours(self):
        value = self.cleaned_data["opening_hours"].strip()
        if not schema.valid_opening_hours(value):
            raise ValidationError("Format OpenStreetMap attendu, par exemple « Mo-Fr 09:00-12:00,14:00-17:00 ».")
        return value

    def clean_publics(self):
        values = self.cleaned_data["publics"]
        if "tous-publics" in values and len(values) > 1:
            raise ValidationError("« Tous publics » ne se combine pas avec d'autres publics.")
        return values

    def apply(self, service: Service) -> Service:
        data = self.cleaned_data
        for name in ("thematiques", "publics", "reception_modes", "mobilisation_modes", "mobilisable_by"):
            setattr(service, name, list(data[name]))
        service.eligibility_zone = data["zone"]
        if data.get("commune_input"):
            service.commune = data["commune_input"]
            service.commune_name = service.commune.name
            service.latitude, service.longitude = service.commune.latitude, service.commune.longitude
        return service


class RuleForm(forms.ModelForm):
    class Meta:
        model = EligibilityRule
        fields = ["kind", "number", "level", "codes", "note"]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (RuleKind.AGE_MIN, RuleKind.AGE_MAX) and data.get("number") is None:
            self.add_error("number", "Indiquez l'âge.")
        if kind in (RuleKind.LANGUAGE_MAX, RuleKind.LANGUAGE_MIN) and data.get("level") not in {
            c for c, _ in CECRL_LEVELS if c
        }:
            self.add_error("level", "Niveau CECRL attendu : 0, A1, A2, B1, B2, C1 ou C2.")
        if kind == RuleKind.DIPLOMA_MAX and data.get("level") not in {c for c, _ in DIPLOMA_LEVELS if c}:
            self.add_error("level", "Niveau de diplôme attendu : 2 à 8.")
        if kind == RuleKind.COMMUNES and not (data.get("codes") or "").split():
            self.add_error("codes", "Indiquez au moins un code de commune ou d'EPCI.")
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ReferralForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    birth_date = forms.DateField(
        label="Date de naissance", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    email = forms.EmailField(label="E-mail de la personne", required=False)
    phone = forms.CharField(label="Téléphone de la personne", max_length=30, required=False)
    message = forms.CharField(
        label="Message à la structure", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ce qui aide la structure à recevoir la personne ; pas de donnée de santé.",
    )  # fmt: skip
    attachments = MultipleFileField(
        label="Pièces jointes (facultatif)",
        required=False,
        help_text="PDF, image, ODT ou DOCX, 5 Mo au plus chacune, 5 au plus.",
    )
    consent = forms.BooleanField(
        label="La personne a donné son accord pour être orientée et pour que ces informations soient transmises.",
        required=True,
    )


class AnswerForm(forms.Form):
    # No answer preselected: accepting a person is a decision, not what an unread form sends.
    decision = forms.ChoiceField(
        label="Réponse",
        choices=[("", "Choisir…"), ("accept", "Accepter"), ("refuse", "Refuser")],
        error_messages={"required": "Choisissez d'accepter ou de refuser l'orientation."},
    )
    reason = forms.ChoiceField(label="Motif du refus", choices=[("", "—")] + RefusalReason.choices, required=False)
    note = forms.CharField(label="Précision", max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("reason"):
            self.add_error("reason", "Un refus doit être motivé.")
        return data


class ImportUploadForm(forms.Form):
    layout = forms.ChoiceField(
        label="Contenu du fichier",
        choices=[
            ("services", "Services (data·inclusion ou autre tableau : correspondance des colonnes)"),
            ("dora", "Structures DORA (API v1)"),
            ("mobiville", "Catalogue Mobiville des aides à la mobilité (France Travail)"),
        ],
        initial="services",
        required=False,
    )
    file = forms.FileField(label="Fichier des services (JSON ou CSV)")
    structures = forms.FileField(label="Fichier des structures (facultatif)", required=False)
    dry_run = forms.BooleanField(
        label="Essai à blanc (structures DORA et Mobiville : rien n'est enregistré)", required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(f"Fichier trop volumineux (maximum {MAX_BYTES // 1_000_000} Mo).")
        if not upload.name.lower().endswith((".json", ".csv")):
            raise ValidationError("Formats acceptés : JSON ou CSV.")
        return upload


def mapping_form_class(columns: list[str]):
    """One select per schema field, listing the file's columns, plus the conversion options."""
    choices = [("", "— (aucune colonne)")] + [(c, c) for c in columns[:200]]
    fields = {
        f"col_{key}": forms.ChoiceField(label=label, choices=choices, required=False) for key, label in SERVICE_FIELDS
    }
    fields["default_description"] = forms.CharField(
        label="Description par défaut", max_length=200, required=False, help_text="« {nom} » reprend le nom du service."
    )
    fields["default_date_maj"] = forms.DateField(label="Date de mise à jour par défaut", required=False)
    fields["thematiques_version"] = forms.ChoiceField(
        label="Version des thématiques", choices=[("v1", "Schéma v1"), ("v0", "Version antérieure (correspondance)")]
    )
    fields["missing_structure"] = forms.ChoiceField(
        label="Service dont la structure manque",
        choices=[("report", "Le signaler et ne pas l'importer"), ("create", "Créer une fiche structure à compléter")],
    )
    fields["latitude_sign_from_commune"] = forms.BooleanField(
        label="Rétablir le signe des coordonnées d'après la commune", required=False
    )
    fields["preset"] = forms.ChoiceField(
        label="Modèle", required=False, choices=[("", "—")] + [(k, p["label"]) for k, p in PRESETS.items()]
    )
    for field in fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        elif isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs["class"] = "form-check-input"
        else:
            field.widget.attrs["class"] = "form-control form-control-sm"
    return type("MappingForm", (forms.Form,), fields)


def mapping_initial(mapping: dict) -> dict:
    initial = {f"col_{k}": v for k, v in mapping.get("columns", {}).items()}
    defaults = mapping.get("defaults", {})
    initial["default_description"] = defaults.get("description", "")
    initial["default_date_maj"] = defaults.get("date_maj", "")
    options = mapping.get("options", {})
    initial["thematiques_version"] = options.get("thematiques_version", "v1")
    initial["missing_structure"] = options.get("missing_structure", "report")
    initial["latitude_sign_from_commune"] = options.get("latitude_sign_from_commune", False)
    initial["preset"] = mapping.get("preset", "")
    return initial


def mapping_from(data: dict) -> dict:
    columns = {k: data[f"col_{k}"] for k, _ in SERVICE_FIELDS if data.get(f"col_{k}")}
    defaults = {}
    if data.get("default_description"):
        defaults["description"] = data["default_description"]
    if data.get("default_date_maj"):
        defaults["date_maj"] = data["default_date_maj"].isoformat()
    return {
        "preset": data.get("preset", ""),
        "columns": columns,
        "defaults": defaults,
        "options": {
            "thematiques_version": data["thematiques_version"],
            "missing_structure": data["missing_structure"],
            "latitude_sign_from_commune": bool(data.get("latitude_sign_from_commune")),
        },
    }


class GuideForm(forms.Form):
    category = forms.ChoiceField(label="Thème", choices=schema.CATEGORIES, initial="mobilite")
    territory = forms.ChoiceField(label="Territoire", choices=[])

    def __init__(self, *args, territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = list(territories)
