"""Figures the steering module can use (referrals per period and territory)."""

from maillage.kernel.plugins import Indicator, IndicatorScope

from .models import Referral, ReferralStatus


def _referrals(scope: IndicatorScope):
    qs = Referral.objects.filter(sent_at__date__gte=scope.start, sent_at__date__lte=scope.end)
    if scope.epci_codes:
        qs = qs.filter(epci_code__in=scope.epci_codes)
    return qs


def indicators() -> list[Indicator]:
    return [
        Indicator(
            "directory.referrals_sent",
            "Orientations vers un dispositif",
            "orientations",
            lambda scope: _referrals(scope).count(),
            "Orientations envoyées par les professionnels vers un service de l'annuaire.",
            axis="2",
        ),
        Indicator(
            "directory.referrals_accepted",
            "Orientations acceptées",
            "orientations",
            lambda scope: _referrals(scope).filter(status=ReferralStatus.ACCEPTED).count(),
            "Orientations acceptées par la structure qui les a reçues.",
            axis="2",
        ),
        Indicator(
            "directory.people_referred",
            "Personnes orientées",
            "personnes",
            lambda scope: _referrals(scope).values("referred__person").distinct().count(),
            axis="2",
        ),
    ]
