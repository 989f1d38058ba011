from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "maillage.clauses"
    verbose_name = "Clauses sociales"
