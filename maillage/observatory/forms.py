from django import forms

from maillage.kernel import mde as mde_settings
from maillage.territories.models import Commune

from .importers.generic import FIELD_LABELS, MAX_BYTES
from .models import (
    BranchPartnership,
    BranchStudy,
    CompanyProject,
    DimensionKind,
    Level,
    ProjectAction,
    ProjectNeed,
)


class UploadForm(forms.Form):
    file = forms.FileField(label="Fichier (CSV ou XLSX, 10 Mo au plus)")
    label = forms.CharField(label="Intitulé du jeu de données", max_length=200)
    source = forms.CharField(label="Producteur / source", max_length=300)
    vintage = forms.CharField(label="Millésime", max_length=40)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError("Le fichier dépasse 10 Mo.")
        if not file.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError("Déposez un fichier .csv ou .xlsx.")
        return file


class MappingForm(forms.Form):
    """One column choice and one fixed value per field of the store."""

    secret_marker = forms.CharField(label="Marque du secret statistique", max_length=5, required=False, initial="*")
    all_or_nothing = forms.BooleanField(
        label="Ne rien importer si une ligne est en erreur", required=False, initial=True
    )

    def __init__(self, *args, headers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— aucune colonne —")] + [(h, h) for h in headers]
        for name, label in FIELD_LABELS.items():
            self.fields[f"col_{name}"] = forms.ChoiceField(label=f"{label} : colonne", choices=choices, required=False)
            if name == "level":
                self.fields["fixed_level"] = forms.ChoiceField(
                    label=f"{label} : valeur fixe", choices=[("", "—")] + list(Level.choices), required=False
                )
            elif name == "dim_kind":
                self.fields["fixed_dim_kind"] = forms.ChoiceField(
                    label=f"{label} : valeur fixe", choices=list(DimensionKind.choices), required=False
                )
            elif name not in ("code", "value", "dim_code"):
                self.fields[f"fixed_{name}"] = forms.CharField(
                    label=f"{label} : valeur fixe", max_length=40, required=False
                )
        # guess columns by name
        lowered = {h.lower(): h for h in headers}
        guesses = {"code": ("code", "codgeo", "code_commune", "commune"), "value": ("valeur", "value", "effectif"),
                   "period": ("periode", "période", "annee", "année"), "indicator": ("indicateur",),
                   "dim_code": ("naf", "rome", "fap", "modalite")}  # fmt: skip
        for name, candidates in guesses.items():
            for candidate in candidates:
                if candidate in lowered:
                    self.fields[f"col_{name}"].initial = lowered[candidate]
                    break

    def mapping(self):
        from .importers.generic import Mapping

        data = self.cleaned_data
        columns = {name: data.get(f"col_{name}", "") for name in FIELD_LABELS}
        fixed = {name: data.get(f"fixed_{name}", "") or "" for name in FIELD_LABELS}
        return Mapping(columns=columns, fixed=fixed, secret_marker=data.get("secret_marker", ""))


class ProjectForm(forms.ModelForm):
    class Meta:
        model = CompanyProject
        fields = ["name", "kind", "company_name", "commune", "radius_km", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mde = mde_settings.settings()
        queryset = Commune.objects.all()
        if mde and mde.perimeter.exists():
            queryset = queryset.filter(epci__in=mde.perimeter.all())
        self.fields["commune"].queryset = queryset.order_by("name")


class NeedForm(forms.ModelForm):
    fiche_code = forms.CharField(
        label="Métier (fiche ROME)",
        max_length=300,
        help_text="Tapez un métier (« soudure ») ou son code ROME (« H2913 »), puis choisissez dans la liste.",
    )

    class Meta:
        model = ProjectNeed
        fields = ["quantity", "wanted_by"]
        widgets = {"wanted_by": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        from django.urls import reverse

        super().__init__(*args, **kwargs)
        self.fields["fiche_code"].widget.attrs["data-autocomplete"] = reverse("referentials:fiche_autocomplete")

    def clean_fiche_code(self):
        from maillage.referentials.models import RomeFiche
        from maillage.referentials.selectors import rome_codes_in

        text = self.cleaned_data["fiche_code"].strip()
        codes = rome_codes_in(text)
        fiche = RomeFiche.objects.filter(code=codes[0]).first() if codes else None
        if fiche is None:
            raise forms.ValidationError(
                f"Le code ROME « {text[:20]} » n'existe pas : choisissez un métier dans la liste."
            )
        self.fiche = fiche
        return fiche.code


class ActionForm(forms.ModelForm):
    class Meta:
        model = ProjectAction
        fields = ["kind", "label", "partner", "planned_people", "status", "hired_people", "outcome"]


class BranchForm(forms.ModelForm):
    class Meta:
        model = BranchPartnership
        fields = ["branch", "opco", "started_on", "notes"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"})}


class StudyForm(forms.ModelForm):
    url = forms.URLField(label="Adresse", max_length=300, required=False, assume_scheme="https")

    class Meta:
        model = BranchStudy
        fields = ["title", "year", "key_figure", "fap_code"]  # ``url`` is declared above (https by default)
