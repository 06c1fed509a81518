"""A valid case of any kind passes `check` and leaves every other file's messages as they
were: generated cases of every kind (German and French, small and large, stub, partial and
complete, old and recent, counties, approximate numbers, linked to shipped records) added to
a copy of the shipped content. The content-dependent tests (test_real_site.py,
test_finder_browser.py) run on such a copy too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.catalog import load_catalog
from builder.cli import main
from builder.config import load_config
from builder.facets import case_values

from .generated import REPO, project_with_generated_cases

TODAY = dt.date(2026, 12, 1)


def _messages(root: Path) -> set[tuple[str, int, str, str]]:
    problems = load_catalog(load_config(root), today=TODAY, style=True).problems
    return {(p.path, p.line, p.severity, p.message) for p in problems}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_with_generated_cases(tmp_path_factory.mktemp("any") / "project", 30)


def test_generated_cases_cover_every_kind(project: Path) -> None:
    catalog = load_catalog(load_config(project))
    generated = [c for c in catalog.cases.values() if c.id.startswith("gen-")]
    assert len(generated) == 30
    texts = catalog.config.texts
    kinds = [case_values(c, texts) for c in generated]
    for facet in ("country", "population", "status", "period"):
        assert len({v for k in kinds for v in k[facet]}) >= 3, facet
    assert any(  # the case that once turned the suite red
        k["country"] == ["DE"]
        and k["status"] == ["complete"]
        and k["period"] == ["since-2010"]
        and k["population"] == ["gt100k"]
        for k in kinds
    )
    assert {c.municipality.territory.value for c in generated} == {
        "rural",
        "small-town",
        "town",
        "city",
        "county",
    }
    assert any(c.period.end for c in generated) and any(c.related_cases for c in generated)


def test_a_valid_case_of_any_kind_adds_no_message(project: Path) -> None:
    before = _messages(REPO)
    after = _messages(project)
    added = sorted(after - before)
    assert not added, "\n".join(f"{p}:{line}: {sev}: {msg}" for p, line, sev, msg in added)
    assert before <= after  # and the shipped files say what they said before


def test_check_exit_code_is_unchanged(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = main(["--root", str(REPO), "check", "--today", TODAY.isoformat()])
    capsys.readouterr()
    assert main(["--root", str(project), "check", "--today", TODAY.isoformat()]) == shipped
    assert "gen-" not in capsys.readouterr().err
