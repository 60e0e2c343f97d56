"""The search panel: the search box, its filters, the hit list, and the
searches themselves (search-as-you-type, one worker thread with its own
searcher, a new keystroke cancelling the search in flight).

:class:`SearchPanel` makes the widgets (the window places them: the box and
its filters in the toolbar, the hits in a tab) and reports what the user
chose through its signals; it never opens anything itself.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QEvent, QObject, Signal
from shiboken6 import isValid

from app.ui import cards, models, settings
from app.ui.background import run_in_background
from app.ui.i18n import t

if TYPE_CHECKING:
    from app.library import Hit, Library, Searcher, SearchResult

# How long typing pauses before the search runs (Picard's ~120 ms).
SEARCH_DEBOUNCE_MS = 120
# How many hits a search lists.
SEARCH_RESULT_LIMIT = 50


class SearchPanel(QObject):
    """The search box, kind and scope filters, hit count and hit list.

    Args:
        parent: the window (the widgets' parent).
        library: what the library is (called when a search starts).
        document_id: the document shown (for the "this document" scope).
        hit_title: the title a hit's card names (None: not named).
    """

    # The user chose a hit (Enter, a click).
    hit_activated = Signal(object)
    # A search's result is shown.
    search_shown = Signal(object)
    # A sentence for the status bar.
    status = Signal(str)
    # A search started: the window shows the hits' tab.
    search_started = Signal()

    def __init__(
        self,
        parent: QtWidgets.QWidget,
        library: Callable[[], Library],
        document_id: Callable[[], str | None],
        hit_title: Callable[[Hit], str | None],
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._document_id = document_id
        self.generation = 0
        self._searcher_of_thread: dict[int, Searcher] = {}
        self._searchers_lock = threading.Lock()
        self._pool = QtCore.QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # The search thread lives as long as the window: its one searcher (and
        # read-only connection) with it, closed when the window closes. (An
        # idle pool thread would otherwise expire after 30 s, and the next
        # search open another searcher.)
        self._pool.setExpiryTimeout(-1)

        self.box = QtWidgets.QLineEdit(parent)
        self.box.setObjectName("searchBox")
        self.box.setAccessibleName(t("搜索"))
        self.box.setPlaceholderText(t('搜索全文（Ctrl+K）：扶贫 光伏、贫困 OR 脱贫、"小额信贷"、guangfu'))
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.kind = QtWidgets.QComboBox(parent)
        self.kind.setObjectName("searchKind")
        self.kind.setAccessibleName(t("搜索范围"))
        for label, value in ((t("全部"), "all"), (t("正文"), "body"), (t("专栏"), "box")):
            self.kind.addItem(label, value)
        self.scope = QtWidgets.QComboBox(parent)
        self.scope.setObjectName("searchScope")
        self.scope.setAccessibleName(t("搜索哪些文档"))
        self.scope.setToolTip(t("搜索哪些文档"))
        self.scope.addItem(t("全部文档"), "all")
        self.scope.addItem(t("本文档"), "document")
        from app.ui.properties import GENRE_NAMES

        for genre, label in GENRE_NAMES.items():
            self.scope.addItem(t("{}类").format(t(label)), f"genre:{genre}")
        self.scope.setCurrentIndex(max(0, self.scope.findData(settings.SEARCH_SCOPE.get())))

        self.results = QtWidgets.QListView(parent)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(t("搜索结果"))
        self.hit_model = models.HitModel(self)
        self.results.setModel(self.hit_model)
        self.results.setItemDelegate(
            cards.CardDelegate(lambda hit, palette: cards.hit_html(hit, palette, hit_title(hit)), self.results)
        )
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.count = QtWidgets.QLabel(parent)
        self.count.setObjectName("searchCount")
        self.count.setWordWrap(True)
        self.count.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.count.linkActivated.connect(self._on_suggestion)

        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer)
        self.box.textChanged.connect(self.search_again)
        self.kind.currentIndexChanged.connect(self.search_again)
        self.scope.currentIndexChanged.connect(self._on_scope_changed)
        self.results.activated.connect(self._on_hit_activated)
        self.results.clicked.connect(self._on_hit_activated)

    def searcher_for_thread(self) -> Searcher:
        """The calling thread's own searcher (one read-only connection per thread).

        Kept by the thread's id, not in a ``threading.local``: a Qt pool
        thread's Python state (and its thread-locals) is dropped after each
        job, which opened a new searcher for every search."""
        thread = threading.get_ident()
        with self._searchers_lock:
            searcher = self._searcher_of_thread.get(thread)
            if searcher is None:
                searcher = self._searcher_of_thread[thread] = self._library().searcher()
        return searcher

    def search_again(self) -> None:
        """Search (again) once typing pauses; the search in flight is stale."""
        self.generation += 1
        self._timer.start()

    def _on_scope_changed(self) -> None:
        settings.SEARCH_SCOPE.set(self.scope.currentData() or "all")
        self.search_again()

    def _on_timer(self) -> None:
        text = self.box.text()
        settings.LAST_QUERY.set(text)
        if not text.strip():
            self.hit_model.set_items([])
            self.count.setText("")
            return
        self.search_started.emit()
        scope = self.scope.currentData() or "all"
        document = self._document_id() if scope == "document" else None
        genre = scope.removeprefix("genre:") if scope.startswith("genre:") else None
        generation = self.generation
        kind = self.kind.currentData()

        def search() -> SearchResult:
            return self.searcher_for_thread().search(
                text,
                limit=SEARCH_RESULT_LIMIT,
                kind=kind,
                document=document,
                genre=genre,
                cancelled=lambda: generation != self.generation,  # a newer query: stop
            )

        def failed(exc: BaseException) -> None:
            from app.library import SearchCancelled

            if not isinstance(exc, SearchCancelled) and generation == self.generation:
                # Said in the status bar, never a traceback dialog.
                self.status.emit(t("搜索出错：{}").format(exc))

        run_in_background(search, lambda result: self._on_finished(generation, result), failed, pool=self._pool)

    def _on_finished(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return  # a newer query is on its way
        if not isValid(self.hit_model):
            return  # the window went while this search ran (it has no one to tell)
        self.hit_model.set_items(list(result.all_hits()))
        # (Rich text: the suggestions are links; every other part is escaped.)
        parts = [html.escape(t("共 {} 段").format(result.total))]
        if result.heading_total:
            parts.append(html.escape(t("标题 {} 处").format(result.heading_total)))
        if result.pinyin:
            parts.append(html.escape(t("按拼音：{}").format(t("、").join(result.pinyin))))
        if not result.total and not result.heading_total:
            parts += self._why_nothing(result)
        if result.notice:
            parts.append(html.escape(result.notice))
        links = ""
        if result.suggestions:
            # Each suggestion is a link: a click searches for it.
            words = t("、").join(
                f"<a href='{html.escape(quote(word), quote=True)}'>{html.escape(word)}</a>"
                for word in result.suggestions
            )
            links = t("您是不是要找：{}").format(words)
        self.count.setText(t("；").join([*parts, links] if links else parts))
        if result.all_hits():
            self.results.setCurrentIndex(self.hit_model.index(0))
        if not result.ranked_by_words:
            self.status.emit(t("分词器加载中：先显示精确匹配结果，排序稍后更准确。"))
        self.search_shown.emit(result)

    def _why_nothing(self, result: SearchResult) -> list[str]:
        """Why a search found nothing, when it can be told: the filters hide
        hits; the document shown is an excerpt (the term may be in the part
        it lacks)."""
        reasons = []
        if result.elsewhere:
            reasons.append(html.escape(t("筛选条件之外另有 {} 段").format(result.elsewhere)))
        if result.excerpt:
            reasons.append(html.escape(t("本文是节选，要找的内容可能在未收录的部分")))
        return reasons

    def _on_suggestion(self, word: str) -> None:
        self.box.setText(unquote(word))

    def _on_hit_activated(self, index: QtCore.QModelIndex) -> None:
        hit = index.data(models.ValueRole)
        if hit is not None:
            self.hit_activated.emit(hit)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        # In the box: ↑/↓ move through the hits, Enter opens the current one.
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up):
                row = self.results.currentIndex().row()
                row = row + 1 if key == QtCore.Qt.Key.Key_Down else row - 1
                if 0 <= row < self.hit_model.rowCount():
                    self.results.setCurrentIndex(self.hit_model.index(row))
                return True
            if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed and pressed Enter at once
                    self._timer.stop()
                    self._on_timer()
                    return True
                current = self.results.currentIndex()
                if current.isValid():
                    self._on_hit_activated(current)
                return True
        return super().eventFilter(watched, event)

    def close(self) -> None:
        """Stop searching and close every searcher (the window closes)."""
        self.generation += 1
        self._pool.waitForDone(2000)
        with self._searchers_lock:
            for searcher in self._searcher_of_thread.values():
                try:
                    searcher.close()
                except Exception:  # (closing at exit: nothing left to tell)
                    pass
            self._searcher_of_thread.clear()
