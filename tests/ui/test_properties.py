"""The document properties dialog: what it reports as changed, and how it
keeps a refused edit on screen."""

from app.document.model import Metadata
from app.ui.properties import PropertiesDialog

NOW = Metadata(id="d", title="我的标题", issuer="国务院", genre="notice", number="国发〔2021〕29号")
INFERRED = Metadata(id="d", title="国务院关于示例的通知", issuer="国务院", genre="notice", number="国发〔2021〕29号")


def test_changes_and_placeholders(qtbot) -> None:
    applied: list[dict[str, str | None]] = []

    def apply(changes: dict[str, str | None]) -> None:
        applied.append(changes)

    dialog = PropertiesDialog(NOW, INFERRED, apply, None)
    qtbot.addWidget(dialog)
    assert dialog.editors["title"].placeholderText() == "国务院关于示例的通知"
    assert dialog.changes() == {}
    dialog.editors["title"].setText("  ")  # cleared: back to the inferred title
    dialog.editors["url"].setText(" https://www.gov.cn/x.htm ")
    dialog.genre.setCurrentIndex(dialog.genre.findData("opinion"))
    expected = {"title": None, "url": "https://www.gov.cn/x.htm", "genre": "opinion"}
    assert dialog.changes() == expected
    dialog.show()
    dialog._on_save()
    assert applied == [expected] and not dialog.isVisible()


def test_a_refused_edit_keeps_the_dialog_open(qtbot) -> None:
    dialog = PropertiesDialog(NOW, INFERRED, lambda changes: "日期无效。", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["release_date"].setText("2021-13-01")
    dialog._on_save()
    assert dialog.isVisible() and dialog.error.text() == "日期无效。" and not dialog.error.isHidden()
    dialog.editors["release_date"].setText("")
    dialog._on_save()  # nothing changed: nothing to apply
    assert not dialog.isVisible()
