from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "maillage.directory"
    verbose_name = "Annuaire des dispositifs et orientations"
