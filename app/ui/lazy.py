"""A module imported on first use (start-up work deferred past the first paint)."""

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for a module and imports it when an attribute is first read.

    Args:
        name: the module's full name, e.g. ``"app.ui.models"``.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)
