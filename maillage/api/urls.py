"""/api/v1/: every module registers its resources on one router (see each module's ``api.py``)."""

from rest_framework.routers import DefaultRouter

from maillage.accounts import api as accounts_api
from maillage.clauses import api as clauses_api
from maillage.companies import api as companies_api
from maillage.jobs import api as jobs_api
from maillage.kernel import plugins
from maillage.procurement import api as procurement_api
from maillage.reconversion import api as reconversion_api
from maillage.referentials import api as referentials_api
from maillage.territories import api as territories_api

router = DefaultRouter()
for module in (
    accounts_api,
    territories_api,
    referentials_api,
    clauses_api,
    procurement_api,
    companies_api,
    jobs_api,
    reconversion_api,
):
    module.register(router)

# Modules declared through the plug-in contract (maillage/<module>/module.py).
for _spec, register in plugins.with_hook("api"):
    register(router)

urlpatterns = router.urls
