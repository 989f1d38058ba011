"""/api/v1/: every module registers its resources on one router (the ``api`` hook of its ``module.py``)."""

from rest_framework.routers import DefaultRouter

from maillage.kernel import plugins

router = DefaultRouter()
for _spec, register in plugins.with_hook("api"):
    register(router)

urlpatterns = router.urls
