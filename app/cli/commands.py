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

from app import __version__
from app.document.genres import GENRES
from app.document.styles import NOTE_COLORS, STYLES
from app.errors import AmbiguousError, BaipishuError, DocumentError, NotFoundError
from app.i18n import os_reason, tr

if TYPE_CHECKING:
    # Imported where used: starting the window must not wait for SQLite and
    # the search engine (see app.ui.run).
    from app.document.figures import FigureQuery
    from app.document.model import Document
    from app.document.styles import Style
    from app.library import Hit, Library, SearchResult

# The default number of search hits (app.search.DEFAULT_LIMIT, checked by a test).
SEARCH_LIMIT = 20

EXIT_OK = 0
EXIT_ERROR = 1
# As a shell reports a command stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


def _dump(data: object, out: TextIO) -> None:
    import json  # (as the other modules below: not on the window's start-up path)

    json.dump(data, out, ensure_ascii=False, indent=None)
    out.write("\n")


# -- commands ----------------------------------------------------------------


def _cmd_toc(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    from app.document.export import toc_nodes

    documents = list(library.all_documents(args.doc))
    if args.json:
        _dump(
            {"documents": [{"id": d.id, "title": d.title, "nodes": toc_nodes(d)} for d in documents]},
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
        label = node.shown_label
        marker = "· " if node.kind == "topic" else ""
        out.write(f"{'  ' * depth}{marker}{label}\n")
        _print_tree(document, node.id, depth + 1, out)


def _cmd_export(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    from app.document.export import export_document

    _dump({"documents": [export_document(d) for d in library.all_documents(args.doc)]}, out)


def _cmd_figures(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    import io

    from app.document.export import figure_dict, write_figures_csv

    query = _figure_query(args)
    documents = [args.doc] if args.doc else [d.id for d in library.documents()]
    figures = [(doc, figure) for doc in documents for figure in library.figures(doc, query)]
    if args.csv:
        buffer = io.StringIO()  # written at once: a closed pipe stops it cleanly
        write_figures_csv(figures, buffer)
        out.write(buffer.getvalue())
        return
    rows = [figure_dict(doc, figure) for doc, figure in figures]
    if args.json:
        _dump({"figures": rows}, out)
    else:
        for row in rows:
            qualifier = f"[{row['qualifier']}] " if row["qualifier"] else ""
            out.write(
                f"{row['id']}\t{qualifier}{row['text']}\t{row['value']}\t{row['unit'] or ''}\t{row['as_of'] or ''}\n"
            )


def _figure_query(args: argparse.Namespace) -> FigureQuery | None:
    """The filter of ``figures --unit U --min X --max Y --kind K`` (bounds in
    the unit as written: --unit 亿元 --min 100 is 100亿元 and more)."""
    from app.document.figures import UNIT_FAMILIES, FigureQuery, unit_scale

    if args.unit is None and args.min is None and args.max is None and args.kind is None:
        return None
    unit, family, scale = None, None, 1
    if args.unit is not None:
        if args.unit in UNIT_FAMILIES or args.unit == "count":
            family = args.unit
        else:
            parsed = unit_scale(args.unit)
            if parsed is None:
                raise BaipishuError(tr("bad_unit", unit=args.unit, families=", ".join([*UNIT_FAMILIES, "count"])))
            unit, scale = parsed
    return FigureQuery(
        unit=unit,
        family=family,
        low=None if args.min is None else args.min * scale,
        high=None if args.max is None else args.max * scale,
        kind=args.kind,
    )


def _cmd_show(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    ref = library.paragraph(args.id)
    p = ref.paragraph
    if args.json:
        from app.document.export import paragraph_dict

        _dump({"document": ref.document.id, **paragraph_dict(p)}, out)
        return
    from app.document.citations import locator

    out.write(f"《{ref.document.title}》 {locator(p)} [{p.id}]\n\n")
    out.write(p.text + "\n")


def _cmd_cite(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    from app.document.citations import cite_figure, cite_paragraph

    style: Style = args.style
    try:
        ref = library.paragraph(args.id)
        citation = cite_paragraph(ref.document, ref.paragraph, style)
    except AmbiguousError:
        raise  # its message lists the DOCUMENT/ID choices, as show's does
    except NotFoundError:
        metadata, figure = library.figure(args.id)
        paragraph = library.paragraph(f"{metadata.id}/{figure.paragraph}").paragraph
        citation = cite_figure(metadata, figure, paragraph, style)
    if args.json:
        _dump(
            {
                "id": args.id,
                "style": style,
                "citation": citation.text,
                "link": citation.link,
                "locator": citation.locator,
                "html": citation.html,
            },
            out,
        )
    else:
        out.write(citation.text.rstrip("\n") + "\n")


# The options of `meta` and the metadata fields they set.
META_OPTIONS = {
    "title": "title",
    "issuer": "issuer",
    "author": "author",
    "date": "release_date",
    "number": "number",
    "genre": "genre",
    "kind": "kind",
    "subtitle": "subtitle",
    "place": "place",
    "url": "url",
}


def _cmd_meta(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    fields: dict[str, str | None] = {
        field: getattr(args, f"set_{field}")
        for field in META_OPTIONS.values()
        if getattr(args, f"set_{field}") is not None
    }
    for option in args.reset:
        fields[META_OPTIONS.get(option, option)] = None
    metadata = library.edit_metadata(args.doc, fields) if fields else library.document_metadata(args.doc)
    inferred = library.inferred_metadata(args.doc)
    data = metadata.to_dict()
    edited = sorted(name for name, value in data.items() if value != getattr(inferred, name))
    if args.json:
        _dump({"id": metadata.id, "metadata": data, "edited": edited, "inferred": inferred.to_dict()}, out)
        return
    for name, value in data.items():
        mark = "  *" if name in edited else ""
        out.write(f"{name}\t{value}{mark}\n")


def _cmd_notes(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    from dataclasses import asdict

    library.document_metadata(args.doc)  # (a document that is not there: one sentence)
    if args.markdown:
        out.write(library.notes_markdown(args.doc))
        return
    entries = library.notes(args.doc)
    if args.json:
        _dump(
            {
                "notes": [
                    {**asdict(e.note), "index": e.index, "place": e.place, "missing": e.index is None} for e in entries
                ]
            },
            out,
        )
        return
    if not entries:
        out.write(tr("no_notes") + "\n")
    for entry in entries:
        where = f"¶{entry.index}" if entry.index is not None else tr("note_missing")
        out.write(f"[{entry.note.id}] {where} {entry.place}  “{entry.note.quote}”")
        out.write(f"  — {entry.note.note}\n" if entry.note.note else "\n")


def _cmd_highlight(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    ref = library.paragraph(args.id)
    start = args.start
    end = len(ref.paragraph.text) if args.end is None else args.end
    note_id = library.add_note(ref.document.id, ref.paragraph.id, start, end, args.color, args.note or "")
    out.write(f"{note_id}\n")


def _cmd_docs(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    documents = library.documents()
    if args.json:
        _dump(
            {
                "documents": [
                    {
                        "id": d.id,
                        "title": d.title,
                        "metadata": d.metadata.to_dict(),
                        "bundled": d.bundled,
                        "fragment": d.fragment,
                        "truncated": d.truncated,
                        "paragraphs": d.paragraphs,
                        "figures": d.figures,
                    }
                    for d in documents
                ]
            },
            out,
        )
        return
    for d in documents:
        out.write(f"{d.id}\t《{d.title}》\t{d.paragraphs} 段\t{d.figures} 项数据\n")


def hit_badge(hit: Hit) -> str:
    """What a hit is on: 题名 (a document's title), 标题 (a heading), 专栏N or 正文."""
    if hit.heading is not None:
        return "题名" if hit.heading == "" else "标题"
    return hit.box or "正文"


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
        "heading": hit.heading,
    }


def result_dict(result: SearchResult) -> dict[str, Any]:
    """A search result in the CLI's JSON shape."""
    return {
        "query": result.query,
        "total": result.total,
        "hits": [hit_dict(hit) for hit in result.hits],
        "headings": [hit_dict(hit) for hit in result.headings],
        "heading_total": result.heading_total,
        "suggestions": list(result.suggestions),
        "pinyin": list(result.pinyin),
        "notice": result.notice,
    }


def _cmd_search(library: Library, args: argparse.Namespace, out: TextIO) -> None:
    from app.library import load_word_ranking

    load_word_ranking()  # the CLI always ranks by words
    if args.within is not None and args.doc is None:
        raise BaipishuError(tr("within_needs_doc"))
    if args.doc is not None:
        library.document_metadata(args.doc)  # a clear error for an unknown id
    if args.within is not None and args.within not in {n.id for n in library.document(args.doc).nodes}:
        raise NotFoundError(tr("node_not_found", doc=args.doc, id=args.within))
    with library.searcher() as searcher:

        def run(query: str) -> SearchResult:
            return searcher.search(query, limit=args.limit, kind=args.kind, document=args.doc, within=args.within)

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
    out.write(f"共 {result.total} 段" + (f"，标题 {result.heading_total} 处" if result.heading_total else "") + "\n")
    for hit in result.all_hits():
        badge = hit_badge(hit)
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
    named = [Path(name) for name in args.files]
    if len(named) == 1 and not named[0].is_dir():
        document_id = library.import_file(named[0], title=args.title, genre=args.genre, progress=progress)
        out.write(document_id + "\n")
        note = library.left_out(document_id)
        if note:
            print(note, file=sys.stderr)
        return
    # Several files, or folders (their files, not their subfolders): each
    # its own import, worker processes reading the next ones ahead.
    from app.library import importable_files

    if args.title is not None:
        raise DocumentError(tr("import_title_one_file"))
    files: list[Path] = []
    for path in named:
        if path.is_dir():
            try:
                found = importable_files(path)
            except OSError as exc:
                raise DocumentError(tr("file_unreadable", path=path, reason=os_reason(exc))) from None
            if not found:
                raise DocumentError(tr("import_folder_empty", path=path))
            files.extend(found)
        else:
            files.append(path)
    refused: list[str] = []
    for outcome in library.import_files(files, progress=progress):
        if outcome.document_id is not None:
            out.write(outcome.document_id + "\n")
        else:
            refused.append(outcome.refusal or "")
    if refused:
        # One sentence (each file's reason in it): the ids above are the files imported.
        reasons = " ".join(refused)
        raise DocumentError(tr("import_refused_some", count=len(refused), total=len(files), reasons=reasons))


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
    common.add_argument(
        "--library",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="library folder (default: $BAIPISHU_HOME or the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="baipishu",
        parents=[common],
        description="Baipishu 白皮书阅览: an offline reference browser for Chinese policy documents.",
    )
    parser.add_argument("--version", action="version", version=f"baipishu {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the window offscreen, search, copy a figure; print a JSON summary",
    )
    parser.add_argument(
        "--portable", action="store_true", help="keep the library and settings beside the program (baipishu-data/)"
    )
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
    figures.add_argument("--unit", metavar="U", help="a unit as written (亿元, %%, 万人) or a family (money, people…)")
    figures.add_argument("--min", type=float, metavar="X", help="at least X (in --unit)")
    figures.add_argument("--max", type=float, metavar="Y", help="at most Y (in --unit)")
    figures.add_argument("--kind", choices=("statistic", "threshold"), help="statistics or a law's thresholds only")
    show = add("show", _cmd_show, "show a paragraph")
    show.add_argument("id", metavar="PARAGRAPH_ID")
    show.add_argument("--json", action="store_true")
    cite = add("cite", _cmd_cite, "cite a paragraph or a figure")
    cite.add_argument("id", metavar="ID")
    cite.add_argument("--style", choices=STYLES, default="plain")
    cite.add_argument("--json", action="store_true")
    meta = add("meta", _cmd_meta, "show or edit a document's metadata (edits are kept with your data through rebuilds)")
    meta.add_argument("doc", metavar="DOC")
    for option, field in META_OPTIONS.items():
        meta.add_argument(f"--{option}", dest=f"set_{field}", metavar=option.upper())
    meta.add_argument(
        "--reset", action="append", default=[], metavar="FIELD", help="go back to the inferred value of FIELD"
    )
    meta.add_argument("--json", action="store_true")
    notes = add("notes", _cmd_notes, "list a document's highlights and notes (--markdown: with their citations)")
    notes.add_argument("doc", metavar="DOC")
    shown = notes.add_mutually_exclusive_group()
    shown.add_argument("--markdown", action="store_true", help="Markdown, each quote cited")
    shown.add_argument("--json", action="store_true")
    highlight = add("highlight", _cmd_highlight, "highlight part of a paragraph, with a note; prints its id")
    highlight.add_argument("id", metavar="PARAGRAPH_ID", help="ID or DOCUMENT/ID")
    highlight.add_argument("--start", type=int, default=0, metavar="N", help="first character (from 0)")
    highlight.add_argument("--end", type=int, metavar="N", help="past the last character (default: the end)")
    highlight.add_argument("--color", choices=NOTE_COLORS, default=NOTE_COLORS[0])
    highlight.add_argument("--note", metavar="TEXT")
    docs = add("docs", _cmd_docs, "list the documents in the library")
    docs.add_argument("--json", action="store_true")
    imp = add(
        "import",
        _cmd_import,
        "import documents: text, Markdown, PDF, Word (.docx) or saved web pages (files, or the files of folders)",
    )
    imp.add_argument("files", metavar="FILE", nargs="+")
    imp.add_argument("--title", metavar="T", help="the title (one file only)")
    imp.add_argument("--genre", choices=GENRES, help="read the text as this genre (default: detected from the text)")
    remove = add("remove", _cmd_remove, "remove a document from the library")
    remove.add_argument("doc_id", metavar="DOC_ID")
    add("rebuild", _cmd_rebuild, "re-parse every document from its stored source")
    search = add("search", _cmd_search, "search the full text (QUERY - reads one query per line)")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=SEARCH_LIMIT, metavar="N")
    search.add_argument("--kind", choices=("body", "box", "all"), default="all")
    search.add_argument("--doc", metavar="ID")
    search.add_argument("--within", metavar="NODE", help="with --doc: only this unit (a node id of toc --json)")
    return parser


def run_command(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command that ``args`` names over its library; return the exit
    status. Every expected failure is one sentence on stderr."""
    from app.library import Library  # (not on the window's start-up path)

    handler: Command = args.handler
    try:
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
    return EXIT_OK


def portable_dir() -> Path:
    """Where --portable keeps user data: beside the executable (or, run from
    source, beside the project)."""
    base = Path(sys.executable).parent if getattr(sys, "frozen", False) else Path(__file__).parents[2]
    return base / "baipishu-data"
