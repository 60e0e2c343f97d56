"""A second launch hands its link to the running window (no sockets)."""

from pathlib import Path

from app.ui import single_instance


def test_second_instance_hands_over_its_link(qtbot, tmp_path: Path) -> None:
    first = single_instance.claim(tmp_path)
    assert first is not None
    assert single_instance.claim(tmp_path) is None  # another instance runs
    with qtbot.waitSignal(first.link_received, timeout=5000) as blocker:
        single_instance.hand_over("baipishu://renlei-jianpin-2021/p2d14939758", tmp_path)
    assert blocker.args == ["baipishu://renlei-jianpin-2021/p2d14939758"]
    assert list((tmp_path / single_instance.INBOX).iterdir()) == []
    first.release()
    second = single_instance.claim(tmp_path)  # the lock is free again
    assert second is not None
    second.release()


def test_links_waiting_before_the_instance_listened_are_delivered(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "runtime"
    folder.mkdir()
    # A second launch wrote its link while this one was still starting.
    single_instance.hand_over("baipishu://renlei-jianpin-2021/p2d14939758", folder)
    instance = single_instance.claim(folder)
    assert instance is not None
    received: list[str] = []
    instance.link_received.connect(received.append)
    instance.deliver_waiting()
    assert received == ["baipishu://renlei-jianpin-2021/p2d14939758"]
    assert list((folder / single_instance.INBOX).glob("*.link")) == []
    instance.release()
