"""Entry point of the frozen executable (PyInstaller)."""

from app.cli import main

raise SystemExit(main())
