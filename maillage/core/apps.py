from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "maillage.core"
    verbose_name = "Socle"

    def ready(self):
        from . import tasks  # noqa: F401 — registers the daily retention purge (Huey periodic task)
