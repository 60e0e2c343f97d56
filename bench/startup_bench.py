"""Start-up benchmark of the built app against its floor, side by side.

The floor is a bare PySide6 window built with the same PyInstaller spec
options (``BAIPISHU_FLOOR=1``). Runs alternate floor / app in one session:
cold (a fresh HOME: first start, new library) and warm (the same HOME again).
Measured: time from spawn to first paint, to search-ready (a search ranked by
words has answered), peak RSS, and the sizes of the folder and the archive.

Run after ``make dist``: ``python bench/startup_bench.py [--rounds 9]``.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
RESULTS = ROOT / "bench" / "results"
TARGETS = {"first_paint_ratio": 1.15, "search_ready_s": 0.6, "archive_mb": 50.0, "rss_mb": 150.0}


def build_floor() -> Path:
    """Build the floor app with the same spec (once)."""
    floor = DIST / "floor" / "baipishu"
    if not floor.exists():
        subprocess.run(
            [
                str(Path(sys.executable).with_name("pyinstaller")),
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(DIST),
                "--workpath",
                str(ROOT / "build" / "work-floor"),
                str(ROOT / "build" / "baipishu.spec"),
            ],
            env={**os.environ, "BAIPISHU_FLOOR": "1"},
            check=True,
        )
    return floor


def launch(binary: Path, home: Path) -> dict[str, float]:
    """Run once; return seconds to each reported event and the peak RSS (MB)."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "BAIPISHU_TIMING": "1",
    }
    start = time.time()
    process = subprocess.Popen([str(binary)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    events: dict[str, float] = {}
    for line in process.stdout:
        name, _, stamp = line.strip().partition(" ")
        if name in ("first_paint", "search_ready"):
            events[name] = float(stamp) - start
    _, status, usage = os.wait4(process.pid, 0)
    events["rss_mb"] = usage.ru_maxrss / 1024
    events["status"] = float(status)
    return events


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    # Start-up times on a shared machine vary by ±20 % from run to run: the
    # medians of 9 alternating rounds compare like with like.
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    app = DIST / "baipishu" / "baipishu"
    if not app.exists():
        print("dist/baipishu is missing: run make dist first", file=sys.stderr)
        return 1
    floor = build_floor()
    runs: dict[str, list[dict[str, float]]] = {"floor": [], "app cold": [], "app warm": []}
    for number in range(args.rounds):
        # Each round runs the floor and the app back to back, the floor first
        # in one round and last in the next, so both share the machine's state.
        with tempfile.TemporaryDirectory() as home:
            if number % 2 == 0:
                runs["floor"].append(launch(floor, Path(home)))
            runs["app cold"].append(launch(app, Path(home)))
            runs["app warm"].append(launch(app, Path(home)))
            if number % 2 == 1:
                runs["floor"].append(launch(floor, Path(home)))
    table = ["| run | first paint s (median) | search-ready s (median) | peak RSS MB (max) |", "|---|---|---|---|"]
    summary: dict[str, dict[str, float]] = {}
    for name, values in runs.items():
        paint = statistics.median(v["first_paint"] for v in values)
        readies = [v["search_ready"] for v in values if "search_ready" in v]
        rss = max(v["rss_mb"] for v in values)
        summary[name] = {
            "first_paint_s": paint,
            "search_ready_s": statistics.median(readies) if readies else 0.0,
            "rss_mb": rss,
        }
        table.append(f"| {name} | {paint:.3f} | {summary[name]['search_ready_s']:.3f} | {rss:.1f} |")
    archives = sorted(DIST.glob("baipishu-*-linux-x86_64.tar.gz"))
    archive_mb = archives[-1].stat().st_size / 1e6 if archives else 0.0
    sizes = {
        "folder_mb": folder_mb(DIST / "baipishu"),
        "archive_mb": archive_mb,
        "floor_folder_mb": folder_mb(DIST / "floor"),
    }
    # Start-up times here vary by ±20 % with the machine's load, which a median
    # of each series does not cancel; the ratio of each round's app run to the
    # floor run beside it does (the median of those ratios, cold and warm).
    ratio = max(
        statistics.median(a["first_paint"] / f["first_paint"] for a, f in zip(runs[name], runs["floor"], strict=True))
        for name in ("app cold", "app warm")
    )
    medians_ratio = (
        max(summary["app cold"]["first_paint_s"], summary["app warm"]["first_paint_s"])
        / summary["floor"]["first_paint_s"]
    )
    ready = max(summary["app cold"]["search_ready_s"], summary["app warm"]["search_ready_s"])
    rss = max(summary["app cold"]["rss_mb"], summary["app warm"]["rss_mb"])
    paint_target = TARGETS["first_paint_ratio"]
    checks = [
        (
            "first paint vs floor (median of paired ratios)",
            f"≤ {paint_target}×",
            f"{ratio:.2f}×",
            ratio <= paint_target,
        ),
        ("search-ready", f"≤ {TARGETS['search_ready_s']} s", f"{ready:.2f} s", ready <= TARGETS["search_ready_s"]),
        ("archive", f"≤ {TARGETS['archive_mb']} MB", f"{archive_mb:.1f} MB", archive_mb <= TARGETS["archive_mb"]),
        ("peak RSS", f"≤ {TARGETS['rss_mb']} MB", f"{rss:.1f} MB", rss <= TARGETS["rss_mb"]),
    ]
    print("\n".join(table))
    print(f"\nfirst paint, ratio of the medians: {medians_ratio:.2f}×")
    print(
        f"folder {sizes['folder_mb']:.1f} MB (floor {sizes['floor_folder_mb']:.1f} MB), archive {archive_mb:.1f} MB\n"
    )
    print("| target | wanted | measured | met |\n|---|---|---|---|")
    for name, want, got, ok in checks:
        print(f"| {name} | {want} | {got} | {'yes' if ok else 'NO'} |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"startup-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "runs": runs,
                "summary": summary,
                "sizes": sizes,
                "first_paint_ratio": {"paired_median": ratio, "of_medians": medians_ratio},
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"\nwritten {out.relative_to(ROOT)}")
    shutil.rmtree(ROOT / "build" / "work-floor", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
