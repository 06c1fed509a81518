"""Golden tests for what editors see, in English, German and French: each
tests/golden/*.yml is placed into a copy of the mini project (at the path its first line
names; a second line ``# args: …`` adds options to `check`) and `check`, run under the
locale of the language, must print exactly the lines of the matching ``.out`` file
(``.de.out``, ``.fr.out``). Refresh the expectations with `pytest --update-golden`."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))
#: The locale an editor's shell would have, per language of the messages.
LOCALES = {"en": "en_GB.UTF-8", "de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}
TODAY = "2026-12-01"  # dates in the golden files are compared with this day


def _expected(case: Path, lang: str) -> Path:
    return case.with_suffix(".out" if lang == "en" else f".{lang}.out")


@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_check_output(
    case: Path,
    lang: str,
    mini: Path,
    update_golden: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target_line, _, body = case.read_text(encoding="utf-8").partition("\n")
    target = target_line.removeprefix("# target: ").strip()
    args: list[str] = []
    if body.startswith("# args: "):
        args_line, _, body = body.partition("\n")
        args = args_line.removeprefix("# args: ").split()
    dest = mini / target
    if dest.name != Path(target).name or not dest.exists():
        # A new file name (bad-id case): the original of the same kind is replaced.
        for old in dest.parent.glob("*.yml"):
            if old.stem in body:
                old.unlink()
    dest.write_text(body, encoding="utf-8")
    monkeypatch.setenv("LANG", LOCALES[lang])
    code = main(["--root", str(mini), "check", "--today", TODAY, *args])
    err = capsys.readouterr().err
    expected_file = _expected(case, lang)
    if update_golden:
        expected_file.write_text(err, encoding="utf-8")
    assert code == 1, err
    assert "Traceback" not in err
    assert err == expected_file.read_text(encoding="utf-8")


def test_every_case_has_its_expectations_in_every_language() -> None:
    outs = {p.name for p in GOLDEN.glob("*.out")}
    wanted = {_expected(c, lang).name for c in CASES for lang in LOCALES}
    assert outs == wanted
