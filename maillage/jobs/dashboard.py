"""Home cards of the jobs module, by role (its ``dashboard`` hook, declared in ``module.py``).

Counsellor: their people and the applications in progress. Company: its offers. Candidate: their
applications and the job transitions from their trade."""

from django.urls import reverse

from maillage.kernel.plugins import Card, PublicLink

from . import policies as policy
from .models import ApplicationState, OfferStatus

OPEN_STATES = [ApplicationState.NEW, ApplicationState.IN_REVIEW, ApplicationState.INTERVIEW]


def _applications_card(user) -> Card:
    """A manager follows every application in progress; a counsellor those of their structure's
    candidates (an association following nobody was asked to follow three others' applications)."""
    applications = policy.visible_applications(user).filter(state__in=OPEN_STATES)
    url = reverse("jobs:application_list")
    if policy.is_manager(user):
        return Card("Candidatures en cours", applications.count(), "à suivre", url, priority=11)
    own = applications.filter(candidate__organisation_id__in=policy.professional_organisation_ids(user))
    return Card("Candidatures en cours", own.count(), "de vos candidats, à suivre", url + "?suivis=1", priority=11)


def cards(user) -> list[Card]:
    profile = policy.candidate_profile(user)
    if profile is not None:
        applications = policy.visible_applications(user).filter(candidate=profile)
        open_count = applications.filter(state__in=OPEN_STATES).count()
        return [
            Card(
                "Vos candidatures",
                applications.count(),
                f"dont {open_count} en cours" if open_count else "aucune en cours",
                reverse("jobs:application_list"),
                priority=10,
            ),
            Card(
                "Offres pour vous",
                "→",
                "rapprochées de votre profil",
                reverse("jobs:candidate_matches", args=[profile.pk]),
                priority=11,
            ),
            Card(
                "Vos passerelles métiers",
                "→",
                "les métiers proches du vôtre",
                reverse("reconversion:explorer"),
                priority=12,
            ),
        ]
    result = []
    if policy.is_professional(user):
        people = policy.visible_candidates(user).filter(anonymised_at__isnull=True)
        followed = people.filter(organisation_id__in=policy.professional_organisation_ids(user)).count()
        result += [
            Card(
                "Vos candidats",
                followed,
                "suivis par votre structure",
                reverse("jobs:candidate_list"),
                priority=10,
            ),
            _applications_card(user),
        ]
    elif policy.company_organisation_ids(user):
        offers = policy.visible_offers(user).filter(status=OfferStatus.PUBLISHED).count()
        result.append(
            Card(
                "Vos offres publiées",
                offers,
                "et les candidats rapprochés",
                reverse("jobs:offer_list"),
                priority=30,
            )
        )
    return result


def public_links() -> list[PublicLink]:
    """For a visitor: a profile, so that counsellors and companies of the territory can find them."""
    return [
        PublicLink(
            "Vous inscrire comme candidat",
            reverse("jobs:register"),
            "pour être mis en relation avec les entreprises du territoire.",
            order=40,
        )
    ]
