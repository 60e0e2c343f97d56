"""A lazy module runs only when first used."""

import sys
import types

from app.ui.lazy import lazy_module


def test_the_module_runs_on_first_attribute(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "app.document.styles", raising=False)
    module = lazy_module("app.document.styles")
    assert type(module) is not types.ModuleType  # not executed yet (any attribute would run it)
    assert module.STYLES[0] == "plain"
    assert type(module) is types.ModuleType
    assert lazy_module("app.document.styles") is module
