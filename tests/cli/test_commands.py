"""The command line contract: names, fields, exit codes, messages."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.document.model import Document
from app.main import main
from tests.conftest import ROOT, SEED_ID, run_app


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(args), out=out)
    return status, out.getvalue()


def run_json(*args: str) -> Any:
    status, text = run(*args, "--json")
    assert status == 0
    return json.loads(text)


@pytest.fixture()
def lib(tmp_path: Path) -> str:
    return str(tmp_path / "lib")


def test_toc_json(lib: str, seed: Document) -> None:
    data = run_json("toc", "--library", lib)
    (doc,) = data["documents"]
    assert (doc["id"], doc["title"]) == (SEED_ID, "人类减贫的中国实践")
    chapter2, chapter3 = doc["nodes"]
    assert chapter2 | {"children": None} == {
        "id": "c2",
        "kind": "chapter",
        "number": "二",
        "title": "",
        "label": "二、",
        "inferred": True,
        "repeated": False,
        "paragraphs": [],
        "children": None,
    }
    assert chapter3["title"] == "实施精准扶贫方略" and not chapter3["inferred"]
    section = chapter3["children"][2]
    assert [(c["kind"], c["title"]) for c in section["children"]] == [
        ("topic", "发展生产脱贫一批"),
        ("box", "光伏扶贫和电商扶贫"),
        ("box", "扶贫小额信贷"),
        ("topic", "易地搬迁脱贫一批"),
        ("box", "易地扶贫搬迁"),
    ]
    box7 = section["children"][1]
    assert box7["number"] == "7" and len(box7["paragraphs"]) == 2

    def all_paragraphs(nodes: list[dict[str, Any]]) -> list[str]:
        return [p for n in nodes for p in n["paragraphs"] + all_paragraphs(n["children"])]

    assert sorted(all_paragraphs(doc["nodes"])) == sorted(p.id for p in seed.paragraphs)


def test_export_json(lib: str, seed: Document) -> None:
    (doc,) = run_json("export", "--library", lib)["documents"]
    assert doc["truncated"] is True
    assert doc["metadata"]["kind"] == "白皮书"
    assert [p["id"] for p in doc["paragraphs"]] == [p.id for p in seed.paragraphs]
    box = next(p for p in doc["paragraphs"] if p["box"] == "专栏7")
    assert set(box) >= {"id", "text", "kind", "box", "path", "lead", "refs"}
    assert box["kind"] == "box" and box["path"][-1] == "专栏7 光伏扶贫和电商扶贫"
    mention = next(p for p in doc["paragraphs"] if "专栏7" in p["refs"])
    assert mention["lead"] == "发展生产脱贫一批。"


def test_figures_json_and_csv(lib: str) -> None:
    figures = run_json("figures", "--library", lib)["figures"]
    assert len(figures) == 101
    first = figures[0]
    assert {k: first[k] for k in ("text", "value", "unit", "qualifier", "as_of", "box")} == {
        "text": "10.8万所",
        "value": 108000,
        "unit": "所",
        "qualifier": None,
        "as_of": "2013年以来",
        "box": None,
    }
    assert set(first) >= {"id", "paragraph", "sentence", "path"}
    status, text = run("figures", "--csv", "--library", lib)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert status == 0 and len(rows) == 101
    assert rows[0]["text"] == "10.8万所" and rows[0]["path"] == "二、 / (二)"


def test_show_and_cite(lib: str, seed: Document) -> None:
    paragraph = seed.paragraphs[5]
    shown = run_json("show", paragraph.id, "--library", lib)
    assert shown["text"] == paragraph.text and shown["box"] == "专栏4"
    # ¶6 of the fragment, the 1st of its box (whose chapter's headings are not in the text).
    assert (shown["index"], shown["ordinal"], shown["unplaced"]) == (6, 1, 2)
    assert shown["locator"] == "专栏4 深度贫困地区脱贫攻坚，第1段"
    status, text = run("show", paragraph.id, "--library", lib)
    assert text.startswith("《人类减贫的中国实践》 专栏4 深度贫困地区脱贫攻坚，第1段 [")
    status, text = run("cite", paragraph.id, "--style", "markdown", "--library", lib)
    assert status == 0 and f"baipishu://{SEED_ID}/{paragraph.id}" in text
    figure = seed.figures[0]
    status, text = run("cite", figure.id, "--library", lib)
    assert status == 0 and text.startswith(f"“{figure.sentence}”")


def test_docs_import_remove(lib: str, tmp_path: Path) -> None:
    source = tmp_path / "new.txt"
    source.write_text("一、总则\n共建成5所学校。\n", encoding="utf-8")
    status, out = run("import", str(source), "--title", "新文件", "--library", lib)
    doc_id = out.strip()
    assert status == 0 and doc_id.startswith("doc-")
    docs = run_json("docs", "--library", lib)["documents"]
    assert [(d["id"], d["paragraphs"], d["figures"]) for d in docs] == [(SEED_ID, 46, 101), (doc_id, 1, 1)]
    assert docs[1]["title"] == "新文件"
    assert run("remove", doc_id, "--library", lib)[0] == 0
    assert len(run_json("docs", "--library", lib)["documents"]) == 1
    assert run("rebuild", "--library", lib)[0] == 0


def test_library_env_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAIPISHU_HOME", str(tmp_path / "home"))
    assert run_json("docs")["documents"][0]["id"] == SEED_ID
    assert (tmp_path / "home" / "library.sqlite").exists()


def _subprocess(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_app(*args, env={**os.environ, **env})


def test_errors_are_one_sentence_on_stderr(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    result = _subprocess("show", "p0000000000", "--library", lib)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "文库中没有编号为 p0000000000 的段落或数据。"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _subprocess("import", str(empty), "--library", lib, LANGUAGE="en")
    assert result.returncode == 1
    assert result.stderr.strip() == f"File {empty} is empty: there is no text to import."
    assert "Traceback" not in result.stderr


def test_toc_prints_tree(tmp_path: Path) -> None:
    result = _subprocess("toc", "--library", str(tmp_path / "lib"))
    assert result.returncode == 0, result.stderr
    assert "二、（前文未收录）" in result.stdout
    assert "专栏7 光伏扶贫和电商扶贫" in result.stdout


def test_json_is_utf8_not_escaped(tmp_path: Path) -> None:
    result = _subprocess("docs", "--json", "--library", str(tmp_path / "lib"))
    assert "人类减贫的中国实践" in result.stdout and "\\u" not in result.stdout


def test_search_limit_matches_the_engine() -> None:
    from app.cli import SEARCH_LIMIT
    from app.search.searcher import DEFAULT_LIMIT

    assert SEARCH_LIMIT == DEFAULT_LIMIT


_CLI_WORDS = [
    "toc",
    "export",
    "figures",
    "show",
    "cite",
    "docs",
    "import",
    "remove",
    "rebuild",
    "search",
    "--json",
    "--csv",
    "--doc",
    "--limit",
    "--kind",
    "--style",
    "--title",
    SEED_ID,
    "-",
    "--",
    "0",
    "-1",
    "99999999999999999999",
    "../../etc/passwd",
    "/dev/null",
    "/",
    ".",
    "body",
    "box",
    "gbt7714",
    "markdown",
    f"{SEED_ID}/x",
    "光伏",
    '"',
    "NEAR(",
    "*",
]


@pytest.mark.parametrize(
    "examples", [pytest.param(120, id="make-test"), pytest.param(2000, id="make-stress", marks=pytest.mark.slow)]
)
def test_fuzzed_arguments_never_crash(
    tmp_path: Path, ledger: Any, monkeypatch: pytest.MonkeyPatch, examples: int
) -> None:
    """Any arguments after a command: exit 0, 1 (one clear sentence) or 2
    (usage), never a traceback, and the user's bookmarks are kept."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from app.library import Library

    folder = tmp_path / "lib"
    with Library(folder) as library:
        library.user.add_bookmark(SEED_ID, library.document(SEED_ID).paragraphs[0].id, "书签")
    text = st.text(max_size=30).filter(lambda s: "\x00" not in s and "baipishu:" not in s.lower())
    argument = st.sampled_from(_CLI_WORDS) | text

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(_CLI_WORDS[:10]), st.lists(argument, max_size=5), text)
    def check(command: str, arguments: list[str], stdin: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        errors = io.StringIO()
        monkeypatch.setattr(sys, "stderr", errors)
        with ledger.attempt("bad inputs", "fuzzed command-line arguments") as attempt:
            try:
                status = main([command, *arguments, "--library", str(folder)], out=io.StringIO())
            except SystemExit as exc:  # argparse: usage errors
                status = exc.code if isinstance(exc.code, int) else 2
            assert status in (0, 1, 2), (command, arguments)
            assert "Traceback" not in errors.getvalue()
            if status == 1:
                assert errors.getvalue().strip().count("\n") == 0, errors.getvalue()
            with Library(folder) as library:
                attempt.lose(1 - len(library.user.bookmarks()))
            assert attempt.lost == 0

    check()


def test_output_to_a_closed_pipe_stops_quietly(lib: str) -> None:
    """`baipishu figures | head -1`: no traceback when the reader goes away."""
    import fcntl

    assert run("--library", lib, "docs")[0] == 0
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # smaller than the output
    child = subprocess.Popen(
        [sys.executable, "-m", "app", "--library", lib, "figures"],
        cwd=ROOT,
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as reader:
        assert reader.readline()
    _, errors = child.communicate(timeout=60)
    assert (child.returncode, errors) == (0, "")


def test_ctrl_c_during_an_import_rolls_it_back(tmp_path: Path, lib: str, ledger: Any) -> None:
    import signal
    import time

    assert run("--library", lib, "docs")[0] == 0
    big = tmp_path / "big.txt"
    big.write_text("一、章\n\n" + "\n\n".join(f"第{i}段,共有{i}所学校。" for i in range(100_000)), encoding="utf-8")
    wal = Path(lib) / "library.sqlite-wal"
    with ledger.attempt("faults injected", "Ctrl-C (SIGINT) during an import") as attempt:
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "--library", lib, "import", str(big)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while not (wal.exists() and wal.stat().st_size > 1_000_000):  # batches are being written
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        _, errors = child.communicate(timeout=60)
        status, listing = run("--library", lib, "docs")
        attempt.lose(listing.count("\n") - 1)
        assert child.returncode == 130
        assert "已中断" in errors and "Traceback" not in errors
        assert status == 0 and listing.startswith(SEED_ID) and listing.count("\n") == 1


def test_import_reads_a_law_as_a_law_or_as_asked(lib: str, tmp_path: Path) -> None:
    law = tmp_path / "示例法.md"
    law.write_text(
        "# 示例法\n\n## 第一章 总则\n\n第一条 为了规范，制定本法。\n\n第二条 本法适用于全国。\n\n"
        "第三条 经济持续快速发展。本条另有规定。\n",
        encoding="utf-8",
    )
    status, out = run("import", str(law), "--library", lib)
    assert status == 0
    doc_id = out.strip()
    (toc,) = run_json("toc", "--library", lib, "--doc", doc_id)["documents"]
    chapter = toc["nodes"][0]
    assert (chapter["kind"], chapter["label"]) == ("chapter", "第一章 总则")
    assert [(n["kind"], n["label"]) for n in chapter["children"]] == [("article", f"第{n}条") for n in "一二三"]
    docs = {d["id"]: d for d in run_json("docs", "--library", lib)["documents"]}
    assert docs[doc_id]["metadata"]["genre"] == "law"
    cited = run("cite", f"{doc_id}/{chapter['children'][2]['paragraphs'][0]}", "--library", lib)[1]
    assert "第一章 总则 / 第三条" in cited and "段" not in cited.split("第三条")[-1]
    status, out = run("import", str(law), "--library", str(tmp_path / "other"), "--genre", "white_paper")
    assert status == 0
    (as_asked,) = [d for d in run_json("docs", "--library", str(tmp_path / "other"))["documents"] if d["id"] == doc_id]
    assert as_asked["metadata"]["genre"] == "white_paper"


def test_search_within_a_unit(lib: str) -> None:
    (toc,) = run_json("toc", "--library", lib)["documents"]
    chapter3 = toc["nodes"][1]  # 三、实施精准扶贫方略
    box7 = next(n for n in chapter3["children"][2]["children"] if n["id"] == "box7")
    everywhere = run_json("search", "光伏", "--library", lib, "--limit", "100")
    in_box = run_json("search", "光伏", "--library", lib, "--doc", SEED_ID, "--within", box7["id"], "--limit", "100")
    in_chapter = run_json("search", "光伏", "--library", lib, "--doc", SEED_ID, "--within", chapter3["id"])
    assert 0 < in_box["total"] < everywhere["total"]
    assert all(hit["box"] == "专栏7" for hit in in_box["hits"])
    assert all(hit["path"][0] == chapter3["label"] for hit in in_chapter["hits"])
    status, _ = run("search", "光伏", "--library", lib, "--within", "box7")
    assert status == 1  # needs --doc
    status, _ = run("search", "光伏", "--library", lib, "--doc", SEED_ID, "--within", "nope")
    assert status == 1


def test_an_id_two_documents_share_lists_the_choices(lib: str, tmp_path: Path) -> None:
    ids = []
    for n in (1, 2):
        path = tmp_path / f"copy{n}.txt"
        path.write_text(f"第{n}份\n\n一、总则\n\n两份文件里相同的一段话。\n", encoding="utf-8")
        ids.append(run("import", str(path), "--library", lib)[1].strip())
    (paragraph,) = run_json("export", "--library", lib, "--doc", ids[0])["documents"][0]["paragraphs"]
    for command in ("show", "cite"):
        result = _subprocess(command, paragraph["id"], "--library", lib)
        assert result.returncode == 1, command
        assert f"{ids[0]}/{paragraph['id']}" in result.stderr and f"{ids[1]}/{paragraph['id']}" in result.stderr
        assert "Traceback" not in result.stderr
    assert run("cite", f"{ids[1]}/{paragraph['id']}", "--library", lib)[0] == 0  # DOC/ID names one


@pytest.mark.parametrize("style", ["plain", "gbt7714", "markdown", "ris", "csl-json", "bibtex"])
def test_cite_in_every_style(lib: str, seed: Document, style: str) -> None:
    paragraph = seed.paragraphs[30]
    status, text = run("cite", paragraph.id, "--style", style, "--library", lib)
    assert status == 0 and "人类减贫的中国实践" in text
    cited = run_json("cite", paragraph.id, "--style", style, "--library", lib)
    assert cited["citation"].rstrip("\n") == text.rstrip("\n")
    assert cited["locator"] == "三、实施精准扶贫方略 / (二)加强领导、建强队伍,解决“谁来扶”的问题，第1段"
    assert cited["html"].startswith("<")


def test_meta_shows_edits_and_keeps_them_through_a_rebuild(lib: str, tmp_path: Path) -> None:
    source = tmp_path / "gzbg.txt"
    source.write_text(
        "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李强\n各位代表：\n"
        "一、2023年工作回顾\n过去一年，国内生产总值超过126万亿元。\n",
        encoding="utf-8",
    )
    doc = run("import", str(source), "--library", lib)[1].strip()
    shown = run_json("meta", doc, "--library", lib)
    assert shown["metadata"]["title"] == "政府工作报告" and shown["metadata"]["author"] == "李强"
    assert shown["metadata"]["release_date"] == "2024-03-05" and shown["edited"] == []
    status, text = run("meta", doc, "--issuer", "中华人民共和国国务院", "--number", "无", "--library", lib)
    assert status == 0 and "issuer\t中华人民共和国国务院  *" in text
    assert run("rebuild", "--library", lib)[0] == 0
    after = run_json("meta", doc, "--library", lib)
    assert after["metadata"]["issuer"] == "中华人民共和国国务院" and after["edited"] == ["issuer", "number"]
    assert after["inferred"]["issuer"] == "国务院"
    docs = {d["id"]: d for d in run_json("docs", "--library", lib)["documents"]}
    assert docs[doc]["metadata"]["issuer"] == "中华人民共和国国务院" and docs[doc]["metadata"]["number"] == "无"
    _, cited = run(
        "cite",
        run_json("export", "--doc", doc, "--library", lib)["documents"][0]["paragraphs"][-1]["id"],
        "--style",
        "gbt7714",
        "--library",
        lib,
    )
    assert (
        "[1] 李强. 政府工作报告: 2024年3月5日在第十四届全国人民代表大会第二次会议上[R]. "
        "北京: 中华人民共和国国务院, 2024" in cited
    )
    assert run_json("meta", doc, "--reset", "issuer", "--library", lib)["metadata"]["issuer"] == "国务院"


def test_meta_refuses_bad_values_and_changes_nothing(lib: str) -> None:
    before = run_json("meta", SEED_ID, "--library", lib)
    for args, words in (
        (["--date", "2021-02-30"], "YYYY-MM-DD"),
        (["--genre", "poem"], "poem"),
        (["--title", "  "], "标题"),
        (["--url", "ftp://x"], "https://"),
        (["--reset", "id"], "id"),
    ):
        result = _subprocess("meta", SEED_ID, *args, "--library", lib, LANG="C.UTF-8")
        assert result.returncode == 1 and words in result.stderr and result.stderr.count("\n") == 1, args
    assert run_json("meta", SEED_ID, "--library", lib) == before
    assert run("meta", "no-such-doc", "--library", lib)[0] == 1


def test_figures_by_unit_and_value_with_their_new_fields(lib: str, tmp_path: Path) -> None:
    law = tmp_path / "law.txt"
    law.write_text(
        "示例条例\n\n第一条　违反本条例的，处十万元以上一百万元以下罚款。\n\n"
        "第二条　情节严重的，处三年以下有期徒刑。\n\n第三条　本条例自公布之日起施行。\n",
        encoding="utf-8",
    )
    doc = run("import", str(law), "--library", lib)[1].strip()
    rows = run_json("figures", "--doc", doc, "--library", lib)["figures"]
    assert [(r["text"], r["value"], r["value_max"], r["unit"], r["kind"]) for r in rows] == [
        ("十万元以上一百万元以下", 100000, 1000000, "元", "threshold"),
        ("三年以下", 3, None, "年", "threshold"),
    ]
    assert all({"kind", "counts", "change", "value_max"} <= set(r) for r in rows)
    big = run_json("figures", "--unit", "亿元", "--min", "100", "--library", lib)["figures"]
    assert big and all(r["unit"] == "元" and (r["value_max"] or r["value"]) >= 10**10 for r in big)
    assert {r["text"] for r in big} >= {"722亿元", "约1900亿元"}
    fines = run_json("figures", "--unit", "万元", "--max", "20", "--kind", "threshold", "--library", lib)
    assert [r["text"] for r in fines["figures"]] == ["十万元以上一百万元以下"]
    money = run_json("figures", "--unit", "money", "--doc", doc, "--library", lib)["figures"]
    assert [r["text"] for r in money] == ["十万元以上一百万元以下"]
    change = next(r for r in run_json("figures", "--library", lib)["figures"] if r["text"] == "131.5万家")
    assert change["change"]["direction"] == "increase" and change["change"]["from"] == change["id"]
    result = _subprocess("figures", "--unit", "斤斤", "--library", lib, LANG="C.UTF-8")
    assert result.returncode == 1 and "斤斤" in result.stderr


def test_search_finds_headings_as_such(lib: str) -> None:
    result = run_json("search", "精神风貌", "--library", lib)
    assert result["total"] == 0 and result["heading_total"] == 1 and result["hits"] == []
    (heading,) = result["headings"]
    assert heading["snippet"] == "(三)脱贫群众精神风貌焕然一新" and heading["heading"]
    status, out = run("search", "精神风貌", "--library", lib)
    assert status == 0 and "共 0 段，标题 1 处" in out and "[标题]" in out and "【精神风貌】" in out


def test_highlight_and_notes_markdown(lib: str, seed: Document) -> None:
    paragraph = seed.paragraphs[1]
    code, out = run("--library", lib, "highlight", f"{SEED_ID}/{paragraph.id}", "--end", "8", "--note", "核对原文")
    assert code == 0 and out.strip().isdigit()
    listed = run_json("--library", lib, "notes", SEED_ID)["notes"]
    assert [(n["quote"], n["note"], n["index"], n["missing"]) for n in listed] == [
        (paragraph.text[:8], "核对原文", paragraph.index, False)
    ]
    code, text = run("--library", lib, "notes", SEED_ID, "--markdown")
    assert code == 0 and text.startswith("# 《人类减贫的中国实践》笔记")
    assert f"> {paragraph.text[:8]}" in text and "核对原文" in text and f"baipishu://{SEED_ID}/{paragraph.id}" in text
    code, out = run("--library", lib, "notes", SEED_ID)
    assert code == 0 and f"¶{paragraph.index}" in out and "核对原文" in out


def test_a_highlight_in_no_colour_or_outside_its_paragraph_is_one_sentence(lib: str, seed: Document) -> None:
    done = _subprocess("--library", lib, "highlight", seed.paragraphs[0].id, "--start", "5", "--end", "3")
    assert done.returncode != 0 and done.stderr.strip().endswith("。") and len(done.stderr.strip().splitlines()) == 1
    done = _subprocess("--library", lib, "notes", "no-such-doc")
    assert done.returncode != 0 and "no-such-doc" in done.stderr


def test_import_takes_several_files_and_folders(lib: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "文件夹"
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(f"第{number}号文件\n\n一、总则\n\n正文第{number}段。\n", encoding="utf-8")
    (folder / "sub").mkdir()  # (its files are not taken)
    (folder / "notes.log").write_text("not a document", encoding="utf-8")
    status, out = run("import", str(folder), str(folder / "1.txt"), "--library", lib)
    ids = out.split()
    assert status == 1 and len(ids) == 3  # the fourth, 1.txt again, refused
    err = capsys.readouterr().err
    assert err.startswith("4 个文件中有 1 个未导入：") and ids[1] in err and err.count("\n") == 1
    titles = {d["id"]: d["title"] for d in run_json("docs", "--library", lib)["documents"]}
    assert [titles[i] for i in ids] == ["0", "1", "2"]  # (named after their files, in order)
    assert run("import", str(folder), "--title", "X", "--library", lib)[0] == 1
    assert "--title" in capsys.readouterr().err
    empty = tmp_path / "空"
    empty.mkdir()
    assert run("import", str(empty), "--library", lib)[0] == 1
    assert "没有可导入的文件" in capsys.readouterr().err
