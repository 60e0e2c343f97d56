"""Entry point of the frozen executable (PyInstaller)."""

import sys

from app.timing import report

report("mark_launcher")  # before the command line loads (see app.timing)

# The helper commands multiprocessing runs this executable with, besides its
# workers (``--multiprocessing-fork``): a spawned pool's resource tracker.
_HELPERS = ("from multiprocessing.resource_tracker import main",)


def _multiprocessing_child() -> bool:
    """Run a process that multiprocessing started from this executable (a
    folder import's worker, or its resource tracker), if this is one.

    The build drops PyInstaller's runtime hook for this, which imports
    multiprocessing at every start; only such a process imports it here.
    """
    if sys.argv[1:2] == ["--multiprocessing-fork"]:
        from multiprocessing import spawn

        spawn.freeze_support()  # (runs the worker and exits)
        return True
    if "-c" in sys.argv:
        command = sys.argv[sys.argv.index("-c") + 1 :][:1]
        if command and command[0].startswith(_HELPERS):
            exec(command[0])  # (only the helper commands above)
            return True
    return False


if _multiprocessing_child():
    raise SystemExit(0)

from app.main import main  # noqa: E402

raise SystemExit(main())
