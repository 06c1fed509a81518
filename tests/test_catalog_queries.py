"""Catalogue queries used on every page (similar cases, modules of a case, cases of a
module) against the plain definitions, on a generated catalogue."""

from __future__ import annotations

from pathlib import Path

from builder.catalog import Catalog, load_catalog
from builder.config import load_config


def _catalog(tmp_path: Path) -> Catalog:
    from bench.generate import generate_project

    generate_project(tmp_path / "p", 80)
    catalog = load_catalog(load_config(tmp_path / "p"))
    assert not catalog.problems.errors
    return catalog


def _similar(catalog: Catalog, case_id: str, limit: int) -> list[str]:
    """Related cases first (named by the case, then those naming it, by id), then the most
    themes in common, ties by id."""
    case = catalog.cases[case_id]
    named = [i for i in case.related_cases if i in catalog.cases]
    named += sorted(
        c.id
        for c in catalog.cases.values()
        if case_id in c.related_cases and c.id not in named and c.id != case_id
    )
    want = max(limit, len(named)) - len(named)
    others = [
        (-len(set(case.themes) & set(c.themes)), c.id)
        for c in catalog.cases.values()
        if c.id != case_id and c.id not in named
    ]
    return named + [i for score, i in sorted(others) if score < 0][:want]


def test_similar_cases(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    some_named = sum(bool(c.related_cases) for c in catalog.cases.values())
    for case_id in catalog.cases:
        for limit in (0, 1, 4, 10):
            got = [c.id for c in catalog.similar_cases(case_id, limit)]
            assert got == _similar(catalog, case_id, limit), (case_id, limit)
    assert some_named  # the generated catalogue exercises named related cases too


def test_a_link_between_two_cases_shows_on_both_pages(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    pairs = [(c.id, other) for c in catalog.cases.values() for other in c.related_cases]
    assert pairs
    for one, other in pairs:
        assert other in [c.id for c in catalog.related_cases(one)]
        assert one in [c.id for c in catalog.related_cases(other)]
        assert one in [c.id for c in catalog.similar_cases(other)]


def test_modules_of_a_case_and_cases_of_a_module(tmp_path: Path) -> None:
    """A case page lists the modules it names and those naming it; a module lists under
    "cases used" only the cases it names itself."""
    catalog = _catalog(tmp_path)
    for case in catalog.cases.values():
        expected = [
            m.id
            for m in catalog.modules.values()
            if case.id in m.related_cases or m.id in case.related_modules
        ]
        assert [m.id for m in catalog.modules_for_case(case.id)] == expected
    naming_only = 0
    for module in catalog.modules.values():
        expected = [i for i in module.related_cases if i in catalog.cases]
        assert [c.id for c in catalog.cases_for_module(module.id)] == expected
        naming_only += sum(
            module.id in c.related_modules and c.id not in expected for c in catalog.cases.values()
        )
    assert naming_only  # cases naming a module that does not name them: not listed there
