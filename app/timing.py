"""The start-up timeline behind ``make bench`` (``BAIPISHU_TIMING=1``): one
line per event, its name and the wall-clock time, on standard output."""

import os
import time

TIMING_ENV = "BAIPISHU_TIMING"


def report(event: str) -> None:
    """Print ``event`` and the time, when the timeline is asked for."""
    if os.environ.get(TIMING_ENV):
        print(f"{event} {time.time():.6f}", flush=True)
