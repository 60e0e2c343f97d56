"""The program's entry point: the window, or a command of the command line.

``baipishu`` with no command (or with a ``baipishu://`` link) starts the
window; with a command it runs :mod:`app.cli`. The window's modules (Qt) load
only for the window, and a plain launch builds no argument parser (10 ms
before the window could paint).
"""

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from app.errors import BaipishuError
from app.i18n import tr
from app.timing import report

EXIT_ERROR = 1


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
        from app.cli import portable_dir

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
        from app.cli import portable_dir
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
    """Run the program (the window or a command); return the exit status."""
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    if hasattr(sys.stderr, "reconfigure"):  # not when replaced (or None in a windowed build)
        sys.stderr.reconfigure(encoding="utf-8")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:
        # The usual desktop launch: the window, without building the parser.
        return _run_window(argparse.Namespace(command=None, portable=False, self_test=False))
    from app.cli import build_parser, run_command
    from app.document.links import is_link, parse_link

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
    return run_command(args, out)
