from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maillage.accounts"
    verbose_name = "Comptes et organisations"

    def ready(self):
        from . import membership_cache

        membership_cache.connect()
