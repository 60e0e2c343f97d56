"""The main window: chapter tree, reader, search panel, figure and 专栏 cards.

The window talks to the core only through the service, :mod:`app.library`
(its Library and the Searchers it opens; plain frozen values in and out); it
never runs SQL itself. Searches run in a worker thread with their own
read-only connection; a new keystroke cancels the search in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from app.errors import BaipishuError
from app.paths import resources_dir
from app.ui import settings
from app.ui.background import collector_paused, release_gradually, run_in_background
from app.ui.history import History, Place
from app.ui.i18n import mark, t
from app.ui.importing import Importer
from app.ui.lazy import lazy_module

if TYPE_CHECKING:
    # The library and the search engine (SQLite) load after the
    # window has painted; see attach_library().
    from app.document import citations, links, model
    from app.document.figures import Series
    from app.library import DocumentSummary, Hit, Library, Searcher
    from app.ui import annotations as annotating
    from app.ui import cards, models, reader
else:
    # The panels' modules load when the panels are built, after the window
    # has first painted (see build_panels()): importing them created about
    # 200 of PySide's Python enum types (measured), which would delay that paint.
    citations = lazy_module("app.document.citations")
    links = lazy_module("app.document.links")
    model = lazy_module("app.document.model")
    annotating = lazy_module("app.ui.annotations")
    cards = lazy_module("app.ui.cards")
    models = lazy_module("app.ui.models")
    reader = lazy_module("app.ui.reader")

# Find in page looks through a document of up to this many blocks at once;
# a larger one is looked through off the GUI thread.
FIND_AT_ONCE_UNITS = 20_000
# A tree of more units than this opens folded (expanding 10,000 takes 0.4 s).
TOC_EXPAND_NODES = 2000
# Cards measured per pass of the event loop (about 1 ms each, with painting).
CARD_LAYOUT_BATCH = 16
# More cards than this are measured in batches: the bundled paper's 129
# cards measured at once stopped the window for 50-75 ms when it was opened
# again after a large document (a card's rich text is laid out to be measured).
CARD_BATCH_ABOVE = 40
# A document with more paragraphs than this opens with them while the rest
# loads in the background (a law has a few hundred; a 50 MB file 75,000).
START_PARAGRAPHS = 400
# How long after a large document's start is shown its rest starts loading.
LOAD_AFTER_PAINT_MS = 100
STATUS_MESSAGE_MS = 4000
# The figure panel's families of units (app.document.figures.UNIT_FAMILIES).
FAMILY_NAMES = {
    None: mark("全部单位"),
    "money": mark("金额"),
    "percent": mark("百分比"),
    "points": mark("百分点"),
    "people": mark("人数"),
    "area": mark("面积"),
    "length": mark("长度"),
    "mass": mark("重量"),
    "energy": mark("电力能源"),
    "time": mark("时间期限"),
    "count": mark("个数"),
}
# The icon's sizes in resources/icons (baipishu-<size>.png, drawn from baipishu.svg).
ICON_SIZES_PX = (32, 64, 256)
# The first window, where the screen has room, and what it leaves of a
# smaller screen (for the frame and the desktop's own bars).
FIRST_WIDTH_PX, FIRST_HEIGHT_PX = 1280, 800
SCREEN_MARGIN_PX = 48
# The side panels are never narrower than this.
SIDE_PANEL_MIN_PX = 160
# The reader is never narrower than this many characters.
READER_MIN_CHARS = 24
# Narrower than this, the window is compact: the right panel folds away
# (视图 → 显示右侧面板 brings it back).
COMPACT_BELOW_PX = 1100
# How much of a selection 搜索选中的文字 searches for.
SELECTION_QUERY_CHARS = 60
STYLE_NAMES = {
    "plain": mark("纯文本"),
    "gbt7714": "GB/T 7714",
    "markdown": "Markdown",
    "ris": "RIS (EndNote, NoteExpress)",
    "csl-json": "CSL-JSON (Zotero)",
    "bibtex": "BibTeX",
}


@dataclass(frozen=True)
class _Prepared:
    """A large document and what its panels need, made in a worker."""

    document: model.Document
    layout: reader.DocumentLayout
    tree: models.TocTree
    series: list[Series]
    figures_by_id: dict[str, model.Figure]
    boxes: list[models.BoxCard]


def _containers(document: model.Document, layout: reader.DocumentLayout, tree: models.TocTree) -> tuple[Any, ...]:
    """The large containers a document and its layout and tree are made of
    (what release_gradually() frees a piece at a time): those that hold
    their objects (a stored document's rows are in the library)."""
    held = (document.paragraphs, document.figures, document.nodes, *layout.containers(), *tree.containers())
    return tuple(container for container in held if isinstance(container, tuple | list))


def window_icon() -> QtGui.QIcon:
    """The program's icon, at the sizes drawn for it (PNG: no SVG plugin is
    shipped)."""
    icon = QtGui.QIcon()
    for size in ICON_SIZES_PX:
        icon.addFile(str(resources_dir() / "icons" / f"baipishu-{size}.png"), QtCore.QSize(size, size))
    return icon


def _first_size(window: QtWidgets.QWidget) -> tuple[int, int]:
    """The window's first size: 1280×800 where the screen has room, else
    what it has (a 1024×600 screen keeps the panels and status bar in view)."""
    screen = window.screen().availableGeometry()
    width = min(FIRST_WIDTH_PX, screen.width() - SCREEN_MARGIN_PX)
    return width, min(FIRST_HEIGHT_PX, screen.height() - SCREEN_MARGIN_PX)


def _lay_out_cards(view: QtWidgets.QListView, count: int) -> None:
    """Many cards are measured a batch at a time between events: every card
    is rich text of its own height, and measuring 10,000 at once froze the
    window for seconds. A few are measured at once (a jump to one of them
    needs its place)."""
    batched = count > CARD_BATCH_ABOVE
    view.setLayoutMode(QtWidgets.QListView.LayoutMode.Batched if batched else QtWidgets.QListView.LayoutMode.SinglePass)
    view.setBatchSize(CARD_LAYOUT_BATCH)


class MainWindow(QMainWindow):
    """The Baipishu window over one library."""

    document_shown = Signal(str)
    # The whole of the document shown is in place (at once for most; a large
    # one after its start was shown and the rest loaded in the background).
    document_loaded = Signal(str)
    search_shown = Signal(object)
    segmenter_ready = Signal()
    library_attached = Signal()
    import_finished = Signal(str)
    import_failed = Signal(str)
    # A folder was imported: the new ids, and (file name, reason) of those refused.
    folder_imported = Signal(list, list)

    def __init__(self, library: Library | None = None, *, panels: bool = True) -> None:
        """Build the window.

        Args:
            library: the library to show now, or None to attach one later.
            panels: build the panels now; the app passes False to paint the
                window first and calls :meth:`build_panels` right after.
        """
        super().__init__()
        self._library = library
        self.document: model.Document | None = None
        self._document_generation = 0
        # Links that arrived before the library was attached (open_link).
        self._pending_links: list[str] = []
        self.history = History()
        # A document was opened in this turn of the event loop: a jump into it
        # now is the same step of the history.
        self._just_opened = False
        # Back or Forward is moving: it records nothing.
        self._navigating = False
        self._following = False
        self._figures_by_id: dict[str, model.Figure] = {}
        self._titles: dict[str, str] = {}
        self._removed: list[Any] = []
        # Errors also shown in a dialog (the self-test and tests turn it off:
        # the signals and the status bar still report them).
        self.errors_in_dialogs = True
        self.importer = Importer(
            self,
            lambda: self.library,
            self.show_status,
            lambda: self.errors_in_dialogs,
        )
        self.importer.file_imported.connect(self._on_file_imported)
        self.importer.file_failed.connect(self.import_failed)
        self.importer.batch_imported.connect(self._on_batch_imported)
        self._segmenter_loading = False
        self.setWindowTitle(t("白皮书阅览 Baipishu"))
        if QtWidgets.QApplication.windowIcon().isNull():
            # The application's icon: every window of it takes it (read once).
            QtWidgets.QApplication.setWindowIcon(window_icon())
        self.setAcceptDrops(True)
        self.panels_built = False
        if panels:
            self.build_panels()
        else:
            placeholder = QtWidgets.QLabel(t("正在打开…"), self)
            # (No Qt enum here: the first use of the Qt namespace creates a
            # hundred Python enum types, 20 ms this paint would wait for.)
            placeholder.setMargin(24)
            self.setCentralWidget(placeholder)
            geometry = settings.WINDOW_GEOMETRY.get()
            if not geometry.isEmpty():
                self.restoreGeometry(geometry)
        if library is not None:
            self.attach_library(library)

    def _line_edit(self, name: str, label: str, placeholder: str) -> QtWidgets.QLineEdit:
        """A text field with its object name, accessible name and placeholder."""
        edit = QtWidgets.QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(placeholder)
        return edit

    def _column(self, *items: QtWidgets.QWidget | tuple[QtWidgets.QWidget, ...]) -> QtWidgets.QWidget:
        """A page of widgets from top to bottom, without margins; a tuple of
        widgets is one row."""
        page = QtWidgets.QWidget(self)
        layout = QtWidgets.QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        for item in items:
            if isinstance(item, tuple):
                row = QtWidgets.QHBoxLayout()
                for widget in item:
                    row.addWidget(widget)
                layout.addLayout(row)
            else:
                layout.addWidget(item)
        return page

    def show_status(self, text: str) -> None:
        """Say ``text`` in the status bar for a few seconds."""
        self.statusBar().showMessage(text, STATUS_MESSAGE_MS)

    def build_panels(self) -> None:
        """Build the tree, reader, search and card panels (once)."""
        if not self.panels_built:
            self.panels_built = True
            self._build()

    def show_fatal(self, message: str) -> None:
        """The library cannot be opened: say why, in one sentence."""
        QtWidgets.QMessageBox.critical(self, t("无法打开文库"), message)
        self.close()

    @property
    def library(self) -> Library:
        """The library shown (attached once the window exists)."""
        if self._library is None:
            raise RuntimeError("no library attached yet")
        return self._library

    def attach_library(self, library: Library) -> None:
        """Show a library: restore the session, load the segmenter in the
        background. The app calls it after the first paint."""
        self._library = library
        documents = library.documents()  # (read once for both)
        self._restore(documents)
        self._refresh_library(documents)
        if library.recovered:
            self.statusBar().showMessage(library.recovered)
            if self.errors_in_dialogs:
                QtWidgets.QMessageBox.warning(self, t("文库已重建"), library.recovered)
        self.library_attached.emit()
        self.load_segmenter()
        pending, self._pending_links = self._pending_links, []
        for link in pending:
            # Once the new panels have their size (as the restored position).
            QtCore.QTimer.singleShot(0, lambda link=link: self.open_link(link))

    # -- construction ----------------------------------------------------------

    def _build(self) -> None:
        toolbar = QtWidgets.QToolBar(t("工具栏"), self)
        toolbar.setObjectName("mainToolBar")
        self.addToolBar(toolbar)
        from app.ui.search_panel import SearchPanel

        self.search = SearchPanel(self, lambda: self.library, lambda: self.document_id, self._hit_title)
        # (The panel's widgets, as the window and its tests know them.)
        self.search_box = self.search.box
        self.kind_filter = self.search.kind
        self.search_scope = self.search.scope
        self.search_results = self.search.results
        self.search_count = self.search.count
        self.hit_model = self.search.hit_model
        self.style_box = QtWidgets.QComboBox(self)
        self.style_box.setObjectName("citationStyle")
        self.style_box.setAccessibleName(t("引用格式"))
        for style in citations.STYLES:
            self.style_box.addItem(t(STYLE_NAMES[style]), style)
        toolbar.addWidget(self.search_box)
        # Each drop-down with its label (the label's letter focuses it: Alt+…).
        for label, widget in (
            (t("范围(&R)："), self.kind_filter),
            (t("文档(&D)："), self.search_scope),
            (t("引用格式(&Y)："), self.style_box),
        ):
            caption = QtWidgets.QLabel(label, self)
            caption.setBuddy(widget)
            caption.setContentsMargins(6, 0, 2, 0)
            toolbar.addWidget(caption)
            toolbar.addWidget(widget)

        self.toc_tree = QtWidgets.QTreeView(self)
        self.toc_tree.setObjectName("tocTree")
        self.toc_tree.setAccessibleName(t("目录"))
        self.toc_tree.setHeaderHidden(True)
        # One line per unit: rows need not be measured one by one (a 50 MB
        # document has 50,000 units).
        self.toc_tree.setUniformRowHeights(True)
        self.toc_model = models.TocModel(self)
        self.toc_proxy = QtCore.QSortFilterProxyModel(self)
        self.toc_proxy.setSourceModel(self.toc_model)
        self.toc_proxy.setRecursiveFilteringEnabled(True)
        self.toc_proxy.setFilterCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        # Matched as search matches: traditional, full-width and simplified alike.
        self.toc_proxy.setFilterRole(models.FilterRole)
        # The tree shows the model itself, and the proxy only while a filter
        # is typed: laying out a 50 MB document's tree (2,604 chapters at the
        # top) through the proxy stopped the window for 42-55 ms.
        self.toc_tree.setModel(self.toc_model)
        self.toc_filter = self._line_edit("tocFilter", t("筛选目录"), t("筛选目录"))
        self.toc_filter.textChanged.connect(self._on_toc_filter_changed)
        expand = QtWidgets.QPushButton(t("全部展开"), self)
        expand.setAccessibleName(t("全部展开"))
        expand.clicked.connect(self.toc_tree.expandAll)
        collapse = QtWidgets.QPushButton(t("全部折叠"), self)
        collapse.setAccessibleName(t("全部折叠"))
        collapse.clicked.connect(self.toc_tree.collapseAll)
        toc_page = self._column(self.toc_filter, (expand, collapse), self.toc_tree)
        self.toc_page = toc_page

        search_page = self._column(self.search_count, self.search_results)
        self.search_page = search_page

        self.left_tabs = QtWidgets.QTabWidget(self)
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.tabBar().setAccessibleName(t("左侧面板"))
        self.annotations = annotating.Annotations(self)
        # (The lists, as the window's views and its tests know them.)
        self.bookmark_list = self.annotations.bookmark_list
        self.bookmark_model = self.annotations.bookmark_model
        self.notes_panel = self.annotations.notes_panel
        self.note_model = self.annotations.note_model
        self.left_tabs.addTab(toc_page, t("目录"))
        self.left_tabs.addTab(search_page, t("搜索"))
        self.left_tabs.addTab(self.bookmark_list, t("书签"))
        from app.ui.library_panel import LibraryPanel

        self.library_panel = LibraryPanel(self)
        self.library_panel.open_requested.connect(self._on_library_open)
        self.library_panel.remove_requested.connect(self.remove_document)
        self.library_panel.properties_requested.connect(self._on_library_properties)
        self.library_panel.import_requested.connect(self._on_import_requested)
        self.library_panel.import_folder_requested.connect(self._on_import_folder_requested)
        self.library_panel.undo_requested.connect(self.undo_remove)
        self.left_tabs.addTab(self.library_panel, t("文库"))
        self.left_tabs.addTab(self.notes_panel, t("笔记"))

        self.reader = reader.Reader(self)
        self.reader.link_activated.connect(self._on_link_activated)
        self.reader.verticalScrollBar().valueChanged.connect(self._on_reader_scrolled)
        self.find_bar = self._line_edit(
            "findBar", t("页内查找"), t("页内查找（Enter 下一个，Shift+Enter 上一个，Esc 关闭）")
        )
        self.find_bar.hide()
        self.find_bar.textChanged.connect(self._on_find_changed)
        self.find_bar.returnPressed.connect(lambda: self._find_step(backward=False))
        self.find_bar.installEventFilter(self)
        self.find_count = QtWidgets.QLabel(self)
        self.find_count.setObjectName("findCount")
        self.find_count.setAccessibleName(t("页内查找结果"))
        self.find_count.hide()
        reader_page = self._column(self.reader, (self.find_bar, self.find_count))
        # Where the find began: the place in the reader and the paragraph read.
        self._find_origin: tuple[tuple[int, int] | None, str | None] = (None, None)
        self._find_generation = 0

        self.figure_cards = QtWidgets.QListView(self)
        self.figure_cards.setObjectName("figureCards")
        self.figure_cards.setAccessibleName(t("数据卡片"))
        self.figure_model = models.FigureModel(self)
        self.figure_proxy = models.FigureProxy(self)
        self.figure_proxy.setSourceModel(self.figure_model)
        self.figure_cards.setModel(self.figure_proxy)
        self.figure_cards.setItemDelegate(
            cards.CardDelegate(lambda f, palette: cards.figure_html(f, palette, self._partner(f)), self.figure_cards)
        )
        self.figure_cards.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.figure_filter = self._line_edit("figureFilter", t("筛选数据"), t("筛选数据（文字或单位，如 亿元、%）"))
        self.figure_filter.textChanged.connect(self.figure_proxy.setFilterFixedString)
        self.figure_sort = QtWidgets.QComboBox(self)
        self.figure_sort.setObjectName("figureSort")
        self.figure_sort.setAccessibleName(t("数据排序"))
        self.figure_sort.addItem(t("按出现顺序"), False)
        self.figure_sort.addItem(t("按数值大小"), True)
        self.figure_sort.currentIndexChanged.connect(
            lambda: self.figure_proxy.set_by_value(bool(self.figure_sort.currentData()))
        )
        self.figure_family = QtWidgets.QComboBox(self)
        self.figure_family.setObjectName("figureFamily")
        self.figure_family.setAccessibleName(t("单位类别"))
        for family, label in FAMILY_NAMES.items():
            self.figure_family.addItem(t(label), family)
        self.figure_family.currentIndexChanged.connect(
            lambda: self.figure_proxy.set_family(self.figure_family.currentData())
        )
        self.figure_thresholds = QtWidgets.QCheckBox(t("含法定限值"), self)
        self.figure_thresholds.setObjectName("figureThresholds")
        self.figure_thresholds.setAccessibleName(t("显示法律法规规定的限值（如三年以下）"))
        self.figure_thresholds.setChecked(True)
        self.figure_thresholds.toggled.connect(self.figure_proxy.set_thresholds)
        self.figure_scope = QtWidgets.QCheckBox(t("仅本章"), self)
        self.figure_scope.setObjectName("figureScope")
        self.figure_scope.setAccessibleName(t("只看当前章节的数据"))
        self.figure_scope.toggled.connect(self._update_figure_scope)
        copy_value = QtWidgets.QPushButton(t("复制数值"), self)
        copy_value.setAccessibleName(t("复制数值"))
        copy_value.clicked.connect(self.copy_figure_value)
        copy_cited = QtWidgets.QPushButton(t("复制并引用"), self)
        copy_cited.setAccessibleName(t("复制并引用"))
        copy_cited.clicked.connect(self.copy_current_figure)
        export = QtWidgets.QPushButton(t("导出 CSV"), self)
        export.setAccessibleName(t("导出 CSV"))
        export.clicked.connect(self._on_export_figures)
        figure_page = self._column(
            self.figure_filter,
            (self.figure_sort, self.figure_family),
            (self.figure_scope, self.figure_thresholds),
            self.figure_cards,
            (copy_value, copy_cited, export),
        )

        self.box_cards = QtWidgets.QListView(self)
        self.box_cards.setObjectName("boxCards")
        self.box_cards.setAccessibleName(t("专栏卡片"))
        self.box_model = models.BoxModel(self)
        self.box_cards.setModel(self.box_model)
        self.box_cards.setItemDelegate(cards.CardDelegate(cards.box_html, self.box_cards))
        self.box_cards.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)

        self.right_tabs = QtWidgets.QTabWidget(self)
        self.right_tabs.setObjectName("rightTabs")
        self.right_tabs.tabBar().setAccessibleName(t("右侧面板"))
        self.figure_page = figure_page
        self.right_tabs.addTab(figure_page, t("数据"))
        self.right_tabs.addTab(self.box_cards, t("专栏"))
        from app.ui.chart import ChartPanel

        self.chart_panel = ChartPanel(self.show_status, self)
        self.series_box, self.chart = self.chart_panel.series_box, self.chart_panel.chart
        self.right_tabs.addTab(self.chart_panel, t("图表"))

        self.splitter = QtWidgets.QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(reader_page)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(1, 1)
        # The side panels fold away (drag them shut, or 视图 and F9/Shift+F9);
        # the reader never narrows below a readable line.
        self.splitter.setCollapsible(1, False)
        reader_page.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * READER_MIN_CHARS)
        for side in (self.left_tabs, self.right_tabs):
            # Narrower than their contents would ask on a small screen (their
            # tabs scroll), so that the reader keeps its width.
            side.setUsesScrollButtons(True)
            side.setMinimumWidth(SIDE_PANEL_MIN_PX)
        self.splitter.setSizes([260, 620, 320])
        self.setCentralWidget(self.splitter)
        self._compact_hid_right = False
        size = _first_size(self)
        self._fit_panels(size[0])
        self.resize(*size)

        self.search.hit_activated.connect(self.open_hit)
        self.search.search_shown.connect(self.search_shown)
        self.search.status.connect(self.show_status)
        self.search.search_started.connect(lambda: self.left_tabs.setCurrentIndex(1))
        self.toc_tree.clicked.connect(self._on_toc_activated)
        self.toc_tree.activated.connect(self._on_toc_activated)
        self.figure_cards.clicked.connect(self._on_card_activated)
        self.figure_cards.activated.connect(self._on_card_activated)
        self.box_cards.clicked.connect(self._on_card_activated)
        self.box_cards.activated.connect(self._on_card_activated)
        self.style_box.currentIndexChanged.connect(self._on_style_changed)

        self._add_actions()
        self.statusBar().setObjectName("statusBar")
        # Where the current passage is: what a copy or a bookmark would take.
        self.passage_label = QtWidgets.QLabel(self)
        self.passage_label.setObjectName("passageLabel")
        self.passage_label.setAccessibleName(t("当前段落"))
        # A long place must not widen the window (small screens).
        self.passage_label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred)
        self.passage_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addPermanentWidget(self.passage_label, 1)
        self.reader.passage_changed.connect(self._on_passage_changed)
        self.reader.copy_requested.connect(self.copy_passage)

    def _add_actions(self) -> None:
        from app.ui.actions import build_menus

        # Every command in the menus with its shortcuts (app.ui.actions).
        self.actions_by_name = build_menus(self, self.reader)
        for view, slot in (
            (self.reader, self._on_reader_menu),
            (self.toc_tree, self._on_tree_menu),
            (self.search_results, self._on_hit_menu),
            (self.figure_cards, self._on_figure_menu),
            (self.box_cards, self._on_box_menu),
            (self.notes_panel, self.annotations.on_note_menu),
            (self.bookmark_list, self.annotations.on_bookmark_menu),
        ):
            view.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(slot)

    # -- context menus ---------------------------------------------------------

    def _context_menu(self, name: str, *commands: str) -> QtWidgets.QMenu:
        """A context menu of the window's commands (``-``: a separator)."""
        from app.ui.actions import add_to_menu

        menu = QtWidgets.QMenu(self)
        menu.setObjectName(name)
        menu.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        add_to_menu(menu, self.actions_by_name, *commands)
        return menu

    def reader_menu(self, position: QtCore.QPoint) -> QtWidgets.QMenu:
        """The reader's context menu at ``position`` (viewport coordinates):
        the paragraph there becomes the current passage unless text is selected."""
        if not self.reader.textCursor().hasSelection():
            clicked = self.reader.paragraph_at(position)
            if clicked is not None:
                self.reader.choose_paragraph(clicked.id)
        menu = self._context_menu(
            "readerMenu", "actionCopy", "actionCopyCited", "-", "actionBookmark", "actionSearchSelection", "-"
        )
        selected = self.reader.selection_in_paragraph() is not None
        colours = menu.addMenu(t("高亮"))
        colours.setObjectName("highlightMenu")
        colours.setEnabled(selected)
        for name, colour in annotating.NOTE_COLOR_NAMES.items():
            colours.addAction(t(colour)).triggered.connect(
                lambda _checked=False, name=name: self.annotations.highlight_selection(name)
            )
        menu.addAction(self.actions_by_name["actionNote"])
        self.actions_by_name["actionNote"].setEnabled(selected)
        menu.aboutToHide.connect(lambda: self.actions_by_name["actionNote"].setEnabled(True))
        menu.addSeparator()
        select_all = menu.addAction(t("全选"))
        select_all.triggered.connect(self.reader.selectAll)
        self.actions_by_name["actionSearchSelection"].setEnabled(self.reader.textCursor().hasSelection())
        menu.aboutToHide.connect(lambda: self.actions_by_name["actionSearchSelection"].setEnabled(True))
        from app.ui.actions import add_to_menu

        add_to_menu(menu, self.actions_by_name, "actionFind", "-", "actionShowLibrary")
        return menu

    def _on_reader_menu(self, position: QtCore.QPoint) -> None:
        self.reader_menu(position).popup(self.reader.viewport().mapToGlobal(position))

    def item_menu(self, view: QtWidgets.QAbstractItemView, position: QtCore.QPoint, name: str) -> QtWidgets.QMenu:
        """A menu for the row under ``position``, which becomes current; its
        first entry opens the row's place in the text."""
        index = view.indexAt(position)
        menu = QtWidgets.QMenu(self)
        menu.setObjectName(name)
        menu.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        if index.isValid():
            view.setCurrentIndex(index)
            opening = menu.addAction(t("在正文中打开"))
            opening.triggered.connect(lambda: view.activated.emit(index))
        return menu

    def _on_tree_menu(self, position: QtCore.QPoint) -> None:
        menu = self.item_menu(self.toc_tree, position, "tocMenu")
        menu.addAction(t("全部展开")).triggered.connect(self.toc_tree.expandAll)
        menu.addAction(t("全部折叠")).triggered.connect(self.toc_tree.collapseAll)
        menu.popup(self.toc_tree.viewport().mapToGlobal(position))

    def _on_hit_menu(self, position: QtCore.QPoint) -> None:
        menu = self.item_menu(self.search_results, position, "hitMenu")
        if self.search_results.indexAt(position).isValid():
            cited = menu.addAction(t("打开并复制引用"))
            index = self.search_results.indexAt(position)

            def open_and_cite() -> None:
                self.search_results.activated.emit(index)
                self.copy_with_citation()

            cited.triggered.connect(open_and_cite)
        menu.popup(self.search_results.viewport().mapToGlobal(position))

    def _on_figure_menu(self, position: QtCore.QPoint) -> None:
        menu = self.item_menu(self.figure_cards, position, "figureMenu")
        if self.figure_cards.indexAt(position).isValid():
            menu.addAction(t("复制数值")).triggered.connect(self.copy_figure_value)
            menu.addAction(self.actions_by_name["actionCopyFigure"])
        menu.addSeparator()
        menu.addAction(self.actions_by_name["actionExportFigures"])
        menu.popup(self.figure_cards.viewport().mapToGlobal(position))

    def _on_box_menu(self, position: QtCore.QPoint) -> None:
        self.item_menu(self.box_cards, position, "boxMenu").popup(self.box_cards.viewport().mapToGlobal(position))

    # -- commands of the menus -------------------------------------------------

    def remove_current_document(self) -> None:
        """文件 → 删除文档…: the document shown (asked first)."""
        if self.document is not None:
            self.remove_document(self.document.id)

    def find_next(self) -> None:
        """F3: the next match of the find bar (opened when it is closed)."""
        if not self.find_bar.isVisible() or not self.find_bar.text():
            self.show_find_bar()
            return
        self._find_step(backward=False)

    def find_previous(self) -> None:
        """Shift+F3: the previous match."""
        if not self.find_bar.isVisible() or not self.find_bar.text():
            self.show_find_bar()
            return
        self._find_step(backward=True)

    def search_selection(self) -> None:
        """Search the library for the text selected in the reader."""
        text = self.reader.selected_text().strip()
        if text:
            self.search_box.setText(" ".join(text.split())[:SELECTION_QUERY_CHARS])
        self.focus_search()

    def zoom_in(self) -> None:
        """视图 → 放大."""
        self.zoom(1)

    def zoom_out(self) -> None:
        """视图 → 缩小."""
        self.zoom(-1)

    def zoom_reset(self) -> None:
        """视图 → 原始大小."""
        self.zoom(0)

    def set_left_panel_shown(self, shown: bool) -> None:
        """Show or hide the left panels (contents, search, bookmarks, library)."""
        self.left_tabs.setVisible(shown)
        self._sync_panel_actions()

    def set_right_panel_shown(self, shown: bool) -> None:
        """Show or hide the right panels (figures, boxes, chart)."""
        if shown:
            self._compact_hid_right = False  # (the user's choice from now on)
        self.right_tabs.setVisible(shown)
        self._sync_panel_actions()

    def _sync_panel_actions(self) -> None:
        actions: dict[str, QtGui.QAction] = getattr(self, "actions_by_name", {})  # (none while building)
        for name, panel in (("actionLeftPanel", self.left_tabs), ("actionRightPanel", self.right_tabs)):
            action = actions.get(name)
            if action is not None and action.isChecked() != panel.isVisibleTo(self):
                action.blockSignals(True)
                action.setChecked(panel.isVisibleTo(self))
                action.blockSignals(False)

    def _show_tab(self, tabs: QtWidgets.QTabWidget, page: QtWidgets.QWidget) -> None:
        tabs.setVisible(True)
        self._sync_panel_actions()
        tabs.setCurrentWidget(page)
        page.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def show_toc_panel(self) -> None:
        """视图 → 目录."""
        self._show_tab(self.left_tabs, self.toc_page)
        self.toc_tree.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def show_search_panel(self) -> None:
        """视图 → 搜索结果."""
        self._show_tab(self.left_tabs, self.search_page)
        self.search_results.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def show_bookmarks_panel(self) -> None:
        """视图 → 书签列表."""
        self._show_tab(self.left_tabs, self.bookmark_list)

    def show_library_panel(self) -> None:
        """视图 → 文库."""
        self._show_tab(self.left_tabs, self.library_panel)
        self.library_panel.view.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def show_figures_panel(self) -> None:
        """视图 → 数据卡片."""
        self._show_tab(self.right_tabs, self.figure_page)
        self.figure_cards.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def show_boxes_panel(self) -> None:
        """视图 → 专栏卡片."""
        self._show_tab(self.right_tabs, self.box_cards)

    def go_to_start(self) -> None:
        """前往 → 文档开头."""
        if self.document is not None and self.document.paragraphs:
            self.open_paragraph(self.document.paragraphs[0].id)

    def open_bundled(self) -> None:
        """前往 → the bundled white paper (always one step away)."""
        bundled = next((d for d in self.library.documents() if d.bundled), None)
        if bundled is None:
            self.show_status(t("随附的白皮书已从文库删除。"))
        elif bundled.id != self.document_id:
            self.show_document(bundled.id)

    def show_shortcuts(self) -> QtWidgets.QDialog:
        """帮助 → 键盘快捷键 (returned shown, for tests)."""
        from app.ui.help import shortcuts_dialog

        return self._show_dialog(shortcuts_dialog(self))

    def show_guide(self) -> QtWidgets.QDialog:
        """帮助 → 使用指南."""
        from app.ui.help import guide_dialog

        return self._show_dialog(guide_dialog(self))

    def show_about(self) -> QtWidgets.QDialog:
        """帮助 → 关于白皮书阅览."""
        from app.ui.help import about_dialog

        return self._show_dialog(about_dialog(self))

    def chrome_sample(self) -> list[str]:
        """The menus' titles and the panels' tab names: what the self-test
        checks is in the UI's language."""
        titles = [action.text() for action in self.menuBar().actions()]
        tabs = [tabs.tabText(i) for tabs in (self.left_tabs, self.right_tabs) for i in range(tabs.count())]
        return [text for text in titles + tabs if text]

    def _show_dialog(self, dialog: QtWidgets.QDialog) -> QtWidgets.QDialog:
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -- documents -----------------------------------------------------------

    @property
    def document_id(self) -> str | None:
        """The id of the document shown."""
        return self.document.id if self.document else None

    def show_document(self, document_id: str) -> None:
        """Show a document of the library in the tree, reader and cards.

        A large document shows its start at once (its first
        :data:`START_PARAGRAPHS` paragraphs); the rest is read and laid out in
        the background and put in place without moving the view
        (``document_loaded`` then).
        """
        leaving = self._place()
        document = self.library.document_start(document_id, START_PARAGRAPHS)
        self._retire_shown(document.id)
        if not self._navigating and leaving is not None and leaving.document != document.id and document.paragraphs:
            # Opening a document is a step of the history (Back returns).
            self.history.visit(leaving, Place(document.id, document.paragraphs[0].id))
            self._just_opened = True
            QtCore.QTimer.singleShot(0, self._on_opening_done)
        self._document_generation += 1
        self._show(document)
        self.reader.show_document(document)
        settings.LAST_DOCUMENT.set(document.id)
        self.library_panel.select(document.id)
        if document.partial:
            self.statusBar().showMessage(t("正在载入全文…"))
            generation = self._document_generation
            # Once the rest of the window has painted: while the loading
            # worker runs, each of the paint's Python calls (the cards, the
            # tree) waits for the interpreter, and that paint took 40-55 ms
            # instead of 24 (measured on 10 MB).
            QtCore.QTimer.singleShot(
                LOAD_AFTER_PAINT_MS,
                lambda: self._load_rest(document.id) if generation == self._document_generation else None,
            )
        self.document_shown.emit(document.id)
        if not document.partial:
            self.document_loaded.emit(document.id)

    def _retire_shown(self, next_id: str) -> None:
        """Before a large document is replaced, hand its containers (and
        the panels' made from it) over to be freed a piece at a time:
        dropped at once, a 50 MB document stopped the window for 200 ms."""
        old = self.document
        if old is None or old.id == next_id or len(old.paragraphs) <= START_PARAGRAPHS:
            return
        release_gradually(
            *_containers(old, self.reader.document_layout, self.toc_model.tree),
            self.figure_model.every,
            self.figure_model.items,
            self._figures_by_id,
        )

    def _show(self, document: model.Document, prepared: _Prepared | None = None) -> None:
        """Fill the tree, the cards and the title from ``document``."""
        for step in self._show_steps(document, prepared):
            step()

    def _show_steps(self, document: model.Document, prepared: _Prepared | None) -> list[Callable[[], None]]:
        """What showing a document does to the panels, a panel a step (a
        large document's are run an event loop's turn apart)."""

        def tree() -> None:
            self.document = document
            self.toc_model.set_document(document, prepared.tree if prepared else None)
            if len(document.nodes) <= TOC_EXPAND_NODES:
                self.toc_tree.expandToDepth(1)

        def figures() -> None:
            _lay_out_cards(self.figure_cards, len(document.figures))
            self.figure_model.set_items(list(document.figures))
            self._figures_by_id = prepared.figures_by_id if prepared else {f.id: f for f in document.figures}

        def the_rest() -> None:
            self.chart_panel.fill(document, prepared.series if prepared else None)
            self.box_model.set_items(prepared.boxes if prepared else models.box_cards(document))
            self.annotations.refresh()
            self.setWindowTitle(t("《{}》 — 白皮书阅览").format(document.title))

        return [tree, figures, the_rest]

    def _load_rest(self, document_id: str) -> None:
        """Read the whole of a large document off the GUI thread, and lay it
        out there; then put it in place a panel at a time (the reader first),
        so that the window never stops for long."""
        generation = self._document_generation
        library = self.library

        def work() -> _Prepared:
            from app.document.figures import figure_series

            with collector_paused():
                # Its nodes and paragraphs are read from the library as they
                # are shown (held as objects, a 50 MB document took 300 MB).
                document = library.stored_document(document_id)
                return _Prepared(
                    document,
                    reader.layout_document(document),
                    models.toc_tree(document),
                    figure_series(document.figures),
                    {f.id: f for f in document.figures},
                    models.box_cards(document),
                )

        def done(prepared: _Prepared) -> None:
            if generation != self._document_generation:
                # Another document was opened meanwhile: this one goes, a
                # piece at a time (all at once, it stopped the window).
                release_gradually(
                    *_containers(prepared.document, prepared.layout, prepared.tree), prepared.figures_by_id
                )
                return
            self.reader.extend_document(prepared.document, prepared.layout)
            loaded_id = prepared.document.id
            # The steps hold the document only until they have run: the
            # timers' callables may outlive them (a whole document kept).
            steps = self._show_steps(prepared.document, prepared)
            del prepared

            def next_step() -> None:
                if generation != self._document_generation:
                    steps.clear()
                    return
                steps.pop(0)()
                if steps:
                    QtCore.QTimer.singleShot(0, next_step)
                    return
                self.statusBar().clearMessage()
                self.document_loaded.emit(loaded_id)

            QtCore.QTimer.singleShot(0, next_step)  # (the reader's update is painted first)

        def failed(exc: BaseException) -> None:
            if generation == self._document_generation:
                self.show_status(t("无法载入全文：{}").format(exc))

        run_in_background(work, done, failed)

    def _on_opening_done(self) -> None:
        self._just_opened = False

    def _place(self) -> Place | None:
        """Where the reader is now."""
        paragraph = self.reader.current_paragraph()
        return Place(self.document.id, paragraph) if self.document and paragraph else None

    def open_paragraph(self, paragraph_id: str, highlight: list[str] | None = None, remember: bool = True) -> bool:
        """Scroll the reader to a paragraph and highlight text in it."""
        before = self._place()
        if not self.reader.scroll_to_paragraph(paragraph_id):
            return False
        if highlight:
            self.reader.highlight_in_paragraph(paragraph_id, highlight)
        else:
            self.reader.clear_matches()  # the last hit's marks, elsewhere
        if remember and self.document is not None:
            target = Place(self.document.id, paragraph_id)
            if self._just_opened:
                self.history.retarget(target)
            else:
                self.history.visit(before, target)
        self._follow_position(paragraph_id)
        return True

    def open_link(self, text: str) -> bool:
        """Open a ``baipishu://`` link; refuse a bad or unknown one politely.
        Before the library is attached, the link waits for it (and False is
        returned)."""
        if self._library is None or not self.panels_built:
            self._pending_links.append(text)
            return False
        try:
            link = links.parse_link(text)
            if link.document != self.document_id:
                self.show_document(link.document)
        except BaipishuError as exc:
            self.show_status(str(exc))
            return False
        if not self.open_paragraph(link.paragraph):
            self.show_status(t("链接指向的段落不在这份文档中。"))
            return False
        return True

    def bring_to_front(self) -> None:
        """Raise the window (a link arrived from another launch)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def go_back(self) -> None:
        """Alt+←: the previous place in the navigation history (in whatever
        document it is)."""
        self._go_to(self.history.back())

    def go_forward(self) -> None:
        """Alt+→: the next place in the navigation history."""
        self._go_to(self.history.forward())

    def _go_to(self, place: Place | None) -> None:
        if place is None:
            return
        self._navigating = True
        try:
            if place.document != self.document_id:
                self.show_document(place.document)
        except BaipishuError as exc:  # (a document removed since)
            self.show_status(str(exc))
            return
        finally:
            self._navigating = False
        self.open_paragraph(place.paragraph, remember=False)

    def _on_link_activated(self, link: str) -> None:
        # The app's own router: only box links; anything else is ignored.
        if link.startswith("box:") and self.document:
            first = self.document.box_paragraph(model.box_name(link.removeprefix("box:")))
            if first:
                self.open_paragraph(first)

    def _on_toc_activated(self, index: QtCore.QModelIndex) -> None:
        paragraph = index.data(models.ParagraphRole)
        if paragraph:
            self.open_paragraph(paragraph)

    def _on_toc_filter_changed(self, text: str) -> None:
        from app.library import fold_text

        folded = fold_text(text)
        self.toc_proxy.setFilterFixedString(folded)
        shown = self.toc_proxy if folded else self.toc_model
        if self.toc_tree.model() is not shown:
            self.toc_tree.setModel(shown)
            if not folded and self.document is not None:
                # (A new model starts collapsed: as the document opened.)
                if len(self.document.nodes) <= TOC_EXPAND_NODES:
                    self.toc_tree.expandToDepth(1)
                current = self.reader.current_paragraph()
                if current:
                    self._follow_position(current)
        if text:
            self.toc_tree.expandAll()

    def toc_view_index(self, unit: QtCore.QModelIndex) -> QtCore.QModelIndex:
        """The tree's index of a unit's index in the tree model (the filter's
        while one is typed)."""
        return self.toc_proxy.mapFromSource(unit) if self.toc_tree.model() is self.toc_proxy else unit

    def toc_unit_index(self, shown: QtCore.QModelIndex) -> QtCore.QModelIndex:
        """The tree model's index of an index the tree shows."""
        return self.toc_proxy.mapToSource(shown) if shown.model() is self.toc_proxy else shown

    def _on_card_activated(self, index: QtCore.QModelIndex) -> None:
        paragraph = index.data(models.ParagraphRole)
        value = index.data(models.ValueRole)
        if not paragraph:
            return
        if isinstance(value, model.Figure):
            # This occurrence only: the same text may stand twice in a paragraph.
            if self.open_paragraph(paragraph):
                self.reader.highlight_span(paragraph, value.start, value.end)
        else:
            self.open_paragraph(paragraph)

    def _on_reader_scrolled(self) -> None:
        paragraph_id = self.reader.current_paragraph()
        if paragraph_id:
            settings.LAST_PARAGRAPH.set(paragraph_id)
            self._follow_position(paragraph_id)
            self._update_figure_scope()

    def _update_figure_scope(self) -> None:
        """Scope the figure cards to the chapter being read (when asked)."""
        chapter = None
        if self.figure_scope.isChecked() and self.document:
            current = self.reader.current_paragraph()
            paragraph = self.reader.paragraph(current)
            chapter = paragraph.path[0] if paragraph and paragraph.path else None
        self.figure_proxy.set_chapter(chapter)

    def show_notes_panel(self) -> None:
        """视图 → 笔记."""
        self._show_tab(self.left_tabs, self.notes_panel)

    def _follow_position(self, paragraph_id: str) -> None:
        """Highlight the tree node of the reading position."""
        if not self.document or self._following:
            return
        paragraph = self.reader.paragraph(paragraph_id)
        if paragraph is None or paragraph.node is None:
            return
        index = self.toc_view_index(self.toc_model.index_of(paragraph.node))
        if index.isValid():
            self._following = True
            self.toc_tree.setCurrentIndex(index)
            self.toc_tree.scrollTo(index)
            self._following = False

    # -- search --------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+K: focus the search box and show the results."""
        self.left_tabs.setCurrentIndex(1)
        self.search_box.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def searcher_for_thread(self) -> Searcher:
        """The calling thread's own searcher (see :class:`SearchPanel`)."""
        return self.search.searcher_for_thread()

    def _on_search_text_changed(self) -> None:
        self.search.search_again()

    def open_hit(self, hit: Hit) -> None:
        """Open a search hit: its document, its paragraph, the match marked."""
        if hit.document != self.document_id:
            self.show_document(hit.document)
        texts = [hit.snippet[start:end] for start, end in hit.marks]
        if hit.heading is None:
            self.open_paragraph(hit.paragraph, texts)
        elif self.open_paragraph(hit.paragraph):  # the heading, in view above it
            self.reader.highlight_heading(hit.paragraph, hit.heading, texts)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.find_bar and key == QtCore.Qt.Key.Key_Escape:
                self.close_find_bar()
                return True
            if (
                watched is self.find_bar
                and key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
                and event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier
            ):
                self._find_step(backward=True)
                return True
        return super().eventFilter(watched, event)

    # -- find in page, zoom ----------------------------------------------------

    def show_find_bar(self) -> None:
        """Ctrl+F: find in the document, every match highlighted, from the
        place being read; Esc comes back to it."""
        if not self.find_bar.isVisible():
            passage = self.reader.current_passage()
            self._find_origin = (self.reader.place(), passage.first.id if passage else None)
        self.find_bar.show()
        self.find_count.show()
        self.find_bar.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.find_bar.selectAll()

    def close_find_bar(self) -> None:
        """Esc: clear the matches and go back to where the find began."""
        self._find_generation += 1
        self.find_bar.hide()
        self.find_count.hide()
        self.reader.find_all("")
        self.reader.restore_place(self._find_origin[0])
        self.reader.setFocus()

    def _on_find_changed(self, text: str) -> None:
        self._find_generation += 1  # (a find still running is dropped)
        if not text:
            self.reader.find_all("")
            self._show_find_count(-1, 0, "")
            return
        layout = self.reader.document_layout
        if len(layout.order) <= FIND_AT_ONCE_UNITS:
            self._show_found(text, None)
            return
        # A large document is searched off the GUI thread (50 MB: 0.3-2 s).
        generation = self._find_generation
        self.find_count.setText(t("查找中…"))

        def done(found: list[tuple[int, int, int]]) -> None:
            if generation != self._find_generation:
                return
            if layout is self.reader.document_layout:
                self._show_found(text, found)
            else:  # (the rest of the document came meanwhile: once more)
                self._on_find_changed(text)

        def failed(exc: BaseException) -> None:
            if generation == self._find_generation:
                self.show_status(str(exc))

        run_in_background(lambda: layout.find(text), done, failed)

    def _show_found(self, text: str, found: list[tuple[int, int, int]] | None) -> None:
        number, count = self.reader.find_from(text, self._find_origin[1], found)
        if not count:  # stays where it was: the place the find began
            self.reader.restore_place(self._find_origin[0])
        self._show_find_count(number, count, text)

    def _find_step(self, *, backward: bool) -> None:
        number, count = self.reader.find_step(backward=backward)
        self._show_find_count(number, count, self.find_bar.text())

    def _show_find_count(self, number: int, count: int, text: str) -> None:
        """3/7 beside the find bar; the bar red when nothing matches."""
        self.find_count.setText(f"{number + 1}/{count}" if count else (t("无匹配") if text else ""))
        self.find_bar.setStyleSheet("" if count or not text else "QLineEdit { background-color: #f8d0d0; }")

    def zoom(self, step: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+0: zoom the reader (remembered)."""
        current = settings.ZOOM_STEPS.get()
        target = 0 if step == 0 else max(-5, min(10, current + step))
        self._apply_zoom(current, target)
        settings.ZOOM_STEPS.set(target)

    def _apply_zoom(self, current: int, target: int) -> None:
        self.reader.zoom_by(target - current)

    # -- copying -------------------------------------------------------------

    def citation_style(self) -> citations.Style:
        """The citation style setting."""
        style = self.style_box.currentData()
        return style if style in citations.STYLES else "plain"

    def _on_style_changed(self) -> None:
        settings.CITATION_STYLE.set(self.citation_style())

    def copy_with_citation(self) -> None:
        """Ctrl+Shift+C: the current figure card (when the cards have focus),
        else the reader's current passage, with its citation."""
        if self.figure_cards.hasFocus() and self.figure_cards.currentIndex().isValid():
            self.copy_current_figure()
            return
        passage = self.reader.current_passage() if self.document else None
        if passage is None or self.document is None:
            return
        citation = citations.cite_paragraph(
            self.document.metadata, passage.first, self.citation_style(), quote=passage.quote, last=passage.last
        )
        self._to_clipboard(citation, passage.quote or passage.first.text)

    def copy_passage(self) -> None:
        """Ctrl+C in the reader: the current passage's text only (the
        selection, or the whole paragraph), without margin numbers."""
        passage = self.reader.current_passage() if self.document else None
        if passage is None:
            return
        text = passage.quote or passage.first.text
        QtGui.QGuiApplication.clipboard().setText(text)
        place = citations.range_locator(passage.first, passage.last)
        self.show_status(t("已复制：{}　{}").format(place, cards.opening(text)))

    def _on_passage_changed(self) -> None:
        passage = self.reader.current_passage() if self.document else None
        self.passage_label.setText(citations.range_locator(passage.first, passage.last) if passage else "")

    def _partner(self, figure: model.Figure) -> model.Figure | None:
        """The other end of the change a figure is one end of, if any."""
        if figure.change_from is None or self.document is None:
            return None
        other = figure.change_to if figure.change_from == figure.id else figure.change_from
        return self._figures_by_id.get(other or "")

    def current_figure(self) -> model.Figure | None:
        """The figure card that is current."""
        value = self.figure_cards.currentIndex().data(models.ValueRole)
        return value if isinstance(value, model.Figure) else None

    def copy_current_figure(self) -> None:
        """Copy the current figure card with its sentence and citation."""
        figure = self.current_figure()
        if figure is None or not self.document:
            return
        paragraph = self.reader.paragraph(figure.paragraph)
        if paragraph is None:
            return
        self._to_clipboard(
            citations.cite_figure(self.document.metadata, figure, paragraph, self.citation_style()), figure.sentence
        )

    def copy_figure_value(self) -> None:
        """Copy the current figure as written (10.8万所)."""
        figure = self.current_figure()
        if figure is not None:
            QtGui.QGuiApplication.clipboard().setText(figure.text)
            self.show_status(t("已复制：{}").format(figure.text))

    def _to_clipboard(self, citation: citations.Citation, quoted: str) -> None:
        data = QtCore.QMimeData()
        data.setText(citation.text)
        data.setHtml(citation.html)
        if citation.mime:  # what a reference manager's paste looks for
            data.setData(citation.mime, QtCore.QByteArray(citation.text.encode("utf-8")))
        QtGui.QGuiApplication.clipboard().setMimeData(data)
        message = t("已复制（含引用）：{}　{}").format(citation.locator, cards.opening(quoted))
        self.show_status(message)

    # -- the library panel -------------------------------------------------

    def _refresh_library(self, documents: list[DocumentSummary] | None = None) -> None:
        """Show the library's documents in the 文库 panel (and their titles in
        hits); ``documents``: the library's list, when the caller has it."""
        documents = self.library.documents() if documents is None else documents
        self._titles = {d.id: d.title for d in documents}
        self.library_panel.set_documents(documents, self.document_id)

    def _hit_title(self, hit: Hit) -> str | None:
        """A hit's document title, when hits may come from several documents."""
        if len(self._titles) < 2:
            return None
        return self._titles.get(hit.document)

    def _on_library_open(self, document_id: str) -> None:
        if document_id != self.document_id:
            self.show_document(document_id)

    def _on_library_properties(self, document_id: str) -> None:
        self._on_library_open(document_id)
        self.edit_properties()

    def current_passage(self) -> tuple[str, ...]:
        """The ids of the paragraphs copy and bookmark act on (one, or the
        range of a selection over several)."""
        passage = self.reader.current_passage() if self.document else None
        if passage is None or self.document is None:
            return ()
        return tuple(p.id for p in self.document.paragraphs[passage.first.index - 1 : passage.last.index])

    def remove_document(self, document_id: str, *, confirm: bool = True) -> bool:
        """Remove a document (asked first); it can be put back until the
        window closes (撤销删除)."""
        title = self._titles.get(document_id, document_id)
        if confirm and self.errors_in_dialogs:
            answer = QtWidgets.QMessageBox.question(
                self, t("删除文档"), t("从文库中删除《{}》？书签和笔记会保留；关闭窗口前可以撤销。").format(title)
            )
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return False
        try:
            removed = self.library.remove_for_undo(document_id)
        except BaipishuError as exc:
            self.show_status(str(exc))
            return False
        self._removed.append(removed)
        self.library_panel.undo_button.setEnabled(True)
        if document_id == self.document_id:
            remaining = self.library.documents()
            if remaining:
                self.show_document(remaining[0].id)
            else:
                self._show_nothing()
        self._refresh_library()
        self._on_search_text_changed()  # its hits are gone
        self.show_status(t("已删除《{}》（可撤销）").format(title))
        return True

    def undo_remove(self) -> str | None:
        """Put back the document removed last; return its id."""
        if not self._removed:
            return None
        removed = self._removed.pop()
        try:
            document_id = self.library.restore(removed)
        except BaipishuError as exc:
            self._removed.append(removed)
            self.show_status(str(exc))
            return None
        self.library_panel.undo_button.setEnabled(bool(self._removed))
        self._refresh_library()
        self.show_document(document_id)
        self._on_search_text_changed()
        self.show_status(t("已恢复《{}》").format(removed.title))
        return document_id

    def _show_nothing(self) -> None:
        """The library is empty: an empty reader, tree and cards."""
        self.document = None
        self.toc_model.set_document(None)
        self.reader.show_document(None)
        self.figure_model.set_items([])
        self.box_model.set_items([])
        self.setWindowTitle(t("白皮书阅览"))

    # -- document properties -----------------------------------------------

    def edit_properties(self) -> None:
        """Ctrl+I: the document properties dialog (the metadata of citations)."""
        from app.ui.properties import PropertiesDialog

        if self.document is None:
            return
        document_id = self.document.id
        self.properties_dialog = PropertiesDialog(
            self.document.metadata,
            self.library.inferred_metadata(document_id),
            lambda changes: self._apply_properties(document_id, changes),
            self,
        )
        self.properties_dialog.open()

    def _apply_properties(self, document_id: str, changes: dict[str, str | None]) -> str | None:
        """Make the edits; return the sentence that refuses them, or None."""
        try:
            metadata = self.library.edit_metadata(document_id, changes)
        except BaipishuError as exc:
            return str(exc)
        if self.document is not None and self.document.id == document_id:
            if "genre" in changes:  # the text was read again
                place = self.reader.current_paragraph()
                self.show_document(document_id)
                if place:
                    self.reader.scroll_to_paragraph(place, choose=False)
            else:  # citations change at once
                from dataclasses import replace

                self.document = replace(self.document, metadata=metadata)
                self.setWindowTitle(t("《{}》 — 白皮书阅览").format(metadata.title))
        self._refresh_library()
        self.show_status(t("已保存文档属性"))
        return None

    def _on_export_figures(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self, t("导出数据卡片"), "figures.csv", "CSV (*.csv)")
        if path:
            self.export_figures(Path(path))

    def export_figures(self, path: Path) -> int:
        """Write the (filtered) figure cards to a CSV file; return the row count."""
        from app.document.export import write_figures_csv

        assert self.document is not None
        document_id = self.document.id
        figures = [self.figure_proxy.index(r, 0).data(models.ValueRole) for r in range(self.figure_proxy.rowCount())]
        # With a byte-order mark: spreadsheet programs then read it as UTF-8.
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            return write_figures_csv(((document_id, figure) for figure in figures), out)

    # -- import --------------------------------------------------------------

    def _on_import_requested(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, t("导入文档"), "", t("文档 (*.txt *.md *.pdf *.docx *.html *.htm);;所有文件 (*)")
        )
        if path:
            self.import_file(Path(path))

    def _on_import_folder_requested(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, t("导入文件夹"))
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> None:
        """Import every text file of a folder (see :class:`Importer`)."""
        self.importer.import_folder(folder)

    def import_files(self, files: list[Path]) -> None:
        """Import several files in one background job."""
        self.importer.import_files(files)

    def import_file(self, path: Path) -> None:
        """Import a document in the background; Cancel rolls it back."""
        self.importer.import_file(path)

    @property
    def import_summary(self) -> QtWidgets.QMessageBox | None:
        """The last folder import's summary of what was refused, and why."""
        return self.importer.summary

    def _on_file_imported(self, document_id: str) -> None:
        self._refresh_library()
        self.show_document(document_id)
        note = self.library.left_out(document_id)
        if note:
            self.show_status(note)
        self._on_search_text_changed()  # the new document's hits too
        self.import_finished.emit(document_id)

    def _on_batch_imported(self, imported: list[str], refused: list[tuple[str, str]]) -> None:
        self._refresh_library()
        if imported:
            self.show_document(imported[-1])
        self._on_search_text_changed()
        self.folder_imported.emit(imported, refused)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        folders = [path for path in paths if path.is_dir()]
        if len(paths) == 1 and not folders:
            self.import_file(paths[0])
        elif folders and len(paths) == 1:
            self.import_folder(folders[0])
        elif paths:
            self.import_files([path for path in paths if not path.is_dir()])

    # -- session -------------------------------------------------------------

    def _restore(self, documents: list[DocumentSummary]) -> None:
        style = settings.CITATION_STYLE.get()
        self.style_box.setCurrentIndex(max(0, self.style_box.findData(style)))
        last = settings.LAST_DOCUMENT.get()
        document_id = last if any(d.id == last for d in documents) else (documents[0].id if documents else None)
        if document_id:
            self.show_document(document_id)
            paragraph = settings.LAST_PARAGRAPH.get()
            if paragraph:
                QtCore.QTimer.singleShot(0, lambda: self.reader.scroll_to_paragraph(paragraph))
        self._apply_zoom(0, settings.ZOOM_STEPS.get())
        geometry = settings.WINDOW_GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = settings.SPLITTER_STATE.get()
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        query = settings.LAST_QUERY.get()
        if query:
            self.search_box.setText(query)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.panels_built:
            self._fit_panels(event.size().width())

    def _fit_panels(self, width: int) -> None:
        """Compact below :data:`COMPACT_BELOW_PX`: the right panel folds away,
        and comes back when the window is wide again (if it went by itself)."""
        if width < COMPACT_BELOW_PX and self.right_tabs.isVisibleTo(self):
            self._compact_hid_right = True
            self.set_right_panel_shown(False)
        elif width >= COMPACT_BELOW_PX and self._compact_hid_right:
            self._compact_hid_right = False
            self.set_right_panel_shown(True)

    @property
    def compact(self) -> bool:
        """Whether the window is in its compact layout."""
        return self.width() < COMPACT_BELOW_PX

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        if self.panels_built:
            settings.SPLITTER_STATE.set(self.splitter.saveState())
        settings.sync()
        # A large document still loading: its result finds no window to fill.
        self._document_generation += 1
        if self.panels_built:
            self.search.close()
        super().closeEvent(event)

    def close_library(self) -> None:
        """Close the library once the window is closed and background work
        has ended: the clean close it records lets the next start skip the
        integrity check (it read the whole file: 0.6 s for 50 MB)."""
        if self._library is not None:
            self._library.close()
            self._library = None

    def load_segmenter(self) -> None:
        """Start loading the segmenter and the normalisation table in the
        background, once (later calls do nothing); ``segmenter_ready`` follows."""
        if self._segmenter_loading:
            return
        self._segmenter_loading = True

        def load() -> None:
            # Not app.library: see app.warmup for why.
            from app.warmup import load_word_ranking

            load_word_ranking()

        def done(_: object) -> None:
            self.segmenter_ready.emit()

        def failed(exc: BaseException) -> None:
            self.show_status(t("分词器未能加载：{}").format(exc))

        run_in_background(load, done, failed)
