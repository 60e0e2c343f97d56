"""Entry point of the frozen executable (PyInstaller)."""

import os
import time

if os.environ.get("BAIPISHU_TIMING"):  # the start-up benchmark's timeline (see app.ui)
    print(f"mark_launcher {time.time():.6f}", flush=True)

from app.cli import main  # noqa: E402

raise SystemExit(main())
