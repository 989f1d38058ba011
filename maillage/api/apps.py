from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "maillage.api"
    verbose_name = "API"
