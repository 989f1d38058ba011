"""What the events module offers for a métier (plug-in hook ``for_metier``): upcoming public events
whose offers or themes include it, shown on the explorer's path pages."""

from urllib.parse import urlencode

from django.urls import reverse

from maillage.kernel.plugins import MetierLink

from . import selectors


def for_metier(rome_code: str, user) -> list[MetierLink]:
    code = (rome_code or "").upper()[:5]
    count = selectors.public_calendar(selectors.CalendarFilters(rome=code)).count() if code else 0
    if not count:
        return []
    return [
        MetierLink(
            label="Événements emploi à venir pour ce métier",
            url=f"{reverse('events:calendar')}?{urlencode({'rome': code})}",
            count=count,
            description="Job datings, forums et salons en ligne où des entreprises recrutent (inscription libre).",
        )
    ]
