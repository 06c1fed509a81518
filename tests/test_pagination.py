"""Listings split into pages (issue 8: at most 60 KB of HTML per page, however many cases):
the mini fixture with a dozen cases and ``page_size: 3``, built into tmp_path."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import DEFAULT_PAGE_SIZE, load_config
from builder.errors import ContentError
from builder.paging import base_key, page_count, page_key, page_uri, window
from builder.site import build_plan

from .paged import LISTING_KINDS, listing_paths, paged_project, set_page_size

SITE_URL = "https://example.org/mini/"
SLUGS = {
    "fr": {"cases": "etudes-de-cas", "compare": "comparer", "themes": "themes", "places": "lieux"},
    "de": {"cases": "fallstudien", "compare": "vergleich", "themes": "themen", "places": "orte"},
}


@pytest.fixture(scope="module")
def dozen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = paged_project(tmp_path_factory.mktemp("dozen") / "project", 12, 3, modules=4)
    return project, build_site(load_config(project), kits=False, workers=1)


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _chain(site: Path, first: str) -> list[str]:
    """The pages of a listing, followed through its pager's "next" links from ``first``."""
    pages, path = [first], first
    while True:
        found = re.search(
            r'<a class="vp-pager__step" href="([^"]+)" rel="next">', _html(site, path)
        )
        if not found:
            return pages
        path = _resolve(path, found.group(1))
        assert path not in pages, f"the pager loops back to {path}"
        pages.append(path)


def _resolve(path: str, href: str) -> str:
    return urljoin("/" + path, href).lstrip("/")


def _cards(html: str) -> list[str]:
    """The case of each case card (not module card), by the last part of its link."""
    return [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in re.findall(
            r'<article class="vp-card" data-[^>]*>\s*<h[23] class="vp-card__title"><a href="([^"]+)"',
            html,
        )
    ]


# -- the page plan -------------------------------------------------------------------------
def test_paging_helpers() -> None:
    assert window(1, 1) == [1]
    assert window(3, 9) == [1, 2, 3, 4, 5, None, 9]
    assert window(125, 250) == [1, None, 123, 124, 125, 126, 127, None, 250]
    assert window(4, 250) == [1, 2, 3, 4, 5, 6, None, 250]
    assert len(window(125, 250)) <= 9  # compact however many pages
    assert page_count(0, 3) == 1 and page_count(12, 3) == 4 and page_count(13, 3) == 5
    assert page_key("cases", 1) == "cases" and page_key("cases", 2) == "cases/page/2"
    assert base_key("theme/x/page/3") == "theme/x" and base_key("theme/x") == "theme/x"
    assert page_uri("fallstudien/index.md", 2) == "fallstudien/page/2.md"
    assert page_uri("themen/energy.md", 3) == "themen/energy/page/3.md"


def test_page_size_setting(mini: Path) -> None:
    assert load_config(mini).page_size == DEFAULT_PAGE_SIZE
    set_page_size(mini, 7)
    assert load_config(mini).page_size == 7
    for wrong in ("0", "-2", "many", "2.5"):
        text = re.sub(r"page_size: \S+", f"page_size: {wrong}", (mini / "mkdocs.yml").read_text())
        (mini / "mkdocs.yml").write_text(text)
        with pytest.raises(ContentError, match="page_size: must be a whole number"):
            load_config(mini)


def test_small_catalogues_keep_one_page(mini: Path) -> None:
    plan = build_plan(load_catalog(load_config(mini)))
    for lang in plan.languages:
        assert all(spec.pages == 1 for spec in plan.pages[lang].values())
        assert not any("/page/" in key for key in plan.pages[lang])
    assert not plan.places_grouped


def test_same_numbering_in_every_language(dozen: tuple[Path, Path]) -> None:
    project, _ = dozen
    plan = build_plan(load_catalog(load_config(project)))
    assert set(plan.pages["fr"]) == set(plan.pages["de"])
    keys = set(plan.pages["de"])
    assert {"cases", "cases/page/2", "cases/page/4"} <= keys and "cases/page/5" not in keys
    assert {"compare/page/12", "theme/energy/page/3", "region/de-saxe/page/2"} <= keys
    assert plan.pages["de"]["region/de-saxe"].url == "orte/de-sachsen/"
    assert plan.pages["fr"]["region/de-saxe"].url == "lieux/de-saxe/"
    assert plan.pages["de"]["cases/page/3"].url == "fallstudien/page/3/"


