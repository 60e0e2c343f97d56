"""The search query language, parsed into plain values.

Only these are operators:

- spaces separate terms, and every term must match (AND);
- ``"…"`` (ASCII double quotes) is one exact term that may hold spaces;
- ``-term`` excludes paragraphs that contain ``term``;
- ``OR`` (upper case, between terms) makes either term enough.

Everything else, punctuation and Chinese quotes “” included, is text, and each
term matches as exact text after normalisation (like find-in-page). A quote
left open runs to the end of the query; a lone ``-`` or ``OR`` is plain text.
Nothing here ever raises on user input.
"""

from dataclasses import dataclass, field

from app.search.normalize import normalize

# Queries longer than this are cut (a pasted page is not a query); the result
# says so.
MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class Term:
    """One term: the text as typed and its normalised form."""

    text: str
    normal: str


@dataclass(frozen=True)
class Query:
    """A parsed query.

    Attributes:
        raw: the query as typed.
        groups: every group must match; within a group, any term is enough.
        excluded: terms that must not occur.
        truncated: the query was longer than :data:`MAX_QUERY_CHARS`.
    """

    raw: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    truncated: bool = False
    positive: tuple[Term, ...] = field(default=(), compare=False)

    @property
    def empty(self) -> bool:
        """No term to look for."""
        return not self.groups


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """Split into (text, quoted, excluded) triples; quotes keep spaces inside."""
    tokens: list[tuple[str, bool, bool]] = []
    current: list[str] = []

    def flush() -> None:
        word = "".join(current)
        current.clear()
        if word:
            negative = word.startswith("-") and len(word) > 1
            tokens.append((word[1:] if negative else word, False, negative))

    position = 0
    while position < len(text):
        char = text[position]
        if char == '"':
            negative = current == ["-"]
            if negative:
                current.clear()
            flush()
            end = text.find('"', position + 1)
            end = len(text) if end < 0 else end
            phrase = text[position + 1 : end]
            if phrase:
                tokens.append((phrase, True, negative))
            position = end + 1
            continue
        if char.isspace():
            flush()
        else:
            current.append(char)
        position += 1
    flush()
    return tokens


def parse_query(raw: str) -> Query:
    """Parse ``raw`` into a :class:`Query`; never raises."""
    text = raw[:MAX_QUERY_CHARS]
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    tokens = _tokens(text)
    for position, (body, quoted, negative) in enumerate(tokens):
        is_last = position == len(tokens) - 1
        if body == "OR" and not quoted and not negative and groups and not is_last:
            join_next = True
            continue
        term = Term(body, normalize(body))
        if not term.normal.strip():
            join_next = False
            continue
        if negative:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    frozen = tuple(tuple(group) for group in groups)
    return Query(
        raw=raw,
        groups=frozen,
        excluded=tuple(excluded),
        truncated=len(raw) > MAX_QUERY_CHARS,
        positive=tuple(term for group in frozen for term in group),
    )
