"""The case finder on the shipped content plus 50 generated cases of every kind
(tests/generated.py), in headless Chromium: filtering by theme and country works with and
without JavaScript, and the URL reproduces the filtered view. Twice: with every case on one
page (CSS filters), and split into pages of 10 (``page_size: 10``), where filters search
the whole catalogue through the JSON index with JavaScript and the pager is the way through
without it. What is expected is worked out from the catalogue, never from today's content:
an editor adding a valid case keeps these tests green."""

from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config
from builder.facets import case_values
from builder.i18n import LanguageService

from .browser import browser, serve
from .generated import project_with_generated_cases
from .paged import set_page_size

pytestmark = [pytest.mark.browser, pytest.mark.slow]


PAGE = 10


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """Every case on one page (a page size above the 56 cases)."""
    return _build(tmp_path_factory, 100)


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The same cases in pages of 10."""
    return _build(tmp_path_factory, PAGE)


def _build(tmp_path_factory: pytest.TempPathFactory, page_size: int) -> tuple[Path, dict]:
    root = project_with_generated_cases(tmp_path_factory.mktemp("finder") / "project", 50)
    set_page_size(root, page_size)
    catalog = load_catalog(load_config(root))
    assert not catalog.problems.errors
    built = build_site(load_config(root), kits=False, out=root / "site")
    return built, catalog.cases


def _expected(cases: dict, theme: str, country: str) -> int:
    return sum(1 for c in cases.values() if theme in c.themes and c.municipality.country == country)


def _busiest_theme(cases: dict, country: str) -> str:
    """The theme with the most cases in ``country`` (ties: by id)."""
    themes = sorted({t for c in cases.values() for t in c.themes})
    return max(themes, key=lambda t: (_expected(cases, t, country), [-ord(ch) for ch in t]))


def _empty_filter(cases: dict) -> dict[str, str]:
    """Filter values, each offered by the finder (some case has it), that no case has all
    together; there are many more such combinations than cases."""
    texts = LanguageService(("fr", "de"))
    values = [case_values(c, texts) for c in cases.values()]
    facets = ("country", "status", "period", "population", "theme")
    offered = {f: sorted({v for vals in values for v in vals[f]}) for f in facets}
    for combo in itertools.product(*(offered[f] for f in facets)):
        wanted = dict(zip(facets, combo, strict=True))
        if not any(all(w in vals[f] for f, w in wanted.items()) for vals in values):
            return wanted
    raise AssertionError("every combination of filters matches a case")


def _visible(page) -> int:
    return page.eval_on_selector_all(
        ".vp-card", "cards => cards.filter(c => c.offsetParent !== null).length"
    )


def test_filter_with_javascript_and_url(site) -> None:
    built, cases = site
    theme = _busiest_theme(cases, "DE")
    expected = _expected(cases, theme, "DE")
    assert 0 < expected < len(cases)
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "de/fallstudien/")
        assert _visible(page) == len(cases)
        page.click(f"label[for=f-theme-{theme}]")
        page.keyboard.press("Tab")  # keyboard reaches the next group
        page.click("label[for=f-country-DE]")
        assert _visible(page) == expected
        assert f"theme={theme}" in page.url and "country=DE" in page.url
        count = page.text_content(".vp-finder__count")
        assert count == f"{expected} von {len(cases)} Fallstudien angezeigt"
        # The URL alone reproduces the view.
        shared = chromium.new_page()
        shared.goto(page.url)
        assert _visible(shared) == expected
        assert shared.is_checked("#f-country-DE")


def test_filter_without_javascript(site) -> None:
    built, cases = site
    theme = _busiest_theme(cases, "FR")
    expected = _expected(cases, theme, "FR")
    assert 0 < expected < len(cases)
    with serve(built) as base, browser() as chromium:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "fr/etudes-de-cas/")
        assert _visible(page) == len(cases)  # the full list without JavaScript
        page.click(f"label[for=f-theme-{theme}]")
        page.click("label[for=f-country-FR]")
        assert _visible(page) == expected


def test_filter_by_keyboard(site) -> None:
    built, cases = site
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "de/fallstudien/")
        page.focus("#f-country-DE")
        page.keyboard.press("Space")  # a checkbox: Space ticks it
        assert page.is_checked("#f-country-DE")
        german = sum(1 for c in cases.values() if c.municipality.country == "DE")
        assert _visible(page) == german
        page.keyboard.press("Tab")  # the next option of the group
        page.keyboard.press("Space")
        assert page.is_checked("#f-country-FR")  # either country
        assert _visible(page) == sum(
            1 for c in cases.values() if c.municipality.country in {"DE", "FR"}
        )


def _count(page, option: str) -> int:
    text = page.text_content(f"label[for=f-{option}] .vp-filter__count") or ""
    return int(text.strip("()").replace(".", ""))


def test_several_values_and_counts_that_follow_the_other_filters(site) -> None:
    """Two themes widen the choice (or), a country narrows it (and); each option's count is
    what ticking it would give with the others, and an option that would give none says so
    and cannot be ticked: no dead end."""
    built, cases = site
    a, b = "energy-transition", "citizen-involvement"
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "fr/etudes-de-cas/")
        page.click(f"label[for=f-theme-{a}]")
        page.click(f"label[for=f-theme-{b}]")
        either = [c for c in cases.values() if a in c.themes or b in c.themes]
        assert _visible(page) == len(either)
        assert sorted(parse_qs(urlsplit(page.url).query)["theme"]) == sorted([a, b])
        page.click("label[for=f-country-DE]")
        both = [c for c in either if c.municipality.country == "DE"]
        assert _visible(page) == len(both)
        for country in ("DE", "FR"):  # the other facets' choices, not its own
            assert _count(page, f"country-{country}") == sum(
                1 for c in either if c.municipality.country == country
            )
        for theme in (a, b, "heritage-culture"):
            assert _count(page, f"theme-{theme}") == sum(
                1 for c in cases.values() if theme in c.themes and c.municipality.country == "DE"
            )
        stati = {c.status.value for c in both}
        for status in {"complete", "partial", "stub"} - stati:  # would give nothing
            if page.locator(f"#f-status-{status}").count():
                assert _count(page, f"status-{status}") == 0
                assert page.is_disabled(f"#f-status-{status}")
        summary = page.text_content(".vp-filters-box__active")
        assert summary == "3 filtres actifs"
        # French counts 0 and 1 in the singular, German does not (CLDR plural rules).
        query = "&".join(f"{k}={v}" for k, v in _empty_filter(cases).items())
        page.goto(base + "fr/etudes-de-cas/?" + query)
        assert page.text_content(".vp-finder__count") == f"0 étude de cas affichée sur {len(cases)}"
        page.goto(base + "de/fallstudien/?" + query)
        assert page.text_content(".vp-finder__count") == f"0 von {len(cases)} Fallstudien angezeigt"
        assert page.is_visible(".vp-finder__empty")


def test_options_sort_like_the_browser(site) -> None:
    """Theme options in dictionary order (Ökologisches Bauen with O), the order the
    browser's Intl.Collator gives for the page's language."""
    built, _ = site
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        for path in ("de/fallstudien/", "fr/etudes-de-cas/"):
            page.goto(base + path)
            labels = page.eval_on_selector_all(
                "fieldset.vp-filter:first-of-type label",
                "ls => ls.map(l => l.firstChild.textContent.trim())",
            )
            ordered = page.evaluate(
                "ls => ls.slice().sort(new Intl.Collator(document.documentElement.lang).compare)",
                labels,
            )
            assert len(labels) > 5 and labels == ordered, labels


# -- split into pages ------------------------------------------------------------------------
def _ids(page) -> list[str]:
    """Cases of the visible cards, by the last part of their links."""
    return page.eval_on_selector_all(
        ".vp-card",
        "cards => cards.filter(c => c.offsetParent !== null)"
        ".map(c => c.querySelector('.vp-card__title a').href.replace(/\\/$/, '').split('/').pop())",
    )


def _matching(cases: dict, theme: str, country: str) -> list[str]:
    return sorted(
        c.id for c in cases.values() if theme in c.themes and c.municipality.country == country
    )


def test_paged_filters_search_the_whole_catalogue(paged) -> None:
    built, cases = paged
    theme = _busiest_theme(cases, "DE")  # every generated German case has it: several pages
    expected = _matching(cases, theme, "DE")
    assert PAGE < len(expected) < len(cases)  # results on more than one page
    pages = -(-len(expected) // PAGE)
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "de/fallstudien/page/3/")
        assert _ids(page) == sorted(cases)[2 * PAGE : 3 * PAGE]  # this page's slice
        assert not page.is_visible(".vp-finder__nojs") and page.is_visible(".vp-filters")
        page.click(f"label[for=f-theme-{theme}]")
        page.click("label[for=f-country-DE]")
        page.wait_for_function(
            "() => document.querySelector('.vp-finder__count').textContent.includes('gefunden')"
        )
        count = page.text_content(".vp-finder__count")
        assert (
            count == f"{len(expected)} von {len(cases)} Fallstudien gefunden · Seite 1 von {pages}"
        )
        assert page.text_content(".md-content h1").startswith("Fallstudien")
        assert "Seite 3" not in page.text_content(".md-content h1")  # results of all pages
        assert f"theme={theme}" in page.url and "country=DE" in page.url
        seen = _ids(page)
        assert seen == expected[:PAGE]
        # The results' own pager: the same markup as the server's, "next" to page 2 …
        nav = page.locator("nav.vp-finder__pager")
        assert nav.get_attribute("aria-label") == "Seiten der Ergebnisse"
        assert nav.locator("a[aria-current=page]").text_content() == "Seite 1"
        while len(seen) < len(expected):
            nav.locator("a[rel=next]").click()
            seen += _ids(page)
        assert seen == expected  # every match once, across the result pages
        assert f"page={pages}" in page.url
        assert page.evaluate("() => document.activeElement.className") == "vp-finder__count"
        # The URL alone reproduces the view, from any page of the finder.
        shared = chromium.new_page()
        shared.goto(page.url)
        shared.wait_for_function("() => document.querySelector('.vp-finder__results .vp-card')")
        assert _ids(shared) == expected[(pages - 1) * PAGE :]
        assert shared.is_checked("#f-country-DE")
        # Reset: this page's cards and pager again.
        shared.click(".vp-filters__reset")
        shared.wait_for_function("() => !location.search")
        assert _ids(shared) == sorted(cases)[2 * PAGE : 3 * PAGE]
        assert shared.is_visible("nav.vp-pager:not(.vp-finder__pager)")
        # A filter that matches nothing says so.
        empty = chromium.new_page()
        query = "&".join(f"{k}={v}" for k, v in _empty_filter(cases).items())
        empty.goto(base + "fr/etudes-de-cas/?" + query)
        empty.wait_for_selector(".vp-finder__empty", state="visible")
        assert _ids(empty) == []


def test_paged_finder_without_javascript(paged) -> None:
    built, cases = paged
    with serve(built) as base, browser() as chromium:
        page = chromium.new_context(java_script_enabled=False).new_page()
        page.goto(base + "fr/etudes-de-cas/")
        assert page.is_visible(".vp-finder__nojs") and not page.is_visible(".vp-filters")
        seen = _ids(page)
        assert seen == sorted(cases)[:PAGE]
        page.click("nav.vp-pager a:has-text('2')")
        assert page.url.endswith("/fr/etudes-de-cas/page/2/")
        seen += _ids(page)
        while page.locator("nav.vp-pager a[rel=next]").count():
            page.click("nav.vp-pager a[rel=next]")
            seen += _ids(page)
        assert seen == sorted(cases)  # the pager leads through every case once
        assert page.get_attribute("a[aria-current=page]", "href") == "./"
        page.click("nav.vp-pager a:has-text('1')")
        assert page.url.endswith("/fr/etudes-de-cas/")


def test_compare_across_pages(paged) -> None:
    built, cases = paged
    ids = sorted(cases)
    first, far = ids[0], ids[-1]  # on the first and the last page of the table
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + f"de/vergleich/?cases={first},{far},no-such-case")
        page.wait_for_selector(f'th.vp-compare__away[data-case="{far}"]')
        shown = page.eval_on_selector_all(
            "thead th.vp-compare__case",
            "ths => ths.filter(c => !c.hidden).map(c => c.dataset.case)",
        )
        assert shown == [first, far]
        head = f'th.vp-compare__case[data-case="{far}"]'
        assert "Von Seite" in page.text_content(head)
        link = page.get_attribute(f"{head} a", "href")
        assert link and link.endswith(f"/de/fallstudien/{far}/")
        # The fetched case has a cell in every row, under its own column.
        groups = page.eval_on_selector_all(
            ".vp-compare__grid tbody tr",
            "rs => rs.map(r => [...r.querySelectorAll('td')].filter(c => !c.hidden)"
            ".map(c => c.dataset.case))",
        )
        assert groups and all(cells == [first, far] for cells in groups)
        status = page.text_content(".vp-compare__status")
        assert "Nicht verfügbar: „no-such-case“" in status
        assert f"cases={first}%2C{far}" in page.url or f"cases={first},{far}" in page.url
        # The picks follow the pager; a fetched column can be removed.
        nxt = page.get_attribute("nav.vp-pager a[rel=next]", "href")
        assert nxt and "cases=" in nxt
        page.click(f"{head} .vp-compare__remove")
        assert page.locator(f'.vp-compare__grid [data-case="{far}"]').count() == 0
        assert far not in page.url


def test_compare_link_to_a_case_that_is_gone_says_so(site) -> None:
    """An old link naming a case that no longer exists says which one, on a comparison
    that fits on one page as on a paged one, instead of showing a bare id."""
    built, cases = site
    first = sorted(cases)[0]
    with serve(built) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + f"de/vergleich/?cases={first},no-such-case")
        page.wait_for_function("() => document.querySelector('.vp-compare__status').textContent")
        status = page.text_content(".vp-compare__status") or ""
        assert (
            "Nicht verfügbar: „no-such-case“ – keine Fallstudie hat (mehr) diese Kennung." in status
        )
