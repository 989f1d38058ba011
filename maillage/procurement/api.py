"""REST API resources of this module, registered on the /api/v1/ router by ``maillage.api.urls``."""


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
