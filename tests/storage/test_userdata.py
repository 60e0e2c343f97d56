"""Bookmarks live apart from the content and survive rebuilds and updates."""

from pathlib import Path

from app.library import Library
from app.storage.userdata import USER_FILE, UserData
from tests.conftest import SEED_ID


def test_bookmarks_round_trip(tmp_path: Path) -> None:
    data = UserData(tmp_path)
    assert data.toggle_bookmark(SEED_ID, "p1", "第1段") is True
    data.add_bookmark(SEED_ID, "p2", "第2段")
    data.add_bookmark(SEED_ID, "p2", "again")  # no duplicate
    assert [(b.paragraph, b.label) for b in data.bookmarks()] == [("p2", "第2段"), ("p1", "第1段")]
    assert data.toggle_bookmark(SEED_ID, "p1", "第1段") is False
    assert [b.paragraph for b in data.bookmarks(SEED_ID)] == ["p2"]
    data.close()
    again = UserData(tmp_path)
    assert [b.paragraph for b in again.bookmarks()] == ["p2"]
    again.close()


def test_bookmarks_survive_rebuild_and_content_loss(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        paragraph = library.document(SEED_ID).paragraphs[3].id
        library.user.add_bookmark(SEED_ID, paragraph, "要点")
        library.rebuild()
        assert library.paragraph(paragraph).paragraph.id == paragraph  # still resolves
    (folder / "library.sqlite").unlink()  # the content is rebuilt from scratch
    with Library(folder) as library:
        (bookmark,) = library.user.bookmarks()
        assert library.paragraph(f"{bookmark.document}/{bookmark.paragraph}").paragraph.index == 4
    assert (folder / USER_FILE).exists()
