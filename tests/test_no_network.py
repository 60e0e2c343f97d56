"""Nothing ever touches the network: every CLI path runs with sockets forbidden."""

import io
import socket
from pathlib import Path

import pytest

from app.main import main
from tests.conftest import SEED_ID


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"a socket was opened: {args}")


@pytest.fixture()
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _NoSocket)
    monkeypatch.setattr(socket, "create_connection", _NoSocket)
    monkeypatch.setattr(socket, "getaddrinfo", _NoSocket)


def test_socket_guard_works(no_sockets: None) -> None:
    with pytest.raises(AssertionError, match="socket was opened"):
        socket.socket()


def test_cli_paths_open_no_socket(no_sockets: None, tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    source = tmp_path / "doc.txt"
    source.write_text("一、总则\n\n共建成5所学校。\n", encoding="utf-8")
    commands = [
        ["toc", "--json"],
        ["export", "--json"],
        ["figures", "--json"],
        ["figures", "--csv"],
        ["docs", "--json"],
        ["search", "光伏", "--json"],
        ["search", "guangfu", "--json"],
        ["import", str(source)],
        ["rebuild"],
        ["show", f"{SEED_ID}/p2d14939758"],
        ["cite", "p2d14939758", "--style", "markdown"],
    ]
    for command in commands:
        out = io.StringIO()
        assert main([*command, "--library", lib], out=out) == 0, command


def test_window_opens_no_socket(no_sockets: None, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QThreadPool

    from app.ui import create_main_window, settings
    from app.ui.main_window import MainWindow

    settings.use_file(str(tmp_path / "settings.ini"))
    window = create_main_window(tmp_path / "lib")
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    window.show()
    assert window.searcher_for_thread().search("光伏").total == 3
    window.close()
    QThreadPool.globalInstance().waitForDone(10_000)
