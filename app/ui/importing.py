"""Importing documents from the window: one file, several, or a folder.

One import at a time, in the background (through :func:`run_in_background`),
with one non-modal progress dialog whose Cancel rolls the file being
imported back; a folder's refusals are summed up, each with its reason.
The :class:`Importer` reports what happened through its signals; the window
refreshes its panels.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QObject, Signal

from app.errors import BaipishuError
from app.ui.background import run_in_background
from app.ui.i18n import t

if TYPE_CHECKING:
    from app.library import Library

# How long an import runs before its progress dialog shows.
PROGRESS_DELAY_MS = 300
PROGRESS_STEPS = 1000


class ImportCancelled(Exception):
    """The user cancelled an import (it is rolled back)."""


class Importer(QObject):
    """Runs the window's imports.

    Args:
        parent: the window: the dialogs' parent.
        library: what the library is (called when an import starts).
        status: shows a sentence in the window's status bar.
        dialogs: whether a failed import is also said in a dialog (tests and
            the self-test turn it off; the signals still report it).
    """

    # A document was imported (its id).
    file_imported = Signal(str)
    # An import failed (the sentence; "" when the user cancelled it).
    file_failed = Signal(str)
    # A batch ended: the ids imported, and (file name, reason) of those refused.
    batch_imported = Signal(list, list)

    def __init__(
        self,
        parent: QtWidgets.QWidget,
        library: Callable[[], Library],
        status: Callable[[str], None],
        dialogs: Callable[[], bool],
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._library = library
        self._status = status
        self.busy = False
        self._dialogs = dialogs
        # The last batch's summary, kept on screen while the user reads on.
        self.summary: QtWidgets.QMessageBox | None = None

    def _progress(self, label: str, name: str) -> tuple[QtWidgets.QProgressDialog, threading.Event]:
        """An import's progress dialog and the event its Cancel sets."""
        progress = QtWidgets.QProgressDialog(label, t("取消"), 0, 0, self._window)
        # Not modal: a modal dialog's setValue() runs the event loop, and the
        # import's end could then be handled inside a progress report.
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        # Put away once the job ends (_dismiss), not by reaching the end.
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setAccessibleName(name)
        cancelled = threading.Event()
        progress.canceled.connect(cancelled.set)
        return progress, cancelled

    @staticmethod
    def _show_progress(progress: QtWidgets.QProgressDialog, done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def _dismiss(self, progress: QtWidgets.QProgressDialog) -> None:
        """Put the progress dialog away once the job has ended. It is hidden
        rather than closed (a close reports a cancel), and nothing is
        disconnected: both hung, now and then, in PySide's signal machinery
        while a pool thread was still leaving an emit."""
        self.busy = False
        progress.hide()
        progress.deleteLater()

    def _refuse_while_busy(self) -> bool:
        if self.busy:
            self._status(t("另一个导入正在进行，请稍候。"))
        return self.busy

    def import_folder(self, folder: Path) -> None:
        """Import every text file of a folder (not its subfolders) in one job,
        one after another, with one progress bar; then say what was imported
        and what was refused, and why. Cancel stops it: the file being
        imported is rolled back, those before it are kept."""
        try:
            from app.library import importable_files  # (not on the window's start-up path)

            files = importable_files(folder)
        except OSError as exc:
            self._status(t("无法读取文件夹 {}：{}").format(folder, exc.strerror))
            return
        if not files:
            self._status(t("文件夹 {} 中没有可导入的文本文件。").format(folder))
            return
        self.import_files(files)

    def import_files(self, files: list[Path]) -> None:
        """Import several files in one background job (see :meth:`import_folder`)."""
        if self._refuse_while_busy():
            return
        self.busy = True
        progress, cancelled = self._progress(t("正在导入 {} 个文件…").format(len(files)), t("导入文件夹"))
        library = self._library()

        def work(report: Callable[[int, int], None]) -> tuple[list[str], list[tuple[str, str]]]:
            imported: list[str] = []
            refused: list[tuple[str, str]] = []

            def file_report(done: int, total: int) -> None:
                if cancelled.is_set():
                    raise ImportCancelled
                share = done / total if total else 1
                finished = len(imported) + len(refused)
                report(int(PROGRESS_STEPS * (finished + share) / len(files)), PROGRESS_STEPS)

            # (Worker processes read the next files while this thread stores.)
            outcomes = library.import_files(files, progress=file_report)
            try:
                for outcome in outcomes:
                    if outcome.document_id is not None:
                        imported.append(outcome.document_id)
                    else:
                        refused.append((outcome.path.name, outcome.refusal or ""))
                    file_report(0, 1)
            except ImportCancelled:
                pass  # (the file being imported rolled back; those before kept)
            finally:
                outcomes.close()  # (the index tidied)
            return imported, refused

        def done(result: tuple[list[str], list[tuple[str, str]]]) -> None:
            self._dismiss(progress)
            imported, refused = result
            summary = t("已导入 {} 个文件，未导入 {} 个。").format(len(imported), len(refused))
            details = "\n".join(t("{}：{}").format(name, reason) for name, reason in refused)
            self.batch_imported.emit(imported, refused)
            self._status(summary)
            if refused:
                # Not modal: the summary stays up while the user reads on.
                self.summary = QtWidgets.QMessageBox(
                    QtWidgets.QMessageBox.Icon.Information, t("导入文件夹"), summary, parent=self._window
                )
                self.summary.setDetailedText(details)
                self.summary.setInformativeText(details)
                self.summary.open()

        def failed(exc: BaseException) -> None:
            self._dismiss(progress)
            self._status(t("导入失败：{}").format(exc))

        run_in_background(
            work, done, failed, on_progress=lambda done_count, total: self._show_progress(progress, done_count, total)
        )

    def import_file(self, path: Path) -> None:
        """Import a document in the background, with a progress dialog whose
        Cancel rolls the import back (the library is left as it was)."""
        if self._refuse_while_busy():
            self.file_failed.emit(t("另一个导入正在进行，请稍候。"))
            return
        self.busy = True
        progress, cancelled = self._progress(t("正在导入 {}…").format(path.name), t("导入文档"))
        library = self._library()

        def work(report: Callable[[int, int], None]) -> str:
            def checked(done: int, total: int) -> None:
                if cancelled.is_set():
                    raise ImportCancelled
                report(done, total)

            # The worker writes through its own connection (the service opens
            # one per thread), not through a second Library.
            return library.import_file(path, progress=checked)

        def done(document_id: str) -> None:
            self._dismiss(progress)
            self.file_imported.emit(document_id)

        def failed(exc: BaseException) -> None:
            self._dismiss(progress)
            if isinstance(exc, ImportCancelled):
                self._status(t("已取消导入"))
                self.file_failed.emit("")
                return
            message = str(exc) if isinstance(exc, BaipishuError) else t("导入失败：{}").format(exc)
            self.file_failed.emit(message)
            if self._dialogs():
                QtWidgets.QMessageBox.warning(self._window, t("无法导入"), message)

        run_in_background(
            work, done, failed, on_progress=lambda done_count, total: self._show_progress(progress, done_count, total)
        )
