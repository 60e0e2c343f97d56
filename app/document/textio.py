"""Reading document files: encoding detection with clear refusals.

A document file is accepted as UTF-8 (with or without BOM), UTF-16 with a BOM,
or GB18030 (which covers GBK and GB2312). Anything else is refused with a
message that names the file and the reason, and nothing is imported.

Files are read in pieces, never whole: a :class:`TextSource` checks and hashes
the text in one pass, then hands out the text again, piece by piece, as often
as it is asked (the parser reads it twice; a 100 MB file never sits in memory).
"""

import codecs
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import DocumentError
from app.i18n import tr
from app.progress import ProgressCallback

# A document that is mostly control characters is binary data, not text.
# Tab, newline and carriage return are ordinary; form feed and vertical tab
# occur in old text files, so they are allowed too.
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_RATIO = 0.01
# Bytes to look at when sniffing for binary content.
_SNIFF_BYTES = 64 * 1024
# Share of characters that must be CJK ideographs, ASCII or common punctuation
# for a GB18030 decoding to be believed: GB18030 decodes many byte strings
# that are really something else into rare ideographs.
_MIN_PLAUSIBLE_RATIO = 0.6
# Bytes read from a file at a time, and characters per piece of a text held in
# memory: pieces of this size are what is stored and parsed in turn.
READ_BLOCK_BYTES = 1024 * 1024
TEXT_PIECE_CHARS = 256 * 1024


@dataclass(frozen=True)
class TextSource:
    """A document's text, checked and hashed, readable again in pieces.

    Attributes:
        name: how to name the source in messages (a path or file name).
        read: returns the text again, newlines normalised to ``\\n`` and
            without BOM, as an iterator of pieces (each call starts over).
        sha256: hex SHA-256 of the whole text (UTF-8).
        chars: the length of the text in characters.
    """

    name: str
    read: Callable[[], Iterator[str]]
    sha256: str
    chars: int


def file_source(path: Path, progress: ProgressCallback | None = None) -> TextSource:
    """Check a document file in one pass and return it as a :class:`TextSource`.

    Args:
        path: the file to read.
        progress: called with (bytes read, file size) during the check.

    Raises:
        DocumentError: the file is missing, unreadable, empty, binary, a
            truncated UTF-8 file or in an encoding that is not supported.
    """

    def open_file() -> BinaryIO:
        try:
            if path.exists() and not path.is_file() and not path.is_dir():
                # A pipe or a device cannot be read twice, or never ends.
                raise DocumentError(tr("file_unreadable", path=path, reason=tr("reason_not_file")))
            return path.open("rb")
        except FileNotFoundError:
            raise DocumentError(tr("file_missing", path=path)) from None
        except IsADirectoryError:
            raise DocumentError(tr("file_unreadable", path=path, reason=tr("reason_directory"))) from None
        except OSError as exc:
            raise DocumentError(tr("file_unreadable", path=path, reason=exc.strerror)) from None

    return _checked(open_file, str(path), progress)


def bytes_source(data: bytes, name: str) -> TextSource:
    """A file's bytes, checked as a document file's are (see :func:`file_source`).

    Raises:
        DocumentError: as :func:`file_source`.
    """
    return _checked(lambda: io.BytesIO(data), name, None)


def text_source(text: str, name: str) -> TextSource:
    """Text already decoded, as a :class:`TextSource` (newlines normalised)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def read() -> Iterator[str]:
        return (text[start : start + TEXT_PIECE_CHARS] for start in range(0, len(text), TEXT_PIECE_CHARS))

    return TextSource(name=name, read=read, sha256=digest, chars=len(text))


def _checked(open_file: Callable[[], BinaryIO], name: str, progress: ProgressCallback | None) -> TextSource:
    """Choose the encoding and hash the text, reading the file once (twice
    when UTF-8 fails part-way and GB18030 is tried)."""
    with open_file() as stream:
        head = _read(stream, _SNIFF_BYTES, name)
    if head.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif _looks_binary(head):
        raise DocumentError(tr("file_binary", path=name))
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            digest, chars, visible = _scan(open_file, encoding, name, progress)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.reason == "unexpected end of data":
                raise DocumentError(tr("file_truncated_utf8", path=name)) from None
            if encoding != encodings[-1]:
                continue
            raise DocumentError(tr("file_encoding", path=name)) from None
        break
    if not visible:
        raise DocumentError(tr("file_empty", path=name))
    if encoding == "gb18030" and not _plausible_chinese(head.decode("gb18030", "ignore")):
        raise DocumentError(tr("file_encoding", path=name))

    def read() -> Iterator[str]:
        return _normalised(_decoded(open_file, encoding, name))

    return TextSource(name=name, read=read, sha256=digest, chars=chars)


def _scan(
    open_file: Callable[[], BinaryIO], encoding: str, name: str, progress: ProgressCallback | None
) -> tuple[str, int, bool]:
    """Decode the whole file once: its text's SHA-256, length, and whether
    it has any character other than whitespace."""
    digest = hashlib.sha256()
    chars = 0
    visible = False
    for piece in _normalised(_decoded(open_file, encoding, name, progress)):
        digest.update(piece.encode("utf-8", "surrogatepass"))
        chars += len(piece)
        visible = visible or not piece.isspace()
    return digest.hexdigest(), chars, visible


def _decoded(
    open_file: Callable[[], BinaryIO], encoding: str, name: str, progress: ProgressCallback | None = None
) -> Iterator[str]:
    """The file decoded strictly, a block at a time (an incomplete character
    at the very end raises "unexpected end of data")."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with open_file() as stream:
        size = stream.seek(0, io.SEEK_END)  # (only regular files and bytes get here)
        stream.seek(0)
        if progress:
            progress(0, size)
        while block := _read(stream, READ_BLOCK_BYTES, name):
            yield decoder.decode(block)
            if progress:
                progress(stream.tell(), size)
        yield decoder.decode(b"", final=True)


def _read(stream: BinaryIO, size: int, name: str) -> bytes:
    try:
        return stream.read(size)
    except OSError as exc:  # a failing disk, a file on a vanished mount
        raise DocumentError(tr("file_unreadable", path=name, reason=exc.strerror)) from None


def _normalised(pieces: Iterable[str]) -> Iterator[str]:
    """Pieces of text without a leading BOM, CRLF and CR turned into LF (a CR
    at the end of a piece waits for the next one, which may start with LF)."""
    carry = ""
    first = True
    for piece in pieces:
        if first and piece:
            piece, first = piece.removeprefix("\ufeff"), False
        piece = carry + piece
        carry = "\r" if piece.endswith("\r") else ""
        if carry:
            piece = piece[:-1]
        if piece:
            yield piece.replace("\r\n", "\n").replace("\r", "\n")
    if carry:
        yield "\n"


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and chr(b) not in _ALLOWED_CONTROLS)
    return controls > max(2, len(sample) * _MAX_CONTROL_RATIO)


def _plausible_chinese(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return False
    common = sum(1 for c in visible if c.isascii() or _is_common_cjk(c))
    return common / len(visible) >= _MIN_PLAUSIBLE_RATIO


def _is_common_cjk(char: str) -> bool:
    return (
        "\u4e00" <= char <= "\u9fff"  # CJK unified ideographs
        or "\u3000" <= char <= "\u303f"  # CJK punctuation
        or "\uff00" <= char <= "\uffef"  # full-width forms
        or "\u2010" <= char <= "\u206f"  # general punctuation (dashes, quotes)
    )
