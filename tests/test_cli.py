"""The command line, in-process: check formats, new, status, schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.cli import main


def _break_beta(mini: Path) -> Path:
    path = mini / "case_studies" / "beta.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [heritage]", "themes: [heritag]"),
        encoding="utf-8",
    )
    return path


def test_check_passes_on_valid_content(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini), "check"]) == 0
    assert "OK (case studies: 2, workshop modules: 1, programmes: 1, themes: 2" in (
        capsys.readouterr().err
    )


def test_github_annotations(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_beta(mini)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(mini), "check"]) == 1
    out = capsys.readouterr()
    assert (
        "::error file=case_studies/beta.yml,line=15,col=10::themes[0]: unknown theme "
        "'heritag' — did you mean 'heritage'?"
    ) in out.out
    assert "case_studies/beta.yml:15:10: error: themes[0]" in out.err
    assert "1 error(s), 0 warning(s)" in out.err


def test_json_format(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_beta(mini)
    assert main(["--root", str(mini), "check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {
            "path": "case_studies/beta.yml",
            "line": 15,
            "column": 10,
            "field": "themes[0]",
            "message": "unknown theme 'heritag'",
            "hint": "did you mean 'heritage'?",
            "severity": "error",
            "code": "ref_unknown_theme",
        }
    ]


def test_check_paths_limits_the_report(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break_beta(mini)
    assert main(["--root", str(mini), "check", str(mini / "case_studies/alpha.yml")]) == 0
    assert main(["--root", str(mini), "check", str(mini / "case_studies")]) == 1
    assert "beta.yml:15:10" in capsys.readouterr().err


def test_warnings_fail_only_with_strict(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = mini / "case_studies" / "beta.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    year: 2023\n", ""), encoding="utf-8"
    )
    assert main(["--root", str(mini), "check"]) == 0
    assert main(["--root", str(mini), "check", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "warning: sources[0]: the source 's' has no year" in err


def test_new_case_study_then_fill_in(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(mini), "new", "case-study", "gamma"]) == 0
    hint = capsys.readouterr().err
    # The closing hint works without an activated environment.
    assert hint == (
        "wrote case_studies/gamma.yml: replace every TODO, then check it with "
        "`.venv/bin/python -m builder check case_studies/gamma.yml` (or `make check`)\n"
    )
    path = mini / "case_studies" / "gamma.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/case-study.schema.json")
    assert text.endswith("\n") and not text.endswith("\n\n")
    # Nothing an editor must decide is pre-filled: country and translation states are TODO.
    assert re.search(r"^  country: TODO ", text, re.M)
    assert re.search(r"^translation: .*\n  fr: TODO .*\n  de: TODO ", text, re.M)
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    lines = text.splitlines()

    def line_of(start: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if line.startswith(start))

    title = line_of("title:") + 1
    country = line_of("  country: TODO")
    translation = line_of("translation:") + 1
    assert f"case_studies/gamma.yml:{title}:7: error: title.fr: a placeholder (TODO) is" in err
    assert f"case_studies/gamma.yml:{country}:12: error: municipality.country: a placeholder" in err
    assert f"case_studies/gamma.yml:{translation}:7: error: translation.fr: a placeholder" in err
    assert "unknown theme" not in err  # one message per placeholder, nothing more
    # An editor fills every placeholder in (numbers where numbers are due) …
    numbers = {"value": "1200", "year": "2020", "lat": "50.4", "lon": "2.8", "start": "1990"}
    lines = []
    section = ""
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            section = line.split(":")[0]
        key = line.strip().lstrip("- ").split(":")[0]
        if "TODO" in line:
            if key in numbers:
                line = re.sub(r"TODO", numbers[key], line, count=1)
            elif section == "translation":
                line = line.replace("TODO", "original" if key == "fr" else "draft")
            elif key == "country":
                line = line.replace("TODO", "DE")
            elif key in ("source", "id"):
                line = line.replace("TODO", "src")
            elif line.strip().startswith("- TODO"):
                line = line.replace("TODO", "energy")
            elif key == "date":
                line = line.replace("TODO", "1990")
            elif key == "territory":
                line = line.replace("TODO", "small-town")
            elif "https://TODO" in line:
                line = line.replace("https://TODO", "https://example.org/")
            else:
                line = line.replace("TODO", "Texte")
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--root", str(mini), "check", str(path)]) == 0, capsys.readouterr().err


def test_new_workshop_prefills_no_translation_state(mini: Path) -> None:
    assert main(["--root", str(mini), "new", "workshop", "ws-two"]) == 0
    text = (mini / "workshops" / "ws-two.yml").read_text(encoding="utf-8")
    assert re.search(r"^translation: .*\n  fr: TODO .*\n  de: TODO ", text, re.M)
    assert "original" not in text.split("title:")[0].split("translation:")[1].splitlines()[1]


def test_new_never_overwrites(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (mini / "case_studies/alpha.yml").read_bytes()
    assert main(["--root", str(mini), "new", "case-study", "alpha"]) == 1
    assert "case_studies/alpha.yml: error: this file already exists and was left untouched" in (
        capsys.readouterr().err
    )
    assert (mini / "case_studies/alpha.yml").read_bytes() == before
    assert main(["--root", str(mini), "new", "workshop", "Bad Id"]) == 1
    assert "'Bad Id' is not a valid id" in capsys.readouterr().err


def test_status_reports_unreviewed_and_missing(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(mini), "status"]) == 0
    out = capsys.readouterr().out
    assert "case_studies/alpha.yml\n  de: draft — needs a human review" in out
    assert "4 records: 0 complete in every language" in out


def test_schema_command_writes_files(mini: Path, tmp_path: Path) -> None:
    assert main(["--root", str(mini), "schema", "--out", str(tmp_path / "s")]) == 0
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert names == [
        "case-study.schema.json",
        "glossary.schema.json",
        "programme.schema.json",
        "themes.schema.json",
        "workshop.schema.json",
    ]


def test_raw_html_in_hand_written_pages_is_refused(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = mini / "docs" / "de" / "about.md"
    page.write_text(
        "# Über uns\n\nText mit `<code>` ist erlaubt.\n\nHallo <script>alert(1)</script>\n",
        encoding="utf-8",
    )
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "docs/de/about.md:5:7: error: raw HTML is not allowed in pages: '<script>' — write "
        "it in Markdown (links: [text](address)); put code in `backticks`"
    ) in err
    assert err.count("raw HTML") == 1  # inline code is fine


def test_a_file_that_is_not_yaml_gives_one_error_not_one_per_reference(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other records naming it must not report it as unknown: it exists, it is broken."""
    module = mini / "workshops" / "ws-one.yml"
    text = module.read_text(encoding="utf-8") + "\nbroken: [unclosed\n"
    module.write_text(text, "utf-8")
    line = text.splitlines().index("broken: [unclosed") + 1
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert f"workshops/ws-one.yml:{line}:9: error: the `[` opened here is not closed" in err
    assert "unknown workshop module" not in err
    assert "1 error(s)" in err


def test_sources_list_is_written_and_checked(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = mini / "research" / "SOURCES.md"
    listing.parent.mkdir()
    listing.write_text("# Sources\n\n- an old list\n", encoding="utf-8")
    assert main(["--root", str(mini), "check", "--strict"]) == 1
    assert (
        "research/SOURCES.md: warning: the list of sources is not up to date with the case "
        "studies — run `.venv/bin/python -m builder sources`"
    ) in capsys.readouterr().err
    assert main(["--root", str(mini), "sources"]) == 0
    text = listing.read_text(encoding="utf-8")
    assert "## Alpha" in text and "(`beta`, stub)" in text
    assert main(["--root", str(mini), "check", "--strict"]) == 0
