"""What the reconversion module puts on the public home (its ``public_links`` hook, in ``module.py``)."""

from django.urls import reverse

from maillage.kernel.plugins import PublicLink


def public_links() -> list[PublicLink]:
    """For a visitor: the explorer of paths between métiers."""
    return [
        PublicLink(
            "Explorer les passerelles entre métiers",
            reverse("reconversion:explorer"),
            ": à partir de votre métier, les métiers proches par les compétences, et ce qu'il reste à apprendre.",
            order=10,
        )
    ]
