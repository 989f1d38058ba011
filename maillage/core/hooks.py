"""Optional per-module hooks (demo seeds, dashboard cards, retention purges).

The socle lists, for each hook, the modules that may provide it; a module that does not (yet)
provide the hook is skipped, while an import error inside an existing hook module is raised.
"""

import importlib
from collections.abc import Iterator
from types import ModuleType


def provided(module_names: list[str]) -> Iterator[tuple[str, ModuleType]]:
    """The hook modules among ``module_names`` that exist, in order, with their names."""
    for name in module_names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        yield name, module
