"""The form renderer: Django's, with ``<select>`` written in Python.

Django renders each ``<option>`` through two template includes; a select of a few hundred lots or
organisations then costs tens of milliseconds, several times per page (the participant page had
three: 0.8 s). The markup is the same as Django's templates give, escaping included; a widget with
its own option template keeps the template path.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """As ``django/forms/widgets/attrs.html``: ``False`` drops the attribute, ``True`` writes its name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _option(option: dict) -> str:
    value, label = conditional_escape(str(option["value"])), conditional_escape(option["label"])
    return f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'  # the template's own newline


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _plain_options(widget: dict) -> bool:
    groups = widget["optgroups"]
    return all(option["template_name"] == OPTION_TEMPLATE for _name, options, _index in groups for option in options)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
        if widget is not None and _plain_options(widget):
            return render_select(widget)
        return super().render(template_name, context, request=request)
