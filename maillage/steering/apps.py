from django.apps import AppConfig


class SteeringConfig(AppConfig):
    name = "maillage.steering"
    verbose_name = "Pilotage"
