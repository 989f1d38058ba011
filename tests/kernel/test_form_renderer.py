"""Selects are written in Python, with exactly the markup (and escaping) of Django's templates."""

from django import forms
from django.forms.renderers import DjangoTemplates

from maillage.kernel.form_renderer import FormRenderer

HOSTILE = '<script>alert("x")</script> & « Société » =1+1'


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Tous"), ("a", HOSTILE), (3, "Trois")], required=False)
    grouped = forms.ChoiceField(choices=[("Groupe <b>", [("x", "X"), ("y", "Y")]), ("z", "Z")])
    several = forms.MultipleChoiceField(choices=[("1", "Un"), ("2", "Deux")], required=False)
    flag = forms.NullBooleanField()
    disabled = forms.ChoiceField(choices=[("1", "Un")], disabled=True, help_text="aide")


def _render(renderer, data):
    form = Sample(data, renderer=renderer)
    form.is_valid()
    return {name: str(form[name]) for name in form.fields}


def test_selects_are_the_same_markup_as_djangos_templates():
    data = {"plain": "a", "grouped": "y", "several": ["1", "2"], "flag": "true", "disabled": "1"}
    for values in (data, {}):
        ours, django = _render(FormRenderer(), values), _render(DjangoTemplates(), values)
        assert ours == django
    assert "&lt;script&gt;" in ours["plain"] and "<script>" not in ours["plain"]


def test_a_widget_with_its_own_option_template_keeps_it():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    field = forms.ChoiceField(choices=[("1", "Un")], widget=Custom)
    form = forms.Form(renderer=FormRenderer())
    form.fields["f"] = field
    assert "<option" not in str(form["f"])
