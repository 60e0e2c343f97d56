"""Every setting is declared once, with its default and type."""

from pathlib import Path

from PySide6.QtCore import QByteArray

from app.ui import settings


def test_defaults_types_and_round_trips(settings_file: Path) -> None:
    assert settings.ZOOM_STEPS.get() == 0
    settings.ZOOM_STEPS.set(3)
    assert settings.ZOOM_STEPS.get() == 3
    settings.CITATION_STYLE.set("gbt7714")
    settings.sync()
    settings.use_file(str(settings_file))  # read back from the file
    assert settings.ZOOM_STEPS.get() == 3 and settings.CITATION_STYLE.get() == "gbt7714"
    assert isinstance(settings.WINDOW_GEOMETRY.get(), QByteArray)


def test_a_value_of_the_wrong_type_gives_the_default(settings_file: Path) -> None:
    settings.ZOOM_STEPS.set("many")  # type: ignore[arg-type]
    assert settings.ZOOM_STEPS.get() == 0
    flag = settings.Setting("test/flag", False)
    flag.set("true")  # type: ignore[arg-type]  # as an INI file gives it back
    assert flag.get() is True
