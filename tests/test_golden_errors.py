"""Golden tests for what editors see: each tests/golden/*.yml is placed into a copy of the
mini project (at the path its first line names) and `check` must print exactly the lines of
the matching .out file. Refresh the expectations with `pytest --update-golden`."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_check_output(
    case: Path, mini: Path, update_golden: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _, body = case.read_text(encoding="utf-8").partition("\n")
    target = first.removeprefix("# target: ").strip()
    dest = mini / target
    if dest.name != Path(target).name or not dest.exists():
        # A new file name (bad-id case): the original of the same kind is replaced.
        for old in dest.parent.glob("*.yml"):
            if old.stem in body:
                old.unlink()
    dest.write_text(body, encoding="utf-8")
    code = main(["--root", str(mini), "check"])
    err = capsys.readouterr().err
    expected_file = case.with_suffix(".out")
    if update_golden:
        expected_file.write_text(err, encoding="utf-8")
    assert code == 1, err
    assert "Traceback" not in err
    assert err == expected_file.read_text(encoding="utf-8")
