"""Write and check the UI's English catalogue (``resources/translations/*.ts``).

``python build/translations.py --check`` lists UI strings (arguments of
``t("…")`` in app/ui/) that the catalogue lacks; ``--compile`` runs Qt's
lrelease to make the ``.qm`` file the app loads.
"""

import argparse
import ast
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "app" / "ui"
CATALOGUE = ROOT / "resources" / "translations" / "baipishu_en.ts"
QT_EXTRA = ROOT / "resources" / "translations" / "qt_extra_zh_CN.ts"


def ui_strings() -> set[str]:
    """Every literal passed to ``t()`` or ``mark()`` in the UI package."""
    found: set[str] = set()
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("t", "mark")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def catalogue() -> dict[str, str]:
    """Source → translation pairs of the English catalogue."""
    root = ElementTree.parse(CATALOGUE).getroot()
    return {message.findtext("source") or "": message.findtext("translation") or "" for message in root.iter("message")}


def compile_catalogue() -> Path:
    """Compile the catalogues with lrelease (the English one, and the
    Chinese for Qt's own strings its catalogue leaves in English); return
    the English .qm path."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for source in (CATALOGUE, QT_EXTRA):
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(source.with_suffix(".qm"))], check=True)
    return CATALOGUE.with_suffix(".qm")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--compile", action="store_true")
    args = parser.parse_args()
    if args.check:
        missing = sorted(s for s in ui_strings() if not catalogue().get(s))
        for text in missing:
            print(f"missing: {text}")
        if missing:
            return 1
    if args.compile:
        print(compile_catalogue().relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
