"""An import's stages share one bar."""

from app.progress import IMPORT_SCALE, IMPORT_STAGES, stage


def test_stages_fill_the_bar_in_order() -> None:
    bounds = list(IMPORT_STAGES.values())
    assert bounds[0][0] == 0 and bounds[-1][1] == IMPORT_SCALE
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))


def test_a_stage_reports_on_the_whole_bar() -> None:
    calls: list[tuple[int, int]] = []
    report = stage(lambda done, total: calls.append((done, total)), "parse")
    assert report is not None
    report(0, 10)
    report(5, 10)
    report(10, 10)
    report(3, 0)  # an empty stage: no division by zero
    start, end = IMPORT_STAGES["parse"]
    assert calls == [
        (start, IMPORT_SCALE),
        ((start + end) // 2, IMPORT_SCALE),
        (end, IMPORT_SCALE),
        (start + (end - start) * 3, IMPORT_SCALE),
    ]
    assert stage(None, "parse") is None
