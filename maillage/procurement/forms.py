"""Forms of the procurement module: radar and contract filters (GET), DECP upload, radar settings."""

import re

from django import forms
from django.db.models import Q

from maillage.kernel import mde as mde_settings
from maillage.territories.models import Commune, Departement, Epci

from . import selectors
from .cpv import DIVISIONS
from .models import Buyer, RadarSettings

_SIRET = re.compile(r"^\d{14}$")


def _epcis_of_departement(code: str):
    return Commune.objects.filter(departement_id=code, epci_id__isnull=False).values("epci_id")


class RadarFilterForm(forms.Form):
    """Which contracts the radar (and the lists) look at. Empty: the MDE's perimeter."""

    territoire = forms.ChoiceField(
        label="Territoire",
        required=False,
        choices=[("", "Périmètre de la Maison de l'Emploi"), ("france", "France entière")],
        help_text="Un département ou un EPCI choisi remplace ce choix.",
    )
    departement = forms.ChoiceField(label="Département", required=False)
    epci = forms.CharField(label="EPCI (code SIREN ou choix)", required=False, max_length=9)
    acheteur = forms.CharField(label="Acheteur (SIRET ou nom)", required=False, max_length=100)
    division = forms.ChoiceField(label="Type de marché (division CPV)", required=False)
    annee = forms.TypedChoiceField(label="Année de notification", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filtre-%s")  # ids, labels and ARIA descriptions stay consistent
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "Tous")] + [
            (code, f"{code} – {name}")
            for code, name in Departement.objects.order_by("code").values_list("code", "name")
        ]
        self.fields["division"].choices = [("", "Toutes")] + [(c, f"{c} – {label}") for c, label in DIVISIONS.items()]
        self.fields["annee"].choices = [("", "Toutes")] + [(y, y) for y in selectors.years_available()]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["acheteur"].widget.attrs.update({"autocomplete": "off"})
        self.fields["epci"].widget.attrs.update({"list": "epci-liste", "autocomplete": "off"})

    def clean_acheteur(self):
        """A SIRET, or part of a buyer's name when it designates one buyer only."""
        raw = (self.cleaned_data.get("acheteur") or "").strip()
        compact = re.sub(r"\s", "", raw)
        if not raw or _SIRET.match(compact):
            return compact
        if compact.isdigit():
            raise forms.ValidationError("Le SIRET compte 14 chiffres.")
        matches = list(Buyer.objects.filter(name__icontains=raw).order_by("name")[:6])
        if not matches:
            raise forms.ValidationError("Aucun acheteur de ce nom : saisissez son SIRET (14 chiffres).")
        if len(matches) > 1:
            names = " ; ".join(f"{b.name} ({b.siret})" for b in matches[:5])
            raise forms.ValidationError(f"Plusieurs acheteurs correspondent, précisez le SIRET : {names}…")
        return matches[0].siret

    def clean_epci(self):
        value = (self.cleaned_data.get("epci") or "").strip()
        if value and not Epci.objects.filter(code=value).exists():
            raise forms.ValidationError("EPCI inconnu : saisissez son code SIREN (9 chiffres).")
        return value

    def epci_options(self) -> list[Epci]:
        """EPCI offered in the list: those of the chosen département, else those of the MDE's perimeter
        and département (any other EPCI can still be typed by its code)."""
        departement = self.data.get("departement") if self.is_bound else ""
        if departement:
            condition = Q(pk__in=_epcis_of_departement(departement))
        else:
            mde = mde_settings.settings()
            if mde is None:
                return []
            condition = Q(pk__in=mde_settings.perimeter_epcis().values("pk"))
            if mde.departement_id:
                condition |= Q(pk__in=_epcis_of_departement(mde.departement_id))
        # Semi-joins, not a join on the communes: DISTINCT over 35,000 communes took 17 ms a page.
        return list(Epci.objects.filter(condition).order_by("name").only("code", "name"))

    def to_query(self, user_epcis: set[str] | None = None) -> selectors.RadarQuery:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("epci"):
            scope = selectors.epci_scope(data["epci"])
        elif data.get("departement"):
            scope = selectors.departement_scope(data["departement"])
        elif data.get("territoire") == "france":
            scope = selectors.france_scope()
        else:
            scope = selectors.perimeter_scope(user_epcis)
        return selectors.default_query(
            scope, buyer=data.get("acheteur", ""), division=data.get("division", ""), year=data.get("annee")
        )


class ContractFilterForm(RadarFilterForm):
    q = forms.CharField(label="Objet contient", required=False, max_length=100)
    titulaire = forms.CharField(
        label="Titulaire (SIRET)", required=False, max_length=20, help_text="Les marchés gagnés par une entreprise."
    )
    social = forms.ChoiceField(
        label="Considération sociale",
        required=False,
        choices=[
            ("", "Toutes"),
            ("oui", "Avec considération sociale"),
            ("non", "Sans considération sociale"),
            ("inconnu", "Inconnue (format 2019)"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("q", "titulaire", "social"):
            field = self.fields[name]
            field.widget.attrs.setdefault("class", "form-select" if name == "social" else "form-control")

    def clean_titulaire(self):
        value = re.sub(r"\s", "", self.cleaned_data.get("titulaire") or "")
        if value and not value.isalnum():
            raise forms.ValidationError("Identifiant du titulaire attendu (SIRET, TVA…).")
        return value


class DecpUploadForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier DECP",
        help_text="JSON au format 2019 ou 2022, éventuellement compressé (.json.gz). Taille maximale : 2 Go.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".json,.gz,application/json,application/gzip", "class": "form-control"}
        ),
    )

    MAX_SIZE = 2 * 1024**3

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        name = upload.name.lower()
        if not (name.endswith(".json") or name.endswith(".json.gz") or name.endswith(".gz")):
            raise forms.ValidationError("Le fichier doit être un JSON (.json) ou un JSON compressé (.json.gz).")
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError("Le fichier dépasse 2 Go : importez-le avec la commande import_decp.")
        head = upload.read(2)
        upload.seek(0)
        if name.endswith(".gz") and head != b"\x1f\x8b":
            raise forms.ValidationError("Ce fichier .gz n'est pas compressé au format gzip.")
        return upload


class RadarSettingsForm(forms.ModelForm):
    class Meta:
        model = RadarSettings
        fields = ["labour_intensive_divisions", "prospect_min_contracts"]
        widgets = {
            "labour_intensive_divisions": forms.TextInput(attrs={"class": "form-control"}),
            "prospect_min_contracts": forms.NumberInput(attrs={"class": "form-control", "min": 1}),
        }

    def clean_labour_intensive_divisions(self):
        raw = self.cleaned_data["labour_intensive_divisions"]
        codes = raw.replace(",", " ").split()
        unknown = [c for c in codes if c.zfill(2) not in DIVISIONS]
        if unknown:
            raise forms.ValidationError(f"Divisions CPV inconnues : {', '.join(unknown)}.")
        return " ".join(c.zfill(2) for c in codes)