# -- the built pages -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "de"])
def test_every_case_on_exactly_one_finder_page(dozen: tuple[Path, Path], lang: str) -> None:
    project, site = dozen
    ids = sorted(load_catalog(load_config(project)).cases)
    pages = _chain(site, f"{lang}/{SLUGS[lang]['cases']}/")
    assert len(pages) == 4
    seen = [case for page in pages for case in _cards(_html(site, page))]
    assert seen == ids  # each once, in id order, as on the one-page finder
    for page in pages:
        assert len(_cards(_html(site, page))) <= 3


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_pager_links_resolve_and_mark_the_current_page(dozen: tuple[Path, Path], lang: str) -> None:
    _, site = dozen
    for path in listing_paths(dozen[0]).get("list-cases", []) + listing_paths(dozen[0])["compare"]:
        if not path.startswith(lang):
            continue
        html = _html(site, path)
        (nav,) = re.findall(r'<nav class="vp-pager" aria-label="[^"]+">(.*?)</nav>', html, re.S)
        hrefs = re.findall(r'href="([^"]+)"', nav)
        assert hrefs and len(re.findall(r'aria-current="page"', nav)) == 1, path
        for href in hrefs:
            assert (site / _resolve(path, href) / "index.html").exists(), (path, href)
        current = re.search(r'<a href="([^"]+)" aria-current="page">', nav)
        assert current and _resolve(path, current.group(1)) == path
        number = re.search(r"/page/(\d+)/$", path)
        page = int(number.group(1)) if number else 1
        assert (
            f'<span class="vp-sr-only">{"Seite" if lang == "de" else "Page"} </span>{page}<' in nav
        )
        # rel=prev/next in the head and in the pager; a title of its own from page 2 on
        head = html.split("</head>", 1)[0]
        assert ('<link rel="prev"' in head) == (page > 1), path
        assert 'rel="next"' in nav or '<link rel="next"' not in head
        title = re.search(r"<title>(.*?)</title>", head).group(1)  # type: ignore[union-attr]
        assert (f" {page} " in title) == (page > 1), title


def test_alternates_pair_page_n_with_page_n(dozen: tuple[Path, Path]) -> None:
    _, site = dozen
    for lang, other in (("fr", "de"), ("de", "fr")):
        for kind in LISTING_KINDS:
            for path in listing_paths(dozen[0])[kind]:
                if not path.startswith(lang):
                    continue
                html = _html(site, path)
                alts = dict(
                    re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html)
                )
                assert alts[lang] == SITE_URL + path
                target = alts[other].removeprefix(SITE_URL)
                assert (site / target / "index.html").exists()
                assert re.search(r"/page/\d+/$", path) is None or target.endswith(
                    re.search(r"page/\d+/$", path).group(0)  # type: ignore[union-attr]
                ), (path, target)


def test_theme_pages_split_the_cases_and_keep_modules_on_page_one(
    dozen: tuple[Path, Path],
) -> None:
    project, site = dozen
    catalog = load_catalog(load_config(project))
    for theme in catalog.themes:
        pages = _chain(site, f"de/themen/{theme}/")
        expected = sorted(c.id for c in catalog.cases.values() if theme in c.themes)
        assert len(pages) == page_count(len(expected), 3)
        assert [case for page in pages for case in _cards(_html(site, page))] == expected
        assert "Workshop-Module" in _html(site, pages[0])
        assert all("ws-one" not in _html(site, page) for page in pages[1:])
    # Heritage has 4 modules: one card on its first page (page_size // 4), then a link to
    # pages of its own modules.
    first = _html(site, "de/themen/heritage/")
    assert first.count('<article class="vp-card">') == 1
    more = re.search(r'<p class="vp-more"><a href="([^"]+)">Alle 4 Workshop-Module', first)
    assert more, "no link to the theme's modules"
    path = _resolve("de/themen/heritage/", more.group(1))
    assert path == "de/themen/heritage/workshop-module/"
    pages = _chain(site, path)
    assert len(pages) == 2
    modules = [
        m
        for page in pages
        for m in re.findall(r'<a href="\.\./\.\./[^"]*?([\w-]+)/"', _html(site, page))
    ]
    assert sorted(set(modules) & {"ws-one", "ws-gen-0", "ws-gen-1", "ws-gen-2"}) == [
        "ws-gen-0",
        "ws-gen-1",
        "ws-gen-2",
        "ws-one",
    ]
    assert "<title>Workshop-Module zum Thema „Erbe“ – Seite 2 von 2" in _html(site, pages[1])
    # The list of all modules is split too.
    assert _chain(site, "fr/ateliers/") == ["fr/ateliers/", "fr/ateliers/page/2/"]


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_places_by_region_and_region_pages(dozen: tuple[Path, Path], lang: str) -> None:
    project, site = dozen
    catalog = load_catalog(load_config(project))
    places = f"{lang}/{SLUGS[lang]['places']}/"
    html = _html(site, places)
    svg = re.search(r"vp-chart--places.*?</svg>", html, re.S).group(0)  # type: ignore[union-attr]
    markers = re.findall(r'<a href="([^"]+)" class="vp-map__place">', svg)
    assert len(markers) == 4  # one per region, not one per case
    listed = re.findall(r'<li><a href="([^"]+)">[^<]+</a> <span class="vp-places__count">', html)
    assert sorted(listed) == sorted(markers)
    seen: Counter[str] = Counter()
    for href in listed:
        for page in _chain(site, _resolve(places, href)):
            seen.update(_cards(_html(site, page)))
    assert seen == Counter(list(catalog.cases))  # every case in exactly one region, once
    assert "(4 " in html  # counts beside the regions


