from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "maillage.jobs"
    verbose_name = "Offres, candidats et rapprochement"
