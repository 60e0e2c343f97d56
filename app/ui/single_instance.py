"""One window per user: a second launch hands its link to the running one.

No sockets: the running instance holds an exclusive lock on a file in the
runtime folder and watches an inbox folder beside it; a second launch that
cannot take the lock writes its link into the inbox and exits.
"""

import fcntl
import os
import sys
import tempfile
from pathlib import Path
from typing import IO

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from app.paths import APP_NAME

INBOX = "inbox"
LOCK = "instance.lock"


def runtime_dir() -> Path:
    """Where the lock and the inbox live (per user)."""
    if sys.platform == "linux" and not os.environ.get("XDG_RUNTIME_DIR"):
        # No session runtime folder (a bare environment, e.g. env -i): the
        # folder platformdirs falls back to, without the warning it prints.
        return Path(tempfile.gettempdir()) / f"runtime-{os.getuid()}" / APP_NAME
    import platformdirs

    return Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))


class Instance(QObject):
    """The running instance's side: holds the lock, reports links it receives."""

    link_received = Signal(str)

    def __init__(self, folder: Path, lock: IO[str]) -> None:
        super().__init__()
        self.folder = folder
        self._lock = lock  # kept open: closing it releases the lock
        self.inbox = folder / INBOX
        self.inbox.mkdir(parents=True, exist_ok=True)
        self._watcher = QFileSystemWatcher([str(self.inbox)], self)
        self._watcher.directoryChanged.connect(self._on_inbox_changed)

    def release(self) -> None:
        """Stop being the running instance (releases the lock)."""
        self._watcher.removePath(str(self.inbox))
        self._lock.close()

    def deliver_waiting(self) -> None:
        """Report the links that arrived before anyone listened (a second
        launch while this one was starting)."""
        self._on_inbox_changed()

    def _on_inbox_changed(self) -> None:
        for path in sorted(self.inbox.glob("*.link")):
            try:
                link = path.read_text(encoding="utf-8")[:1000]
            finally:
                path.unlink(missing_ok=True)
            self.link_received.emit(link)


def claim(folder: Path | None = None) -> Instance | None:
    """Become the running instance, or return None if another one runs."""
    folder = folder or runtime_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the inbox takes links: this user only
    lock = (folder / LOCK).open("a", encoding="utf-8")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        return None
    return Instance(folder, lock)


def hand_over(link: str, folder: Path | None = None) -> None:
    """Give ``link`` to the running instance (written atomically)."""
    inbox = (folder or runtime_dir()) / INBOX
    inbox.mkdir(parents=True, exist_ok=True)
    import uuid

    partial = inbox / f".{uuid.uuid4().hex}.part"
    partial.write_text(link, encoding="utf-8")
    os.replace(partial, partial.with_name(partial.name[1:].replace(".part", ".link")))
