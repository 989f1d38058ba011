"""A refused form in one line: field by field, « ; » between fields, labels on demand."""

from django import forms

from maillage.kernel.forms import errors_in_one_line


class SlotForm(forms.Form):
    start = forms.TimeField(label="Début")
    minutes = forms.IntegerField(label="Durée", min_value=5)

    def clean(self):
        raise forms.ValidationError("Créneau impossible.")


def test_errors_field_by_field_with_or_without_labels():
    form = SlotForm({"minutes": "2"})
    assert errors_in_one_line(form) == (
        "Ce champ est obligatoire.; Assurez-vous que cette valeur est supérieure ou égale à 5.; Créneau impossible."
    )
    assert errors_in_one_line(form, labelled=True) == (
        "Début Ce champ est obligatoire.; Durée Assurez-vous que cette valeur est supérieure ou égale à 5.; "
        "Créneau impossible."
    )


def test_a_valid_form_says_nothing():
    assert errors_in_one_line(SlotForm.__base__({})) == ""
