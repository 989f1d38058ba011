from django.apps import AppConfig


class KernelConfig(AppConfig):
    name = "maillage.kernel"
    verbose_name = "Noyau"

    def ready(self):
        from . import guards, mail, mde, plugins  # noqa: F401 (mail: its deploy check registers itself)

        guards.bound_path_integers()
        mde.connect_signals()

        # Modules' Huey tasks (periodic ones included) are registered by importing them.
        for spec in plugins.modules():
            if spec.tasks:
                plugins.resolve(spec.tasks)
