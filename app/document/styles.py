"""The citation styles' names (kept apart from :mod:`app.document.citations` so that
the command line can offer them without loading the document model)."""

from typing import Literal

Style = Literal["plain", "gbt7714", "markdown", "ris", "csl-json", "bibtex"]
STYLES: tuple[Style, ...] = ("plain", "gbt7714", "markdown", "ris", "csl-json", "bibtex")
