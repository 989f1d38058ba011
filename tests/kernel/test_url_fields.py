"""Every web address typed without « https:// » gets it (Django 6's default, announced by a warning)."""

import importlib
import pkgutil

from django import forms

import maillage


def _model_forms():
    for module in pkgutil.walk_packages(maillage.__path__, "maillage."):
        if module.name.rsplit(".", 1)[-1] in {"forms"} or ".forms." in module.name:
            importlib.import_module(module.name)
    pending, found = [forms.ModelForm], []
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("maillage."):
                found.append(subclass)
    return found


def test_every_url_field_of_the_project_forms_assumes_https():
    model_forms = _model_forms()
    assert len(model_forms) > 10
    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in model_forms
        for name, field in form.base_fields.items()
        if isinstance(field, forms.URLField) and field.assume_scheme != "https"
    ]
    assert plain == []
