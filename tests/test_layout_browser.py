"""Reading on a phone and on a desktop, in headless Chromium: no page wider than the screen
at 390 px (every page of the mini site and of the real site), the answers of a case page
before its story, the timeline as a vertical list on a phone, the filters folded behind a
button, glossary explanations shown in place on a tap, the comparison of two cases within
the screen, the glossary in the browser's dictionary order, and the site's own typeface
served by the site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .browser import browser, serve
from .built_sites import MINI, BuiltSite, build_into, mini_site, real_site

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as instance:
        yield instance


def _page(chromium: Any, base: str, viewport: dict[str, int], **options: Any) -> Any:
    """A page that reaches the local server only, without the search index."""
    page = chromium.new_page(viewport=viewport, **options)
    page.set_default_timeout(60_000)
    page.route(
        lambda url: not url.startswith(base) or url.endswith("/search_index.json"),
        lambda route: route.abort(),
    )
    return page


_TOO_WIDE = """(width) => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  if (r.right <= width + 1 || !r.width) return false;
  for (let p = e.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o !== 'visible' && p.getBoundingClientRect().right <= width + 1) return false;
  }
  return true;
}).slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className + ' → ' + Math.round(e.getBoundingClientRect().right))"""


def _wider_than_screen(chromium: Any, built: BuiltSite, viewport: dict[str, int]) -> list[str]:
    width = viewport["width"]
    wide = []
    with serve(built.serve_root) as base:
        page = _page(chromium, base, viewport)
        for path in built.pages():
            page.goto(base + built.prefix.lstrip("/") + path, wait_until="load")
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                wide.append(f"{path or '/'}: {scroll} px wide — {page.evaluate(_TOO_WIDE, width)}")
        page.close()
    return wide


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_no_page_of_the_mini_site_is_wider_than_the_screen(
    viewport: dict[str, int], chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    assert len(built.pages()) > 20
    wide = _wider_than_screen(chromium, built, viewport)
    assert not wide, "\n".join(wide)


@pytest.mark.slow
def test_no_page_of_the_real_site_is_wider_than_a_phone(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = real_site(tmp_path_factory)
    wide = _wider_than_screen(chromium, built, PHONE)
    assert not wide, "\n".join(wide)


# -- a case page: the answers before the story ------------------------------------------------
def _long_story(project: Path) -> None:
    """Alpha with a story as long as the longest shipped cases': many events, actions and
    sources (its answers stay as they are)."""
    path = project / "case_studies" / "alpha.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    words = " ".join(["Lorem ipsum dolor sit amet, consectetur adipiscing elit."] * 14)
    data["context"] = {
        "economic": {"fr": words, "de": words},
        "political": {"fr": words, "de": words},
    }
    data["approach"] = [
        {"title": {"fr": f"Action {i}", "de": f"Maßnahme {i}"}, "text": {"fr": words, "de": words}}
        for i in range(7)
    ]
    data["timeline"] = [
        {"date": 1980 + i, "text": {"fr": words[:160], "de": words[:160]}, "source": "seed"}
        for i in range(24)
    ]
    data["sources"] += [
        {
            "id": f"s{i}",
            "title": words[:90],
            "publisher": "Presse",
            "year": 2020,
            "url": f"https://example.org/a/very/long/address/of/an/article/{i}?with=parameters",
        }
        for i in range(40)
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


_OFFSETS = """() => {
  const top = h => h.getBoundingClientRect().top + scrollY;
  const out = {height: document.documentElement.scrollHeight};
  for (const h of document.querySelectorAll('.md-content h2')) out[h.id] = top(h);
  return out;
}"""


def test_case_page_answers_come_first(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("long-story")
    project = root / "project"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("site", ".cache"))
    _long_story(project)
    built = build_into(project, root)
    with serve(built.serve_root) as base:
        for viewport in (PHONE, DESKTOP):
            page = _page(chromium, base, viewport)
            for path, glance, transfer, timeline in (
                ("de/fallstudien/alpha/", "auf-einen-blick", "ubertragbarkeit", "zeitleiste"),
                ("fr/etudes-de-cas/alpha/", "lessentiel", "transferabilite", "chronologie"),
            ):
                page.goto(base + built.prefix.lstrip("/") + path, wait_until="load")
                at = page.evaluate(_OFFSETS)
                assert at[glance] < at[transfer] < at[timeline], (path, at)
                # However long the story, the transferability starts in the first third.
                assert at[transfer] < at["height"] / 3, (path, viewport, at)
            page.close()


def test_timeline_is_a_vertical_list_on_a_phone(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        url = base + built.prefix.lstrip("/") + "de/fallstudien/alpha/"
        phone = _page(chromium, base, PHONE)
        phone.goto(url, wait_until="load")
        assert not phone.is_visible(".vp-chart--timeline")
        tops = phone.eval_on_selector_all(
            "ol.vp-timeline > li", "items => items.map(i => i.getBoundingClientRect().top)"
        )
        assert len(tops) >= 2 and tops == sorted(tops) and len(set(tops)) == len(tops)
        desktop = _page(chromium, base, DESKTOP)
        desktop.goto(url, wait_until="load")
        assert desktop.is_visible(".vp-chart--timeline svg")


def test_key_figures_are_a_description_list_that_reflows(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        for viewport in (PHONE, DESKTOP):
            page = _page(chromium, base, viewport)
            page.goto(base + built.prefix.lstrip("/") + "de/fallstudien/alpha/", wait_until="load")
            pairs = page.eval_on_selector_all(
                "dl.vp-figures > div",
                "ds => ds.map(d => [d.querySelector('dt').textContent,"
                " d.querySelector('dd').textContent])",
            )
            assert pairs == [
                ["Installierte Solarleistung", "1.234,5 kWp"],
                ["Beteiligte Einwohnerinnen und Einwohner", "ca.\u00a0130"],
            ]
            grid = page.eval_on_selector("dl.vp-figures", "d => d.getBoundingClientRect().width")
            content = page.eval_on_selector(".md-content", "d => d.getBoundingClientRect().width")
            assert grid <= content
            assert (
                page.locator(".md-content svg.vp-chart__svg[aria-labelledby*=figures]").count() == 0
            )


# -- finder, glossary, comparison on a phone ---------------------------------------------------
def test_filters_fold_behind_a_button_on_a_phone(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        url = base + built.prefix.lstrip("/") + "de/fallstudien/"
        phone = _page(chromium, base, PHONE)
        phone.goto(url + "?country=DE", wait_until="load")
        assert not phone.is_visible(".vp-filters") and phone.is_visible(".vp-filters-box > summary")
        assert phone.text_content(".vp-filters-box__active") == "1 Filter aktiv"
        phone.click(".vp-filters-box > summary")
        assert phone.is_visible(".vp-filters") and phone.is_checked("#f-country-DE")
        desktop = _page(chromium, base, DESKTOP)
        desktop.goto(url, wait_until="load")
        assert desktop.is_visible(".vp-filters")


def test_tapping_a_glossary_term_explains_it_in_place(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        page = _page(chromium, base, PHONE, has_touch=True, is_mobile=True)
        url = base + built.prefix.lstrip("/") + "fr/etudes-de-cas/alpha/"
        page.goto(url, wait_until="load")
        term = page.locator(".vp-term").first
        assert term.count(), "the fixture's texts use glossary terms"
        term.locator(".vp-term__link").tap()
        assert page.url == url  # no jump to the glossary
        tip = term.locator(".vp-term__tip")
        assert tip.is_visible()
        box = tip.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        page.locator("h1").tap()  # elsewhere: closes it
        assert not tip.is_visible()


def test_two_cases_side_by_side_fit_a_phone(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        page = _page(chromium, base, PHONE)
        page.goto(base + built.prefix.lstrip("/") + "de/vergleich/?cases=alpha,beta")
        wrap = page.locator(".vp-compare__wrap")
        assert wrap.is_visible()
        assert page.evaluate(
            "() => { const w = document.querySelector('.vp-compare__wrap');"
            " return w.scrollWidth <= w.clientWidth; }"
        )
        # Every point of comparison, aligned: one cell per case in each row.
        rows = page.eval_on_selector_all(
            ".vp-compare__grid tbody tr",
            "rs => rs.map(r => [r.dataset.row, [...r.querySelectorAll('td')]"
            ".filter(c => !c.hidden).map(c => c.dataset.case)])",
        )
        assert [r[0] for r in rows] == [
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
        assert all(cases == ["alpha", "beta"] for _, cases in rows)
        cell = page.text_content('tr[data-row="location"] td[data-case="alpha"]') or ""
        assert "))" not in cell and "Hauts-de-France, Frankreich" in cell
        costs = page.text_content('tr[data-row="costs"] td[data-case="beta"]') or ""
        assert costs.strip() == "nicht dokumentiert"
        worked = page.eval_on_selector_all(
            'tr[data-row="worked"] td[data-case="alpha"] li', "ls => ls.length"
        )
        assert worked == 3  # every point, none cut


def test_glossary_in_the_browsers_dictionary_order(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        page = _page(chromium, base, DESKTOP)
        for path in ("de/glossar/", "fr/glossaire/"):
            page.goto(base + built.prefix.lstrip("/") + path, wait_until="load")
            terms = page.eval_on_selector_all(
                ".vp-glossary__term", "ts => ts.map(t => t.textContent.trim())"
            )
            ordered = page.evaluate(
                "ts => ts.slice().sort(new Intl.Collator(document.documentElement.lang).compare)",
                terms,
            )
            assert len(terms) > 3 and terms == ordered
            letters = page.eval_on_selector_all(".vp-az a", "as => as.map(a => a.textContent)")
            headings = page.eval_on_selector_all(
                "h2.vp-glossary__letter", "hs => hs.map(h => h.textContent)"
            )
            assert letters == headings and letters == sorted(letters)


def test_the_typeface_comes_from_the_site(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    with serve(built.serve_root) as base:
        page = _page(chromium, base, DESKTOP)
        fonts: list[str] = []
        page.on("requestfinished", lambda r: fonts.append(r.url) if ".woff2" in r.url else None)
        page.goto(base + built.prefix.lstrip("/") + "de/", wait_until="load")
        page.evaluate("() => document.fonts.ready")
        assert page.evaluate("() => document.fonts.check('16px \"Source Sans 3\"')")
        family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
        assert family.startswith('"Source Sans 3"')
        assert fonts and all(url.startswith(base) for url in fonts)
