from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "maillage.companies"
    verbose_name = "Relations entreprises"
