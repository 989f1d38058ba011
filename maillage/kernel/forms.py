"""What a refused form says in one line (the flash message of a POST that redirects)."""


def errors_in_one_line(form, *, labelled: bool = False) -> str:
    """The form's errors field by field, separated by « ; », each after its field's label when ``labelled``."""
    parts = []
    for name, errors in form.errors.items():
        text = " ".join(errors)
        if labelled and name in form.fields:
            text = f"{form.fields[name].label} {text}"
        parts.append(text)
    return "; ".join(parts)


def https_urls(field, **kwargs):
    """``Meta.formfield_callback`` of a model form: a web address typed without a scheme gets « https:// »
    (Django 6's default; Django 5 assumes « http:// » and warns)."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)
