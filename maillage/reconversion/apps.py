from django.apps import AppConfig


class ReconversionConfig(AppConfig):
    name = "maillage.reconversion"
    verbose_name = "Reconversion (passerelles entre métiers)"
