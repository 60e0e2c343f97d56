"""Entry point of the frozen executable (PyInstaller)."""

from app.timing import report

report("mark_launcher")  # before the command line loads (see app.timing)

from app.main import main  # noqa: E402

raise SystemExit(main())
