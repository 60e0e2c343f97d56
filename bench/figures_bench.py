"""Figure benchmark: the figures found in real documents against hand labels.

``tests/data/figures/labels.json`` lists, for paragraphs of the corpus
documents (``../shared/corpus/``, read in place), every quantity a careful
reader finds in them, labelled by reading the text (see its ``guide``). A
figure found is right when its text, value, upper value, unit and kind are
the label's; precision and recall are counted per genre, and the bundled
document's figures are checked against the 101 read by hand in the tests.

Run: ``python bench/figures_bench.py`` (``make bench`` runs it). Goal: at
least 98 % precision and 95 % recall on every genre.
"""

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.document.model import Document  # noqa: E402
from app.document.parser import parse_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "data" / "figures" / "labels.json"
PRECISION_GOAL = 0.98
RECALL_GOAL = 0.95
Labelled = tuple[str, float, float | None, str | None, str]


@dataclass
class Score:
    """Figures right, found but wrong or not figures, and missed."""

    right: int = 0
    wrong: int = 0
    missed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0


def labelled(document: Document, start: str) -> list[Labelled]:
    """The figures found in the first paragraph that starts with ``start``."""
    paragraph = next((p for p in document.paragraphs if p.text.startswith(start)), None)
    if paragraph is None:
        raise LookupError(f"no paragraph starts with {start!r}")
    return [(f.text, f.value, f.value_max, f.unit, f.kind) for f in document.figures if f.paragraph == paragraph.id]


def score(labels: Path = LABELS, corpus: Path = CORPUS) -> dict[str, Score]:
    """Precision and recall per genre over the labelled paragraphs."""
    data = json.loads(labels.read_text(encoding="utf-8"))
    scores: dict[str, Score] = {}
    for name, paragraphs in data["documents"].items():
        document = parse_file(corpus / name)
        result = scores.setdefault(document.metadata.genre, Score())
        for entry in paragraphs:
            found = Counter(labelled(document, entry["starts"]))
            expected = Counter(
                (text, value, value_max, unit, kind) for text, value, value_max, unit, kind in entry["figures"]
            )
            result.right += sum((found & expected).values())
            result.wrong += sum((found - expected).values())
            result.missed += sum((expected - found).values())
            for item in found - expected:
                result.errors.append(f"{name}: not a figure, or wrong: {item}")
            for item in expected - found:
                result.errors.append(f"{name}: missed: {item}")
    return scores


def main() -> int:
    if not CORPUS.is_dir():
        print(f"figures: {CORPUS} is absent: the shared corpus is laid beside the project")
        return 0
    began = time.perf_counter()
    scores = score()
    seconds = time.perf_counter() - began
    labels = sum(s.right + s.missed for s in scores.values())
    print(f"\nFigures against {labels} hand labels ({LABELS.relative_to(ROOT)}), scored in {seconds:.1f} s\n")
    print("| genre | labels | right | wrong | missed | precision (goal) | recall (goal) |")
    print("|---|---|---|---|---|---|---|")
    failed = False
    for genre, result in sorted(scores.items()):
        ok = result.precision >= PRECISION_GOAL and result.recall >= RECALL_GOAL
        failed |= not ok
        print(
            f"| {genre} | {result.right + result.missed} | {result.right} | {result.wrong} | {result.missed} "
            f"| {result.precision:.1%} (≥ {PRECISION_GOAL:.0%}) | {result.recall:.1%} (≥ {RECALL_GOAL:.0%}) |"
        )
    for result in scores.values():
        for error in result.errors:
            print(f"  {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