def test_compare_pages_cover_every_case_once(dozen: tuple[Path, Path]) -> None:
    project, site = dozen
    ids = sorted(load_catalog(load_config(project)).cases)
    rows: list[str] = []
    columns: list[str] = []
    for page in _chain(site, "fr/comparer/"):
        html = _html(site, page)
        rows += re.findall(r'<tr data-case="([^"]+)">', html)
        columns += re.findall(r'<section class="vp-compare__col" data-case="([^"]+)"', html)
    assert rows == ids and columns == ids


def test_json_indexes(dozen: tuple[Path, Path]) -> None:
    project, site = dozen
    catalog = load_catalog(load_config(project))
    for lang in ("fr", "de"):
        path = f"{lang}/{SLUGS[lang]['cases']}/index.json"
        index = json.loads((site / path).read_text(encoding="utf-8"))
        rows = [dict(zip(index["fields"], row, strict=True)) for row in index["cases"]]
        assert [r["id"] for r in rows] == sorted(catalog.cases)
        for row in rows:
            assert (site / _resolve(path, row["url"]) / "index.html").exists()
            assert row["values"][index["facets"].index("theme")] == catalog.cases[row["id"]].themes
        for theme in index["themes"].values():
            assert (site / _resolve(path, theme["url"]) / "index.html").exists()
        assert rows[0]["lang"] is None
        compare = json.loads(
            (site / f"{lang}/{SLUGS[lang]['compare']}/index.json").read_text(encoding="utf-8")
        )
        assert [p["first"] for p in compare["pages"]] == sorted(catalog.cases)  # one row a page
        page_three = _resolve(
            f"{lang}/{SLUGS[lang]['compare']}/index.json", compare["pages"][2]["url"]
        )
        assert page_three == f"{lang}/{SLUGS[lang]['compare']}/page/3/"


def test_finder_page_says_how_to_browse_without_javascript(dozen: tuple[Path, Path]) -> None:
    _, site = dozen
    html = _html(site, "de/fallstudien/page/2/")
    assert '<p class="vp-finder__nojs">Die Filter benötigen JavaScript.' in html
    assert '<form class="vp-filters" aria-label="Fallstudien filtern" hidden>' in html
    assert ":has(" not in html  # no CSS filters: they would filter this page only
    assert 'data-index="../../index.json"' in html
    assert "Fallstudien 4–6 von 12 · Seite 2 von 4" in html


def test_sitemap_lists_the_numbered_pages(dozen: tuple[Path, Path]) -> None:
    _, site = dozen
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}de/fallstudien/page/4/</loc>" in sitemap
    assert f'hreflang="fr" href="{SITE_URL}fr/etudes-de-cas/page/4/"' in sitemap
    assert f"<loc>{SITE_URL}de/orte/de-sachsen/page/2/</loc>" in sitemap


def test_listing_pages_do_not_grow_with_the_catalogue(
    dozen: tuple[Path, Path], tmp_path: Path
) -> None:
    """12 → 40 cases: the largest page of each kind of listing grows by less than 10 %."""
    small_project, small = dozen
    big_project = paged_project(tmp_path / "forty", 40, 3)
    big = build_site(load_config(big_project), kits=False, workers=1)

    def largest(project: Path, site: Path) -> dict[str, tuple[int, str]]:
        out = {}
        for kind, paths in listing_paths(project).items():
            out[kind] = max(((site / p / "index.html").stat().st_size, p) for p in paths)
        return out

    before, after = largest(small_project, small), largest(big_project, big)
    assert set(before) == set(LISTING_KINDS)
    for kind in LISTING_KINDS:
        assert after[kind][0] < 1.10 * before[kind][0], (kind, before[kind], after[kind])
