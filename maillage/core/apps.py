from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "maillage.core"
    verbose_name = "Socle"
