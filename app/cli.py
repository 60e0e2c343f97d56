"""The ``baipishu`` command line: JSON for scripts and tests, text for people.

JSON goes to stdout as UTF-8, never ASCII-escaped. Errors go to stderr as one
sentence in the user's language, with a non-zero exit status and no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app import __version__, segmenter
from app.errors import BaipishuError, NotFoundError
from app.i18n import tr
from app.links import is_link, parse_link
from app.styles import STYLES
from app.timing import report

if TYPE_CHECKING:
    # Imported where used: starting the window must not wait for SQLite and
    # the search engine (see app.ui.run).
    from app.library import Library
    from app.model import Document, Node
    from app.search import Hit, SearchResult
    from app.styles import Style

# The default number of search hits (app.search.DEFAULT_LIMIT, checked by a test).
SEARCH_LIMIT = 20

EXIT_OK = 0
EXIT_ERROR = 1
# As a shell reports a command stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130
DEBUG_ENV = "BAIPISHU_DEBUG"
FIGURE_CSV_FIELDS = (
    "document", "id", "paragraph", "text", "value", "value_max", "unit", "qualifier",
    "approximate", "as_of", "sentence", "box", "path",
)


def _dump(data: object, out: TextIO) -> None:
    import json  # (as the other modules below: not on the window's start-up path)

    json.dump(data, out, ensure_ascii=False, indent=None)
    out.write("\n")


# -- JSON shapes (the CLI contract) --------------------------------------------


def toc_nodes(document: Document, parent: str | None = None) -> list[dict[str, Any]]:
    """The chapter tree of ``document`` below ``parent`` as nested dicts."""
    return [_toc_node(document, node) for node in document.children(parent)]


def _toc_node(document: Document, node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "kind": node.kind,
        "number": node.number,
        "title": node.title,
        "label": node.label,
        "inferred": node.inferred,
        "paragraphs": [p.id for p in document.paragraphs_of(node.id)],
        "children": toc_nodes(document, node.id),
    }


def export_document(document: Document) -> dict[str, Any]:
    """A document with its paragraphs in reading order."""
    return {
        "id": document.id,
        "title": document.title,
        "metadata": document.metadata.to_dict(),
        "title_line": document.title_line,
        "fragment": document.fragment,
        "truncated": document.truncated,
        "truncated_at": document.truncated_at,
        "page_markers": [marker.__dict__ for marker in document.page_markers],
        "preamble": [p.id for p in document.paragraphs_of(None)],
        "paragraphs": [
            {
                "id": p.id,
                "index": p.index,
                "text": p.text,
                "kind": p.kind,
                "box": p.box,
                "path": list(p.path),
                "lead": p.lead,
                "refs": list(p.refs),
                "node": p.node,
                "joins": p.joins,
            }
            for p in document.paragraphs
        ],
    }


# -- commands ----------------------------------------------------------------


def _cmd_toc(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    documents = list(library.all_documents(args.doc))
    if args.json:
        _dump(
            {"documents": [
                {"id": d.id, "title": d.title, "nodes": toc_nodes(d)} for d in documents
            ]},
            out,
        )
        return
    for document in documents:
        flags = []
        if document.fragment:
            flags.append("节选")
        if document.truncated:
            flags.append("原文至此中断")
        out.write(f"《{document.title}》{document.metadata.kind}  [{document.id}]")
        out.write(f"  ({'，'.join(flags)})\n" if flags else "\n")
        _print_tree(document, None, 1, out)


def _print_tree(document: Document, parent: str | None, depth: int, out: TextIO) -> None:
    for node in document.children(parent):
        label = node.label + ("（前文未收录）" if node.inferred else "")
        marker = "· " if node.kind == "topic" else ""
        out.write(f"{'  ' * depth}{marker}{label}\n")
        _print_tree(document, node.id, depth + 1, out)


def _cmd_export(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    _dump({"documents": [export_document(d) for d in library.all_documents(args.doc)]}, out)


def _cmd_figures(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    documents = [args.doc] if args.doc else [d.id for d in library.documents()]
    rows = [
        {"document": doc, **figure.to_dict()}
        for doc in documents
        for figure in library.figures(doc)
    ]
    if args.csv:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=FIGURE_CSV_FIELDS, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "path": " / ".join(row["path"])})
        out.write(buffer.getvalue())
    elif args.json:
        _dump({"figures": rows}, out)
    else:
        for row in rows:
            qualifier = f"[{row['qualifier']}] " if row["qualifier"] else ""
            out.write(f"{row['id']}\t{qualifier}{row['text']}\t{row['value']}"
                      f"\t{row['unit'] or ''}\t{row['as_of'] or ''}\n")


def _cmd_show(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    ref = library.paragraph(args.id)
    p = ref.paragraph
    if args.json:
        _dump(
            {
                "document": ref.document.id,
                "id": p.id,
                "index": p.index,
                "text": p.text,
                "kind": p.kind,
                "box": p.box,
                "path": list(p.path),
                "lead": p.lead,
                "refs": list(p.refs),
            },
            out,
        )
        return
    out.write(f"《{ref.document.title}》 {' / '.join(p.path)}  第{p.index}段 [{p.id}]\n\n")
    out.write(p.text + "\n")


def _cmd_cite(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    from app.citations import cite_figure, cite_paragraph

    style: Style = args.style
    try:
        ref = library.paragraph(args.id)
        citation = cite_paragraph(ref.document, ref.paragraph, style)
    except NotFoundError:
        metadata, figure = library.figure(args.id)
        paragraph = library.paragraph(f"{metadata.id}/{figure.paragraph}").paragraph
        citation = cite_figure(metadata, figure, paragraph, style)
    if args.json:
        _dump({"id": args.id, "style": style, "citation": citation.text,
               "link": citation.link}, out)
    else:
        out.write(citation.text + "\n")


def _cmd_docs(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    documents = library.documents()
    if args.json:
        _dump(
            {"documents": [
                {"id": d.id, "title": d.title, "metadata": d.metadata.to_dict(),
                 "bundled": d.bundled, "fragment": d.fragment, "truncated": d.truncated,
                 "paragraphs": d.paragraphs, "figures": d.figures}
                for d in documents
            ]},
            out,
        )
        return
    for d in documents:
        out.write(f"{d.id}\t《{d.title}》\t{d.paragraphs} 段\t{d.figures} 项数据\n")


def hit_dict(hit: Hit) -> dict[str, Any]:
    """A search hit in the CLI's JSON shape."""
    return {
        "paragraph": hit.paragraph,
        "document": hit.document,
        "kind": hit.kind,
        "box": hit.box,
        "path": list(hit.path),
        "snippet": hit.snippet,
        "marks": [list(mark) for mark in hit.marks],
        "score": hit.score,
        "whole_word": hit.whole_word,
        "index": hit.index,
    }


