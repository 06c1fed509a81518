"""Rendering: records → Markdown per language, safe against markup and template code."""

from __future__ import annotations

from pathlib import Path

from builder.catalog import load_catalog
from builder.config import load_config
from builder.markdown_safe import french_typography, to_html
from builder.render import render_page
from builder.site import build_plan, relative, url_of


def _plan(root: Path):
    catalog = load_catalog(load_config(root))
    assert not catalog.problems.errors, [str(e) for e in catalog.problems]
    return build_plan(catalog)


def test_template_code_in_content_stays_literal(mini: Path) -> None:
    plan = _plan(mini)
    md = render_page(plan, plan.pages["fr"]["case/alpha"])
    assert "{{ 7*7 }}" in md
    assert "49" not in md


def test_raw_html_and_javascript_links_are_neutralised(mini: Path) -> None:
    plan = _plan(mini)
    md = render_page(plan, plan.pages["fr"]["case/alpha"])
    assert "<script>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "javascript:" not in md
    assert "<a>lien</a>" in md  # no rel without href (invalid HTML)


def test_labels_and_slugs_follow_the_page_language(mini: Path) -> None:
    plan = _plan(mini)
    fr = render_page(plan, plan.pages["fr"]["case/alpha"])
    de = render_page(plan, plan.pages["de"]["case/alpha"])
    assert "## Chronologie" in fr and "## Zeitleiste" in de
    assert plan.pages["fr"]["case/alpha"].uri == "etudes-de-cas/alpha.md"
    assert plan.pages["de"]["case/alpha"].uri == "fallstudien/alpha.md"
    assert "6\u202f568" in fr or "6\u00a0568" in fr  # French thousands separator
    assert "6.568" in de


def test_draft_translation_shows_a_notice(mini: Path) -> None:
    plan = _plan(mini)
    de = render_page(plan, plan.pages["de"]["case/alpha"])
    fr = render_page(plan, plan.pages["fr"]["case/alpha"])
    assert "Diese Übersetzung ist noch nicht redaktionell geprüft." in de
    assert "vp-notice" not in fr


def test_programme_agenda_has_clock_times(mini: Path) -> None:
    plan = _plan(mini)
    md = render_page(plan, plan.pages["de"]["programme/day"])
    assert "09:00–09:45" in md and "09:45–10:00" in md and "10:00–10:45" in md
    assert "Kaffeepause" in md


def test_french_typography() -> None:
    assert french_typography("Attention : « oui » !") == "Attention\u00a0: «\u00a0oui\u00a0»\u202f!"
    assert french_typography("à 09:30, voir https://a.fr/b:c") == "à 09:30, voir https://a.fr/b:c"
    assert "\u00a0:" not in str(to_html("Zeit: 09:30", "de"))


def test_urls_and_relative_links() -> None:
    assert url_of("index.md") == ""
    assert url_of("fallstudien/index.md") == "fallstudien/"
    assert url_of("fallstudien/loos.md") == "fallstudien/loos/"
    assert relative("de/fallstudien/loos/", "fr/etudes-de-cas/loos/") == (
        "../../../fr/etudes-de-cas/loos/"
    )
    assert relative("de/", "kits/x.de.pdf") == "../kits/x.de.pdf"
