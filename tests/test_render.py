"""Rendering: records → Markdown per language, safe against markup and template code."""

from __future__ import annotations

import re
from pathlib import Path

from builder.catalog import load_catalog
from builder.collation import initial, sort_key
from builder.config import load_config
from builder.i18n import labels_for
from builder.markdown_safe import french_typography, to_html
from builder.render import render_html, render_page
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


# -- the case page's answers (issue 12) ----------------------------------------------------------
def _html(plan, lang: str, key: str) -> str:
    return render_html(plan, plan.pages[lang][key]).html


def _at(html: str, *needles: str) -> list[int]:
    positions = [html.find(n) for n in needles]
    assert -1 not in positions, [n for n, p in zip(needles, positions, strict=True) if p < 0]
    return positions


def test_at_a_glance_comes_before_lessons_transferability_story_and_timeline(mini: Path) -> None:
    plan = _plan(mini)
    de = _html(plan, "de", "case/alpha")
    order = _at(
        de,
        'id="auf-einen-blick"',
        "Was funktioniert hat",
        "Voraussetzungen",
        "Für wen es passt",
        "Kosten und Personal",
        "Workshop-Module und Kits",
        'id="erkenntnisse"',
        'id="ubertragbarkeit"',
        'id="die-herausforderung"',
        'id="ergebnisse"',
        'id="zeitleiste"',
        'id="quellen"',
    )
    assert order == sorted(order)
    # Who it fits: size and kind of territory from the record, then the editors' words.
    assert "Kleinstadt · 6.568 Einwohnerinnen und Einwohner (2017)" in de
    # No costs given: said so, not left out.
    assert "Nicht dokumentiert: Zu Personal und Budget nennt diese Fallstudie keine Zahlen." in de
    # The matching module and its kits, by the kits' file names (site/kits/<id>.<lang>.pdf).
    assert 'href="../../../kits/ws-one.de.pdf" download>Deutsch</a>' in de
    assert 'href="../../../kits/ws-one.fr-de.pdf" download>zweisprachig FR | DE</a>' in de
    fr = _html(plan, "fr", "case/alpha")
    assert '<h2 id="lessentiel">L’essentiel' in fr and "Ce qui a marché" in fr
    assert "Petite ville · 6\u202f568 habitants (2017)" in fr or "Petite ville · 6\u00a0568" in fr


def test_a_case_without_its_summary_still_answers_what_it_can(mini: Path) -> None:
    plan = _plan(mini)
    beta = _html(plan, "de", "case/beta")  # a stub: no at_a_glance, no story
    assert '<h2 id="auf-einen-blick">Auf einen Blick' in beta
    assert "Die Kurzfassung dieser Fallstudie ist noch nicht geschrieben." in beta
    assert "Kleinstadt · 1.200 Einwohnerinnen und Einwohner (2022)" in beta
    assert "Nicht dokumentiert" in beta
    assert "Was funktioniert hat" not in beta  # nothing invented


def test_transferability_lists_the_german_instruments_frame_and_resources(mini: Path) -> None:
    plan = _plan(mini)
    de = _html(plan, "de", "case/alpha")
    order = _at(de, "Für wen", "Rahmen", "Instrumente in Deutschland", "Personal und Kosten")
    assert order == sorted(order)
    assert (
        '<strong class="vp-instruments__name"><a href="https://example.org/stark">'
        "Bundesprogramm STARK</a></strong>: Fördert Projekte in den Kohleregionen."
    ) in de
    assert '<a class="vp-cite" href="#src-seed" aria-label="Quelle 1">[1]</a>' in de
    fr = _html(plan, "fr", "case/alpha")
    assert "Leviers en Allemagne" in fr and ">Cadre<" in fr and ">Moyens<" in fr


def test_key_figures_once_as_a_description_list(mini: Path) -> None:
    plan = _plan(mini)
    de = _html(plan, "de", "case/alpha")
    assert de.count('<dl class="vp-figures">') == 1
    assert "<table" not in de.split('id="kennzahlen"')[1].split("<h2")[0]  # no second copy
    assert '<dd class="vp-figures__value"><span class="vp-figures__number">1.234,5</span>' in de
    assert '<span class="vp-figures__number">ca.\u00a0130</span>' in de


