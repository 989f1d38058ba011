"""The observatory's home card: the perimeter's job seekers and the latest published diagnostic."""

from django.urls import reverse

from maillage.common_text import long_date
from maillage.kernel.plugins import Card

from . import policies


def cards(user) -> list[Card]:
    if not policies.can_view(user):
        return []
    from .models import DiagnosticVersion, Figure, Level
    from .selectors.scope import perimeter_scope

    scope = perimeter_scope()
    seekers = Figure.objects.filter(
        indicator="job_seekers",
        dim_kind="categorie",
        dim_code="ABC",
        level=Level.COMMUNE,
        code__in=scope.commune_codes,
        period="2024-12",
    ).values_list("value", flat=True)
    total = sum(v for v in seekers if v)
    published = (
        DiagnosticVersion.objects.filter(status=DiagnosticVersion.Status.VALIDATED).order_by("-committee_date").first()
    )
    caption = f"Diagnostic validé le {long_date(published.committee_date)}" if published else "Aucun diagnostic validé"
    value = f"{total:,.0f}".replace(",", "\u202f") if total else "–"
    return [
        Card(
            "Demandeurs d'emploi (déc. 2024, communes ≥ 5 000 hab.)",
            value,
            caption,
            reverse("observatory:home"),
        )
    ]
