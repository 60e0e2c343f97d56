"""Search normalisation: width, traditional → simplified, case; offsets back
to the original text; the table a frozen build ships."""

import sys
from pathlib import Path

import pytest

from app.search import normalize as normalize_module
from app.search.normalize import make_table, normalize, normalize_with_offsets, write_table


def test_width_script_and_case() -> None:
    assert normalize("扶貧１９９８年ＡＢＣ") == "扶贫1998年abc"
    assert normalize("光伏") == "光伏"


def test_offsets_point_back_to_the_original() -> None:
    text = "㍻年扶貧"  # ㍻ (one character) becomes 平成 (two)
    normal, origin = normalize_with_offsets(text)
    assert normal == "平成年扶贫"
    assert [text[i] for i in origin[:-1]] == ["㍻", "㍻", "年", "扶", "貧"]
    assert origin[-1] == len(text)


def test_frozen_build_uses_the_shipped_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = tmp_path / "resources"
    resources.mkdir()
    write_table(resources / normalize_module.TABLE_FILE)
    expected = make_table()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(normalize_module, "resources_dir", lambda: resources)
    monkeypatch.setattr(normalize_module, "make_table", lambda: pytest.fail("the table was made again"))
    normalize_module._table.cache_clear()
    try:
        # The shipped table is the one made from OpenCC and Unicode data.
        assert normalize_module._table() == expected
        assert normalize("扶貧１９９８年ＡＢＣ") == "扶贫1998年abc"
    finally:
        normalize_module._table.cache_clear()


def test_no_character_normalises_to_nothing() -> None:
    """Snippets rely on it: equal lengths of text and normal form mean the
    offsets map one to one (app.search.make_snippet)."""
    assert all(make_table().values())
