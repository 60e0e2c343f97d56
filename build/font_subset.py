"""Make the bundled font: a subset of Noto Sans CJK SC (SIL Open Font License).

The subset holds every character of the bundled documents plus GB2312 (so that
what a user types also renders), ASCII and common punctuation. Source: Debian's
fonts-noto-cjk (``apt-get install fonts-noto-cjk``); run at build time.
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
LICENSE_SOURCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FAMILY = "Noto Sans CJK SC"
TARGET = ROOT / "resources" / "fonts" / "BaipishuSans-Subset.otf"


def gb2312() -> set[str]:
    """Every character of GB2312 (6,763 hanzi and the symbols)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted_characters() -> set[str]:
    """The characters the subset must cover."""
    chars = gb2312() | {chr(c) for c in range(0x20, 0x7F)}
    chars |= set("，。、；：？！“”‘’（）《》〈〉【】—…·〔〕「」『』￥％＋－＝／　■□◆●")
    for text in (ROOT / "resources" / "documents").glob("*.txt"):
        chars |= set(text.read_text(encoding="utf-8"))
    return {c for c in chars if not c.isspace() or c in " \u3000"}


def build(target: Path = TARGET) -> Path:
    """Write the subset font and its licence beside it; return the font path."""
    collection = TTCollection(str(SOURCE))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FAMILY)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted_characters()])
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    if LICENSE_SOURCE.exists():
        (target.parent / "LICENSE-NotoSansCJK.txt").write_text(
            LICENSE_SOURCE.read_text(encoding="utf-8"), encoding="utf-8"
        )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    if not SOURCE.exists():
        print(f"{SOURCE} is missing: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    path = build(args.output)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
