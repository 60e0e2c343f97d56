"""Reading document files: encoding detection with clear refusals.

A document file is accepted as UTF-8 (with or without BOM), UTF-16 with a BOM,
or GB18030 (which covers GBK and GB2312). Anything else is refused with a
message that names the file and the reason, and nothing is imported.
"""

import codecs
from pathlib import Path

from app.errors import DocumentError
from app.i18n import tr

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


def read_document_text(path: Path) -> str:
    """Read ``path`` and return its text, newlines normalised to ``\\n``.

    Args:
        path: the file to read.

    Returns:
        The decoded text, without BOM, with CRLF and CR turned into LF.

    Raises:
        DocumentError: the file is missing, unreadable, empty, binary, a
            truncated UTF-8 file or in an encoding that is not supported.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(tr("file_missing", path=path)) from None
    except IsADirectoryError:
        raise DocumentError(tr("file_unreadable", path=path, reason=tr("reason_directory"))) from None
    except OSError as exc:
        raise DocumentError(tr("file_unreadable", path=path, reason=exc.strerror)) from None
    return decode_document_bytes(data, name=str(path))


def decode_document_bytes(data: bytes, name: str) -> str:
    """Decode the bytes of a document file; see :func:`read_document_text`."""
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(tr("file_empty", path=name))
    return text


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise DocumentError(tr("file_empty", path=name))
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise DocumentError(tr("file_binary", path=name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise DocumentError(tr("file_truncated_utf8", path=name)) from None
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise DocumentError(tr("file_encoding", path=name)) from None
    if not _plausible_chinese(text):
        raise DocumentError(tr("file_encoding", path=name))
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(tr("file_encoding", path=name)) from None
    return text.removeprefix("\ufeff")


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
