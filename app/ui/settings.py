"""Every user setting, declared once with its default, over one QSettings.

Widgets never call QSettings themselves: they read and write the settings
declared here, so that names, types and defaults live in one place.
"""

from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "baipishu"
APPLICATION = "baipishu"


class Setting(Generic[T]):
    """One setting: its key, default and type.

    (A plain class: this module loads before the window's first paint, and a
    dataclass would bring in ``dataclasses`` and ``inspect`` for it.)
    """

    __slots__ = ("key", "default")

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __repr__(self) -> str:
        return f"Setting({self.key!r}, {self.default!r})"

    def get(self) -> T:
        """The stored value, or the default when missing or of the wrong type."""
        value = _store().value(self.key, self.default)
        expected = type(self.default)
        if isinstance(self.default, bool):
            if isinstance(value, str):
                return value.lower() == "true"  # type: ignore[return-value]
            return bool(value)  # type: ignore[return-value]
        if expected is QByteArray:
            return value if isinstance(value, QByteArray) else self.default  # type: ignore[return-value]
        try:
            return expected(value)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T) -> None:
        """Store ``value``."""
        _store().setValue(self.key, value)


_settings: QSettings | None = None


def _store() -> QSettings:
    global _settings
    if _settings is None:
        _settings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    return _settings


def use_file(path: str) -> None:
    """Keep settings in ``path`` (tests, portable mode)."""
    global _settings
    _settings = QSettings(path, QSettings.Format.IniFormat)


def sync() -> None:
    """Write pending changes to disk."""
    _store().sync()


CITATION_STYLE = Setting("citation/style", "plain")
ZOOM_STEPS = Setting("reader/zoom_steps", 0)
LAST_DOCUMENT = Setting("session/document", "")
LAST_PARAGRAPH = Setting("session/paragraph", "")
LAST_QUERY = Setting("session/query", "")
# The search scope: all (every document), document (the one being read), or
# genre:NAME (the documents of one genre).
SEARCH_SCOPE = Setting("search/scope", "all")
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray())
SPLITTER_STATE = Setting("window/splitter", QByteArray())
