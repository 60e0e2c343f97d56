"""The stress ledger: what the fault and bad-input tests tried, what was
handled, and how much data was lost (which must be none).

Tests record each attempt through the ``ledger`` fixture; the table is printed
at the end of the run (``make stress`` runs the slow, large parts).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Tally:
    """Counts for one kind of attempt."""

    tried: int = 0
    handled: int = 0
    lost: int = 0


@dataclass
class Attempt:
    """One attempt in progress: the test reports lost data through it."""

    tally: Tally
    lost: int = 0

    def lose(self, count: int) -> None:
        """Record ``count`` items of user data that did not survive."""
        self.lost += count


@dataclass
class Ledger:
    """Attempts by category ("faults injected", "bad inputs", ...) and kind."""

    tallies: dict[tuple[str, str], Tally] = field(default_factory=dict)

    @contextmanager
    def attempt(self, category: str, kind: str) -> Iterator[Attempt]:
        """Count one attempt; it is handled when the block ends without error."""
        tally = self.tallies.setdefault((category, kind), Tally())
        tally.tried += 1
        attempt = Attempt(tally)
        try:
            yield attempt
        finally:
            tally.lost += attempt.lost
        tally.handled += 1

    def table(self) -> str:
        """The ledger as a Markdown table, with a total per category."""
        lines = ["| category | kind | tried | handled | data lost |", "|---|---|---|---|---|"]
        totals: dict[str, Tally] = {}
        for (category, kind), tally in sorted(self.tallies.items()):
            lines.append(f"| {category} | {kind} | {tally.tried} | {tally.handled} | {tally.lost} |")
            total = totals.setdefault(category, Tally())
            total.tried += tally.tried
            total.handled += tally.handled
            total.lost += tally.lost
        for category, total in sorted(totals.items()):
            lines.append(f"| **{category}** | all | {total.tried} | {total.handled} | {total.lost} |")
        return "\n".join(lines)
