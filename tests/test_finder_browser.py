"""The case finder on the shipped content plus 50 generated cases, in headless Chromium:
filtering by theme and country works with and without JavaScript, and the URL reproduces
the filtered view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config

from .browser import browser, serve

REPO = Path(__file__).parent.parent
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _generated_case(i: int, themes: list[str]) -> dict:
    country = "DE" if i % 2 else "FR"
    return {
        "schema_version": 1,
        "id": f"gen-{i:02d}",
        "status": ["stub", "partial"][i % 2],
        "last_reviewed": "2026-11-01",
        "title": {"fr": f"Commune générée {i}", "de": f"Generierte Kommune {i}"},
        "teaser": {"fr": "Cas de test.", "de": "Testfall."},
        "municipality": {
            "name": f"Gen {i}",
            "country": country,
            "region": {"fr": "Saxe", "de": "Sachsen"}
            if country == "DE"
            else {"fr": "Hauts-de-France", "de": "Hauts-de-France"},
            "population": {"value": 1000 + 997 * i, "year": 2020, "source": "s"},
            "coordinates": {"lat": 50 + i / 100, "lon": 3 + i / 10},
        },
        "themes": [themes[i % len(themes)], themes[(i * 3 + 1) % len(themes)]],
        "period": {"start": 1990 + i % 30},
        "sources": [{"id": "s", "title": "Test", "publisher": "Test", "year": 2024}],
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("finder") / "project"
    shutil.copytree(
        REPO,
        root,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".cache", "tests", "bench", ".site-*"
        ),
    )
    themes = [t["id"] for t in yaml.safe_load((root / "themes.yml").read_text())["themes"]]
    for i in range(50):
        (root / "case_studies" / f"gen-{i:02d}.yml").write_text(
            yaml.safe_dump(_generated_case(i, themes), allow_unicode=True), encoding="utf-8"
        )
    catalog = load_catalog(load_config(root))
    assert not catalog.problems.errors
    built = build_site(load_config(root), kits=False, out=root / "site")
    return built, catalog.cases


def _expected(cases: dict, theme: str, country: str) -> int:
    return sum(1 for c in cases.values() if theme in c.themes and c.municipality.country == country)


def _visible(page) -> int:
    return page.eval_on_selector_all(
        ".vp-card", "cards => cards.filter(c => c.offsetParent !== null).length"
    )


def test_filter_with_javascript_and_url(site) -> None:
    built, cases = site
    expected = _expected(cases, "citizen-involvement", "DE")
    assert 0 < expected < len(cases)
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "de/fallstudien/")
        assert _visible(page) == len(cases)
        page.click("label[for=f-theme-citizen-involvement]")
        page.keyboard.press("Tab")  # keyboard reaches the next group
        page.click("label[for=f-country-DE]")
        assert _visible(page) == expected
        assert "theme=citizen-involvement" in page.url and "country=DE" in page.url
        count = page.text_content(".vp-finder__count")
        assert count == f"{expected} von {len(cases)} Fallstudien angezeigt"
        # The URL alone reproduces the view.
        shared = chromium.new_page()
        shared.goto(page.url)
        assert _visible(shared) == expected
        assert shared.is_checked("#f-country-DE")


def test_filter_without_javascript(site) -> None:
    built, cases = site
    expected = _expected(cases, "energy-transition", "FR")
    with serve(built) as base, browser() as chromium:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "fr/etudes-de-cas/")
        assert _visible(page) == len(cases)  # the full list without JavaScript
        page.click("label[for=f-theme-energy-transition]")
        page.click("label[for=f-country-FR]")
        assert _visible(page) == expected


def test_filter_by_keyboard(site) -> None:
    built, cases = site
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "de/fallstudien/")
        page.focus("#f-country-all")
        page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
        checked = page.eval_on_selector("input[name=country]:checked", "i => i.value")
        assert checked in {"DE", "FR"}
        expected = sum(1 for c in cases.values() if c.municipality.country == checked)
        assert _visible(page) == expected
