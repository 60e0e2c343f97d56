"""The core's messages: the language from the locale, one line of plain text."""

import errno

import pytest

from app.i18n import MESSAGES, language, os_reason, tr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANGUAGE": "en_US:zh"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({}, "zh"),
    ],
)
def test_language_follows_the_first_locale_variable_set(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert language() == expected


def test_fields_from_outside_stay_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    message = tr("file_missing", path="a\nb\u202ec.txt")
    assert "\n" not in message and "\u202e" not in message
    assert "a\\nb\\u202ec.txt" in message


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    import string

    for key, (zh, en) in MESSAGES.items():
        fields = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
        assert fields == {name for _, name, _, _ in string.Formatter().parse(en) if name}, key
        assert zh and en, key


def test_os_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    assert os_reason(OSError(errno.ENOENT, "No such file or directory")) == "No such file or directory"
