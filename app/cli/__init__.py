"""The ``baipishu`` command line: JSON for scripts and tests, text for people.

:func:`build_parser` knows every command; :func:`run_command` runs one over
its library. The program's entry point, which also starts the window, is
:func:`app.main.main`.
"""

from app.cli.commands import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    SEARCH_LIMIT,
    build_parser,
    portable_dir,
    run_command,
)

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "SEARCH_LIMIT", "build_parser", "portable_dir", "run_command"]
