import functools
import inspect

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from maillage.core.views import healthz


def _admin_checks_its_own_login(resolver_tuple):
    """The technical admin redirects to its own login page (and checks ``is_staff``) itself."""
    patterns = resolver_tuple[0]
    stack = list(patterns)
    while stack:
        pattern = stack.pop()
        if hasattr(pattern, "url_patterns"):
            stack.extend(pattern.url_patterns)
        elif inspect.ismethod(pattern.callback):
            pattern.callback = login_not_required(
                functools.wraps(pattern.callback)(functools.partial(pattern.callback))
            )
        else:
            pattern.callback = login_not_required(pattern.callback)
    return resolver_tuple


admin.site.site_header = "Maillage – administration technique"
admin.site.site_title = "Maillage"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("maillage.core.urls")),
    path("comptes/", include("maillage.accounts.urls")),
    path("territoires/", include("maillage.territories.urls")),
    path("personnes/", include("maillage.people.urls")),
    path("referentiels/", include("maillage.referentials.urls")),
    path("entreprises/", include("maillage.companies.urls")),
    path("clauses/", include("maillage.clauses.urls")),
    path("marches-publics/", include("maillage.procurement.urls")),
    path("offres/", include("maillage.jobs.urls")),
    path("reconversion/", include("maillage.reconversion.urls")),
    path("pilotage/", include("maillage.steering.urls")),
    path("observatoire/", include("maillage.observatory.urls")),
    path("annuaire/", include("maillage.directory.urls")),
    path("evenements/", include("maillage.events.urls")),
    path("api/v1/", include("maillage.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up code as a script file, our page drops its inline style (CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    path("admin-technique/", _admin_checks_its_own_login(admin.site.urls)),
]
# Uploaded files are never served as /media/ (not even under DEBUG): each download goes through a
# view that checks the object's own policy (maillage.kernel.downloads.protected_download).
