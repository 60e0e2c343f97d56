"""Where things are: bundled resources, migrations and the user's library.

Bundled files are read-only: in a source checkout they sit beside ``app/``;
in a PyInstaller build they are unpacked under ``sys._MEIPASS``.
"""

import os
import sys
from pathlib import Path

APP_NAME = "baipishu"
LIBRARY_ENV = "BAIPISHU_HOME"


def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``db/`` (read-only)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Bundled documents, their metadata, translations and fonts."""
    return bundle_root() / "resources"


def migrations_dir() -> Path:
    """The schema migrations, applied in file-name order."""
    return bundle_root() / "db" / "migrations"


def default_library_dir() -> Path:
    """The user's library: ``$BAIPISHU_HOME``, else the platform's data folder."""
    override = os.environ.get(LIBRARY_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when the default is asked for (not on every start-up path)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
