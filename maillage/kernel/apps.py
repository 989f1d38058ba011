from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_functions(sender, connection, **kwargs):
    """SQLite has no accent folding: ``kernel.sorting.Folded`` calls ours."""
    if connection.vendor == "sqlite":
        from maillage.common_text import fold

        from .sorting import SQLITE_FOLD

        connection.connection.create_function(SQLITE_FOLD, 1, fold, deterministic=True)


class KernelConfig(AppConfig):
    name = "maillage.kernel"
    verbose_name = "Noyau"

    def ready(self):
        from . import guards, mail, mde, plugins  # noqa: F401 (mail: its deploy check registers itself)

        guards.bound_path_integers()
        mde.connect_signals()
        connection_created.connect(_sqlite_functions, dispatch_uid="kernel_sqlite_functions")

        # Modules' Huey tasks (periodic ones included) are registered by importing them.
        for spec in plugins.modules():
            if spec.tasks:
                plugins.resolve(spec.tasks)
