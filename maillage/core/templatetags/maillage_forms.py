"""Form rendering helpers: Bootstrap classes on widgets, keeping Django's ARIA attributes."""

from django import template

register = template.Library()

SELECT_WIDGETS = {"select", "selectmultiple", "nullbooleanselect"}


@register.simple_tag
def bootstrap_widget(field):
    """Render ``field``'s widget with the Bootstrap class and ``is-invalid`` when it has errors.

    Django adds ``aria-invalid`` and ``aria-describedby="<id>_helptext <id>_error"``; the
    ``includes/form_fields.html`` template gives those ids to the help text and the errors.
    """
    css = "form-select" if field.widget_type in SELECT_WIDGETS else "form-control"
    existing = field.field.widget.attrs.get("class", "")
    classes = " ".join(filter(None, [existing, css, "is-invalid" if field.errors else ""]))
    return field.as_widget(attrs={"class": classes})
