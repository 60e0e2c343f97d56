"""Chinese numerals and the character classes that the parser and figures share."""

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NAMES = "零一二三四五六七八九"

CHINESE_NUMERAL_CHARS = "零〇一二两三四五六七八九十百"

# Full-width digits, percent sign and full stop map one-to-one onto ASCII, so
# offsets found in the translated text are offsets in the original.
FULLWIDTH_TO_ASCII = str.maketrans("０１２３４５６７８９％．，", "0123456789%.,")

# Punctuation that may end a sentence or a paragraph; semicolons and colons end
# list items ("…进行整户识别;"), so a line ending in them is not cut off.
SENTENCE_END = "。！？!?"
PARAGRAPH_END = SENTENCE_END + "；;：:…"
CLOSING_MARKS = "”’」』）)】》〕\"'"


def chinese_to_int(text: str) -> int | None:
    """Convert a Chinese or Arabic numeral below 1000 (三, 十二, 二十, 7) to int.

    Returns None when ``text`` is not such a numeral.
    """
    text = text.translate(FULLWIDTH_TO_ASCII)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in "十百" for c in text):
        return None
    total = 0
    current = 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[char]
    return total + current


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral of any size: 十五, 二百, 三千, 五万,
    一千三百万, 一亿零五百万, 两千; written digit by digit too (二〇二〇).

    Returns None when ``text`` is not such a numeral.
    """
    if not text or any(c not in _DIGITS and c not in "十百千万亿" for c in text):
        return None
    if not any(c in "十百千万亿" for c in text):
        # Digit by digit (二〇二〇), or one digit.
        return int("".join(str(_DIGITS[c]) for c in text))
    total = section = current = 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (current or 1) * _SMALL_UNITS[char]
            current = 0
        else:  # 万 or 亿: closes a section
            scale = _LARGE_UNITS[char]
            value = (section + current) or 1
            if scale == 10**8:
                total = (total + value) * scale
            else:
                total += value * scale
            section = current = 0
    return total + section + current


_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10**4, "亿": 10**8}


def int_to_chinese(number: int) -> str:
    """Write 1 ≤ ``number`` < 1000 in Chinese numerals (2 → 二, 12 → 十二, 105 → 一百零五)."""
    if not 0 < number < 1000:
        raise ValueError(number)
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    text = f"{_NAMES[hundreds]}百" if hundreds else ""
    if tens:
        text += "十" if tens == 1 and not hundreds else f"{_NAMES[tens]}十"
    elif hundreds and units:
        text += "零"
    return text + (_NAMES[units] if units else "")


def ends_paragraph(text: str) -> bool:
    """Whether ``text`` ends with punctuation that can close a paragraph.

    Closing quotes and brackets are looked through: ``…”。`` and ``…。”`` both
    end a paragraph, ``…(专栏4)`` does not.
    """
    stripped = text.rstrip().rstrip(CLOSING_MARKS)
    if not stripped:
        return False
    last = stripped[-1]
    return last in PARAGRAPH_END or (last == "." and not stripped[-2:-1].isdigit())