def test_tables_in_texts_scroll_in_a_named_focusable_wrapper(mini: Path) -> None:
    case = mini / "case_studies" / "alpha.yml"
    text = case.read_text(encoding="utf-8").replace(
        "challenge:\n  fr: Reconstruire après la mine.",
        "challenge:\n  fr: |\n    | a | b |\n    |---|---|\n    | 1 | 2 |",
    )
    case.write_text(text, encoding="utf-8")
    fr = _html(_plan(mini), "fr", "case/alpha")
    assert (
        '<div class="vp-table-wrap" tabindex="0" role="region" '
        'aria-label="Tableau (défile horizontalement)"><table>'
    ) in fr
    assert "</table></div>" in fr


# -- comparison ------------------------------------------------------------------------------
def test_comparison_aligns_the_same_rows_for_every_case_and_cuts_nothing(mini: Path) -> None:
    case = mini / "case_studies" / "beta.yml"
    factors = "".join(f"    - {{fr: Facteur {i}., de: Faktor {i}.}}\n" for i in range(1, 8))
    case.write_text(
        case.read_text(encoding="utf-8")
        + "lessons:\n  success_factors:\n"
        + factors
        + "  obstacles:\n    - {fr: Aucun., de: Keine.}\n",
        encoding="utf-8",
    )
    de = _html(_plan(mini), "de", "compare")
    groups = re.findall(r'<tr data-row="([a-z_]+)">(.*?)</tr>', de, re.S)
    assert [g[0] for g in groups] == [
        "location",
        "population",
        "territory",
        "mining_area",
        "start",
        "costs",
        "themes",
        "status",
        "worked",
        "preconditions",
    ]
    for _, body in groups:
        assert re.findall(r'<td data-case="([a-z]+)"', body) == ["alpha", "beta"]
    assert all(f"Faktor {i}." in de for i in range(1, 8))  # seven of seven
    assert "Hauts-de-France, Frankreich" in de and ")" + " (" not in de
    assert "Sachsen, Deutschland" in de
    assert '<span class="vp-compare__none">nicht dokumentiert</span>' in de


# -- glossary and filters in dictionary order ---------------------------------------------------
def test_glossary_in_dictionary_order_with_an_a_to_z_index(mini: Path) -> None:
    plan = _plan(mini)
    de = _html(plan, "de", "glossary")
    terms = re.findall(r'<span class="vp-glossary__term">(.*?)</span>', de)
    assert terms == ["Amt", "Bergsenkung", "Halde", "Kohlerevier", "ökologisches Bauen"]
    assert re.findall(r'<a href="#az-([a-z]+)"', de) == ["a", "b", "h", "k", "o"]
    fr = _html(plan, "fr", "glossary")
    terms = re.findall(r'<span class="vp-glossary__term">(.*?)</span>', fr)
    assert terms == [
        "affaissement minier",
        "Amt (groupement de communes)",
        "bassin minier",
        "écoconstruction",  # with E, not after Z
        "terril",
    ]
    # One entry per term, with its name in the other language, marked as such.
    assert fr.count('id="ecoconstruction"') == 1
    assert '<span class="vp-glossary__other" lang="de">' in fr and "ökologisches Bauen</span>" in fr


def test_dictionary_order_and_index_letters() -> None:
    words = ["Zeche", "Ökologie", "Abraum", "Évaluation", "Energie", "Œuvre", "ouvrier", "Äpfel"]
    assert sorted(words, key=sort_key) == [  # Œ is O+E: "oe" before "ok"
        "Abraum",
        "Äpfel",
        "Energie",
        "Évaluation",
        "Œuvre",
        "Ökologie",
        "ouvrier",
        "Zeche",
    ]
    assert [initial(w) for w in ("Ökologie", "« Écart »", "Œuvre", "ßx", "1990")] == [
        "O",
        "E",
        "O",
        "S",
        "#",
    ]


def test_plural_forms_follow_each_language() -> None:
    fr, de = labels_for("fr"), labels_for("de")
    assert fr.plural("results_count", 0) == "{n} étude de cas affichée sur {total}"
    assert fr.plural("results_count", 2) == "{n} études de cas affichées sur {total}"
    assert de.plural("n_cases", 0) == "{count} Fallstudien"
    assert de.plural("n_cases", 1) == "eine Fallstudie"
