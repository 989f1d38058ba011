from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "maillage.procurement"
    verbose_name = "Marchés publics (DECP)"
