"""The model's own behaviour: box names and mentions, lookups, JSON shapes."""

from app.document.model import INFERRED_NOTE, Document, Node, box_mentions, box_name


def test_box_names_and_mentions() -> None:
    assert box_name("７") == box_name(7) == box_name("07") == "专栏7"
    text = "见专栏 7 和专栏１２，不是专栏。"
    assert list(box_mentions(text)) == [(1, 5, "专栏7"), (7, 11, "专栏12")]
    assert [text[s:e] for s, e, _ in box_mentions(text)] == ["专栏 7", "专栏１２"]


def test_lookups(seed: Document) -> None:
    first_of_box7 = next(p for p in seed.paragraphs if p.box == "专栏7")
    assert seed.box_paragraph("专栏7") == first_of_box7.id
    assert seed.box_paragraph("专栏99") is None
    assert {p.id for p in seed.mentions_of("专栏7")} == {p.id for p in seed.paragraphs if "专栏7" in p.refs}
    assert seed.truncated_at == seed.paragraphs[-1].id
    chapter = next(n for n in seed.nodes if n.kind == "chapter" and not n.inferred)
    assert seed.node(chapter.id) == chapter
    assert all(child.parent == chapter.id for child in seed.children(chapter.id))


def test_placeholder_labels() -> None:
    placeholder = Node(id="c2", kind="chapter", number="二", title="", label="二、", parent=None, inferred=True)
    assert placeholder.shown_label == "二、" + INFERRED_NOTE
    real = Node(id="c3", kind="chapter", number="三", title="章", label="三、章", parent=None)
    assert real.shown_label == "三、章"


def test_figure_json(seed: Document) -> None:
    data = seed.figures[0].to_dict()
    assert data["text"] == "10.8万所" and data["value"] == 108000 and data["approximate"] is False
    assert isinstance(data["path"], list)


def test_stored_rows_read_rows_apart_alone_and_a_walk_by_chunks() -> None:
    """The tree asks for chapters spread over a document: each is read
    alone (a chunk each cost the window 30-50 ms a paint); a walk through
    rows one after another, or a slice, reads whole chunks; every answer is
    the row asked for."""
    from app.document.model import ROWS_CHUNK, WALK_ROWS, StoredRows

    reads: list[tuple[int, int]] = []

    def read(lo: int, hi: int) -> list[int]:
        reads.append((lo, hi))
        return list(range(lo, hi))

    rows = StoredRows(20 * ROWS_CHUNK, read)
    apart = [0, 204, 314, 526, 528, 2000, 5000, 9000]
    assert [rows[i] for i in apart] == apart
    assert all(hi - lo == 1 for lo, hi in reads)  # (alone)
    assert [rows[i] for i in apart] == apart and len(reads) == len(apart)  # (kept)
    reads.clear()
    walk = list(range(3000, 3000 + 3 * WALK_ROWS))
    assert [rows[i] for i in walk] == walk
    assert (3000 // ROWS_CHUNK * ROWS_CHUNK, (3000 // ROWS_CHUNK + 1) * ROWS_CHUNK) in reads
    assert len(reads) <= WALK_ROWS + 1
    reads.clear()
    assert rows[7000:7010] == list(range(7000, 7010)) and reads == [(13 * ROWS_CHUNK, 14 * ROWS_CHUNK)]
    assert rows[-1] == 20 * ROWS_CHUNK - 1
    reads.clear()
    assert rows[3050] == 3050 and reads == []  # (its chunk is kept: no read)
