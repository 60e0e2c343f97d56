"""Navigation history: the places a reader jumped from and to, across
documents, for Back (Alt+←) and Forward (Alt+→), as a browser keeps them."""

from dataclasses import dataclass

# Places kept (the oldest are dropped).
HISTORY_LIMIT = 200


@dataclass(frozen=True)
class Place:
    """A paragraph of a document."""

    document: str
    paragraph: str


class History:
    """Back and forward over places; a new jump drops the forward ones."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._places: list[Place] = []
        self._at = -1
        self._limit = limit

    def visit(self, current: Place | None, target: Place) -> None:
        """A jump from ``current`` (where the reader was, if anywhere) to ``target``."""
        del self._places[self._at + 1 :]
        if current is not None and (not self._places or self._places[-1] != current):
            self._places.append(current)
        if not self._places or self._places[-1] != target:
            self._places.append(target)
        del self._places[: max(0, len(self._places) - self._limit)]
        self._at = len(self._places) - 1

    def retarget(self, target: Place) -> None:
        """The jump just made lands on ``target`` instead (a document opened,
        then a paragraph of it: one step, not two)."""
        if self._at >= 0:
            self._places[self._at] = target
            del self._places[self._at + 1 :]

    def back(self) -> Place | None:
        """The place before this one (None at the start)."""
        if self._at <= 0:
            return None
        self._at -= 1
        return self._places[self._at]

    def forward(self) -> Place | None:
        """The place after this one (None at the end)."""
        if self._at >= len(self._places) - 1:
            return None
        self._at += 1
        return self._places[self._at]

    def can_go_back(self) -> bool:
        """Whether :meth:`back` has somewhere to go."""
        return self._at > 0

    def can_go_forward(self) -> bool:
        """Whether :meth:`forward` has somewhere to go."""
        return self._at < len(self._places) - 1