def result_dict(result: SearchResult) -> dict[str, Any]:
    """A search result in the CLI's JSON shape."""
    return {
        "query": result.query,
        "total": result.total,
        "hits": [hit_dict(hit) for hit in result.hits],
        "suggestions": list(result.suggestions),
        "pinyin": list(result.pinyin),
        "notice": result.notice,
    }


def _cmd_search(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    segmenter.load()  # the CLI always ranks by words
    if args.doc is not None:
        library.document_metadata(args.doc)  # a clear error for an unknown id
    with library.searcher() as searcher:

        def run(query: str) -> SearchResult:
            return searcher.search(query, limit=args.limit, kind=args.kind, document=args.doc)

        if args.query == "-":
            for line in sys.stdin:
                _dump(result_dict(run(line.rstrip("\n"))), out)
                out.flush()
            return
        result = run(args.query)
    if args.json:
        _dump(result_dict(result), out)
        return
    if result.notice:
        print(result.notice, file=sys.stderr)
    if result.pinyin:
        out.write(f"按拼音搜索：{'、'.join(result.pinyin)}\n")
    out.write(f"共 {result.total} 段\n")
    for hit in result.hits:
        badge = hit.box or "正文"
        out.write(f"\n[{badge}] {' / '.join(hit.path)}  {hit.document}/{hit.paragraph}\n")
        out.write(_highlight(hit.snippet, hit.marks) + "\n")
    if result.suggestions:
        out.write(f"\n您是不是要找：{'、'.join(result.suggestions)}\n")


def _highlight(snippet: str, marks: Sequence[tuple[int, int]]) -> str:
    parts, last = [], 0
    for start, end in marks:
        parts += [snippet[last:start], "【", snippet[start:end], "】"]
        last = end
    return "".join(parts) + snippet[last:]


def _cmd_import(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    progress = _progress_bar(sys.stderr)
    out.write(library.import_file(Path(args.file), title=args.title, progress=progress) + "\n")


def _cmd_remove(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    library.remove(args.doc_id)


def _cmd_rebuild(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    library.rebuild(progress=_progress_bar(sys.stderr))


def _progress_bar(stream: TextIO) -> Callable[[int, int], None] | None:
    """A text progress bar on a terminal; nothing when output is redirected."""
    if not stream.isatty():
        return None
    width = 30

    def show(done: int, total: int) -> None:
        filled = width if total == 0 else width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


# -- parser ------------------------------------------------------------------

Command = Callable[["Library", argparse.Namespace, TextIO], None]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``baipishu`` command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help="library folder (default: $BAIPISHU_HOME or the user data folder)")
    parser = argparse.ArgumentParser(
        prog="baipishu", parents=[common],
        description="Baipishu 白皮书阅览: an offline reference browser for Chinese policy documents.",
    )
    parser.add_argument("--version", action="version", version=f"baipishu {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="build the window offscreen, search, copy a figure; print a JSON summary")
    parser.add_argument("--portable", action="store_true",
                        help="keep the library and settings beside the program (baipishu-data/)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Command, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        command.set_defaults(handler=handler)
        return command

    toc = add("toc", _cmd_toc, "print the chapter tree")
    toc.add_argument("--json", action="store_true")
    toc.add_argument("--doc", metavar="ID")
    export = add("export", _cmd_export, "export documents with their paragraphs as JSON")
    export.add_argument("--json", action="store_true", help="JSON output (the only format)")
    export.add_argument("--doc", metavar="ID")
    figures = add("figures", _cmd_figures, "list the statistics in the text")
    figures_format = figures.add_mutually_exclusive_group()
    figures_format.add_argument("--json", action="store_true")
    figures_format.add_argument("--csv", action="store_true")
    figures.add_argument("--doc", metavar="ID")
    show = add("show", _cmd_show, "show a paragraph")
    show.add_argument("id", metavar="PARAGRAPH_ID")
    show.add_argument("--json", action="store_true")
    cite = add("cite", _cmd_cite, "cite a paragraph or a figure")
    cite.add_argument("id", metavar="ID")
    cite.add_argument("--style", choices=STYLES, default="plain")
    cite.add_argument("--json", action="store_true")
    docs = add("docs", _cmd_docs, "list the documents in the library")
    docs.add_argument("--json", action="store_true")
    imp = add("import", _cmd_import, "import a text document (UTF-8 or GB18030)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--title", metavar="T")
    remove = add("remove", _cmd_remove, "remove a document from the library")
    remove.add_argument("doc_id", metavar="DOC_ID")
    add("rebuild", _cmd_rebuild, "re-parse every document from its stored source")
    search = add("search", _cmd_search, "search the full text (QUERY - reads one query per line)")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=SEARCH_LIMIT, metavar="N")
    search.add_argument("--kind", choices=("body", "box", "all"), default="all")
    search.add_argument("--doc", metavar="ID")
    return parser


def portable_dir() -> Path:
    """Where --portable keeps user data: beside the executable (or, run from
    source, beside the project)."""
    base = Path(sys.executable).parent if getattr(sys, "frozen", False) else Path(__file__).parent.parent
    return base / "baipishu-data"


def _has_display() -> bool:
    """Whether a window can be shown (an X or Wayland display, or a Qt
    platform chosen explicitly, such as offscreen)."""
    if sys.platform != "linux":
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _run_window(args: argparse.Namespace, link: str | None = None) -> int:
    """No command: the desktop app (or its self-test), opened at ``link``."""
    library = getattr(args, "library", None)
    if args.portable:
        library = library or portable_dir() / "library"
    report("mark_ui_import")
    try:
        from app import ui  # Qt is loaded only for the window
    except ImportError as exc:
        print(tr("no_gui", reason=exc), file=sys.stderr)
        return EXIT_ERROR
    if not args.self_test and not _has_display():
        print(tr("no_display"), file=sys.stderr)
        return EXIT_ERROR
    if args.portable:
        from app.ui import settings

        settings.use_file(str(portable_dir() / "settings.ini"))
    try:
        if args.self_test:
            return ui.print_self_test(library)
        return ui.run(library, link)
    except BaipishuError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    if hasattr(sys.stderr, "reconfigure"):  # not when replaced (or None in a windowed build)
        sys.stderr.reconfigure(encoding="utf-8")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        # The usual desktop launch: the window, without building the parser
        # of every command first (10 ms before the window could paint).
        return _run_window(argparse.Namespace(command=None, portable=False, self_test=False))
    link = next((a for a in arguments if is_link(a)), None)
    if link is not None:
        # Opened from a link (the desktop's baipishu:// handler): the window.
        arguments.remove(link)
        args = build_parser().parse_args(arguments)
        if args.command is not None:
            build_parser().error("a link opens the window; it cannot go with a command")
        try:
            parse_link(link)
        except BaipishuError as exc:
            print(exc, file=sys.stderr)
            return EXIT_ERROR
        return _run_window(args, link)
    args = build_parser().parse_args(arguments)
    if args.command is None:
        return _run_window(args)
    handler: Command = args.handler
    try:
        from app.library import Library

        directory = getattr(args, "library", None)
        if args.portable and directory is None:
            directory = portable_dir() / "library"
        with Library(directory) as library:
            if library.recovered:
                print(library.recovered, file=sys.stderr)
            handler(library, args, out)
    except BaipishuError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        # Ctrl-C: an import or a rebuild in progress was rolled back.
        print(tr("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`baipishu figures | head`): stop quietly, and
        # keep Python from failing again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        import sqlite3  # (loaded already if the error is one of its)

        if not isinstance(exc, sqlite3.Error) or os.environ.get(DEBUG_ENV):
            raise
        from app.paths import default_library_dir
        from app.store import describe_error

        directory = getattr(args, "library", None) or default_library_dir()
        print(describe_error(exc, directory), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
