"""What the jobs module offers for a métier (plug-in hook ``for_metier``): open offers, a profile."""

from urllib.parse import urlencode

from django.urls import reverse

from maillage.kernel.plugins import MetierLink

from .selectors.offers import published_offer_count


def for_metier(rome_code: str, user) -> list[MetierLink]:
    count = published_offer_count(rome_code)
    links = [
        MetierLink(
            label="Offres d'emploi publiées pour ce métier",
            url=f"{reverse('jobs:offer_list')}?{urlencode({'q': rome_code})}",
            count=count,
            description="Les offres des entreprises du territoire (connexion demandée).",
        )
    ]
    if not getattr(user, "is_authenticated", False):
        links.append(
            MetierLink(
                label="Créer mon profil avec ce métier visé",
                url=f"{reverse('jobs:register')}?{urlencode({'metier': rome_code})}",
                description="Les conseillers et les entreprises pourront vous proposer des offres.",
            )
        )
    return links
