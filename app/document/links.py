"""Deep links ``baipishu://<document>/<paragraph>``: parsed strictly.

A link comes from outside (a pasted citation, another program), so it is
validated before anything looks it up: the scheme, the shape of both ids and
the length. Anything else is refused with a clear message.
"""

import re
from typing import NamedTuple

from app.errors import BaipishuError
from app.i18n import tr

LINK_SCHEME = "baipishu"
MAX_LINK_CHARS = 300
_DOCUMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_PARAGRAPH_ID = re.compile(r"^p[0-9a-f]{10}(-[0-9]{1,4})?(\.[0-9]{1,4})?$")


class Link(NamedTuple):
    """A parsed deep link: a paragraph (or figure) of a document."""

    document: str
    paragraph: str


def parse_link(text: str) -> Link:
    """Parse ``baipishu://DOC/PARAGRAPH``.

    Raises:
        BaipishuError: not a well-formed Baipishu link.
    """
    link = text.strip()
    prefix = f"{LINK_SCHEME}://"
    if len(link) > MAX_LINK_CHARS or not link.startswith(prefix):
        raise BaipishuError(tr("bad_link", link=link[:80]))
    parts = link[len(prefix) :].rstrip("/").split("/")
    if len(parts) != 2 or not _DOCUMENT_ID.match(parts[0]) or not _PARAGRAPH_ID.match(parts[1]):
        raise BaipishuError(tr("bad_link", link=link[:80]))
    document, paragraph = parts
    return Link(document, paragraph.split(".", 1)[0])


def is_link(text: str) -> bool:
    """Whether ``text`` looks like a Baipishu link (to be parsed, maybe refused)."""
    return text.strip().lower().startswith(f"{LINK_SCHEME}:")
