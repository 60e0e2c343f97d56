"""The choices a user makes among fixed names: citation styles and highlight
colours (kept apart from :mod:`app.document.citations` so that the command
line can offer them without loading the document model)."""

from typing import Literal

Style = Literal["plain", "gbt7714", "markdown", "ris", "csl-json", "bibtex"]
STYLES: tuple[Style, ...] = ("plain", "gbt7714", "markdown", "ris", "csl-json", "bibtex")

# The colours a highlight may have, by name (the window draws them).
NOTE_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")
