"""WCAG 2.1 AA in headless Chromium.

* axe-core with the WCAG 2.0/2.1 A and AA rules reports no violation on any page of the
  mini site and of the real site, in both languages (404 pages and the root language chooser
  included), with the search open and typed into, and at phone width;
* what axe cannot judge: a skip link first, focus order that follows the reading order, a
  visible focus indicator on every element the keyboard reaches, a language switcher usable
  with the keyboard, and text shown in another language marked with its own ``lang``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from .browser import browser, serve
from .built_sites import (
    MINI,
    SITES,
    build_into,
    mini_site,
    page_kinds,
    paged_site,
    site_named,
)
from .paged import listing_paths

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_RUN_AXE = """(tags) => axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
}).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
    summary: v.nodes.length ? v.nodes[0].failureSummary : ''
})))"""


def _axe_source() -> str:
    try:
        return (
            resources.files("axe_playwright_python")
            .joinpath("axe.min.js")
            .read_text(encoding="utf-8")
        )
    except ModuleNotFoundError:
        pytest.fail(
            "axe-core is missing: install the test extra (pip install -e '.[test]'), "
            "which brings axe-playwright-python and its axe.min.js"
        )


def run_axe(page: Any, source: str) -> list[dict[str, Any]]:
    page.evaluate(source)
    return list(page.evaluate(_RUN_AXE, AXE_TAGS))


def describe(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for url, violations in found.items():
        for v in violations:
            lines.append(f"{url}: {v['id']} ({v['impact']}) — {v['help']} [{v['helpUrl']}]")
            lines.extend(f"    at {target}" for target in v["targets"][:8])
            lines.extend(f"    {row}" for row in v["summary"].splitlines()[:4])
    return "\n".join(lines)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def axe_js() -> str:
    return _axe_source()


def _isolated_page(chromium: Any, base: str, *, search: bool = True, **options: Any) -> Any:
    """A new page that can reach the local server only (and fast: no DNS waits). Without
    ``search`` the search index is not loaded: building it in a worker on every page would
    compete with axe for the CPU (the open search is checked on its own)."""
    page = chromium.new_page(**options)
    page.set_default_timeout(120_000)  # generous on a busy machine
    page.route(
        lambda url: not url.startswith(base) or (not search and url.endswith("/search_index.json")),
        lambda route: route.abort(),
    )
    return page


@pytest.mark.parametrize("which", SITES)
def test_axe_finds_no_violation_on_any_page(
    which: str, chromium: Any, axe_js: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = site_named(which, tmp_path_factory)
    pages = built.pages()
    found: dict[str, list[dict[str, Any]]] = {}
    with serve(built.serve_root) as base:
        page = _isolated_page(chromium, base, search=False)
        for path in pages:
            url = base + built.prefix.lstrip("/") + path
            page.goto(url, wait_until="load")
            if violations := run_axe(page, axe_js):
                found[path or "/"] = violations
        page.close()
    assert {"fr/", "de/", ""} <= set(pages) and len(pages) > 20
    assert not found, f"axe found violations on {len(found)} of {len(pages)} pages:\n" + describe(
        found
    )


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_axe_with_search_open_and_at_phone_width(
    lang: str, chromium: Any, axe_js: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    found: dict[str, list[dict[str, Any]]] = {}
    with serve(built.serve_root) as base:
        home = base + built.prefix.lstrip("/") + f"{lang}/"
        page = _isolated_page(chromium, base)
        page.goto(home, wait_until="load")
        page.click("input.md-search__input")
        page.keyboard.type("alpha", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        assert page.get_by_role("dialog").get_attribute("aria-label")
        if violations := run_axe(page, axe_js):
            found[f"{lang}/ (search open)"] = violations
        page.close()
        phone = _isolated_page(chromium, base, viewport={"width": 375, "height": 740})
        for path in built.pages():
            if path.startswith(f"{lang}/") and path.count("/") <= 2:
                phone.goto(base + built.prefix.lstrip("/") + path, wait_until="load")
                if violations := run_axe(phone, axe_js):
                    found[f"{path} (375 px)"] = violations
        phone.close()
    assert not found, describe(found)


# -- listings split into pages ---------------------------------------------------------------
def test_axe_on_paginated_listings(
    chromium: Any, axe_js: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every page of the split listings (finder, comparison, themes, places by region,
    region pages), and what JavaScript adds to them: filter results from the whole
    catalogue with their pager, a compared case fetched from another page; at phone width."""
    built = paged_site(tmp_path_factory)
    kinds = listing_paths(built.serve_root.parent / "project")
    paths = sorted(p for found in kinds.values() for p in found)
    found: dict[str, list[dict[str, Any]]] = {}
    with serve(built.serve_root) as base:
        root = base + built.prefix.lstrip("/")
        page = _isolated_page(chromium, base, search=False)
        for path in paths:
            page.goto(root + path, wait_until="load")
            if violations := run_axe(page, axe_js):
                found[path] = violations
        states = [
            ("de/fallstudien/page/2/?country=DE", ".vp-finder__results .vp-card"),
            ("fr/etudes-de-cas/?theme=energy&page=2", ".vp-finder__results .vp-card"),
            ("de/vergleich/page/2/?cases=beta,gen-009,nothing", "th.vp-compare__away"),
        ]
        for path, ready in states:
            page.goto(root + path, wait_until="load")
            page.wait_for_selector(ready)
            if violations := run_axe(page, axe_js):
                found[f"{path} (JavaScript)"] = violations
        page.close()
        phone = _isolated_page(chromium, base, search=False, viewport={"width": 375, "height": 740})
        for path in ("de/fallstudien/page/2/", "fr/lieux/", "de/orte/de-sachsen/page/2/"):
            phone.goto(root + path, wait_until="load")
            if violations := run_axe(phone, axe_js):
                found[f"{path} (375 px)"] = violations
        phone.close()
    assert len(paths) > 40 and any("/page/" in p for p in kinds["region"])
    assert not found, describe(found)


# -- what axe cannot judge: keyboard ---------------------------------------------------------

_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const all = Array.prototype.indexOf.call(document.querySelectorAll('*'), e);
  return {
    index: all, tag: e.tagName.toLowerCase(), cls: String(e.getAttribute('class') || ''),
    text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40),
    href: e.getAttribute('href') || '', outline: s.outlineStyle,
    width: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow,
    w: r.width, h: r.height, visible: s.visibility !== 'hidden' && r.width > 0 && r.height > 0,
    inContent: !!e.closest('.md-content'),
  };
}"""


def _walk(page: Any, limit: int = 200) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page or comes back; what got focus, in order."""
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS)
        if info is None or (seen and info["index"] == seen[0]["index"]):
            break
        seen.append(info)
    return seen


def _indicated(info: dict[str, Any]) -> bool:
    outlined = info["outline"] not in ("none", "hidden") and (
        info["outline"] == "auto" or info["width"] >= 1
    )
    return outlined or info["shadow"] not in ("none", "")


def test_keyboard_skip_link_focus_order_and_visible_focus(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    kinds = page_kinds(MINI)
    problems: list[str] = []
    stops = 0
    with serve(built.serve_root) as base:
        page = _isolated_page(chromium, base)
        for by_kind in kinds.values():
            for kind, path in sorted(by_kind.items()):
                url = base + built.prefix.lstrip("/") + path
                page.goto(url, wait_until="load")
                positive = page.evaluate(
                    "() => [...document.querySelectorAll('[tabindex]')]"
                    ".filter(e => e.tabIndex > 0).length"
                )
                if positive:
                    problems.append(f"{path}: {positive} element(s) with a positive tabindex")
                focused = _walk(page)
                stops += len(focused)
                if not focused or "md-skip" not in focused[0]["cls"]:
                    problems.append(
                        f"{path} ({kind}): the first Tab stop is not the skip link "
                        f"but {focused[:1]}"
                    )
                    continue
                order = [f["index"] for f in focused]
                if order != sorted(order):
                    problems.append(f"{path}: focus order differs from the reading order")
                for info in focused:
                    if not info["visible"] or not _indicated(info):
                        problems.append(
                            f"{path}: <{info['tag']} class={info['cls']!r}> "
                            f"{info['text']!r} gets focus without a visible indicator "
                            f"(outline {info['outline']} {info['width']}px, "
                            f"size {info['w']:.0f}×{info['h']:.0f})"
                        )
                # The skip link leads into the content: the next Tab stop is there.
                page.goto(url, wait_until="load")
                page.keyboard.press("Tab")
                target = page.evaluate("() => document.activeElement.getAttribute('href')")
                page.keyboard.press("Enter")
                page.keyboard.press("Tab")
                after = page.evaluate(_FOCUS)
                if not (target or "").startswith("#") or not after or not after["inContent"]:
                    problems.append(
                        f"{path}: after the skip link ({target}) the next Tab stop "
                        f"is {after and after['text']!r}, not in the content"
                    )
        page.close()
    assert stops > 100
    assert not problems, "\n".join(problems)


def test_language_switcher_works_with_the_keyboard(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = mini_site(tmp_path_factory)
    kinds = page_kinds(MINI)
    with serve(built.serve_root) as base:
        page = _isolated_page(chromium, base)
        start = base + built.prefix.lstrip("/") + kinds["de"]["case"]
        page.goto(start, wait_until="load")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('hreflang')") == "fr":
                break
        else:
            pytest.fail("the French link of the language switcher is never reached by Tab")
        assert page.evaluate("() => document.activeElement.getBoundingClientRect().height") > 0
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == base + built.prefix.lstrip("/") + kinds["fr"]["case"]
        assert page.evaluate("() => document.documentElement.lang") == "fr"
        page.close()


# -- text in another language ----------------------------------------------------------------

_FOREIGN = """(marker) => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.includes(marker)) continue;
    const owner = n.parentElement.closest('[lang]');
    out.push({lang: owner ? owner.getAttribute('lang') : '', text: n.data.trim().slice(0, 60),
              tag: n.parentElement.tagName.toLowerCase()});
  }
  return out;
}"""


def test_fallback_text_carries_its_own_lang(chromium: Any, tmp_path: Path) -> None:
    """German is optional here and Beta has French text only: every French word shown on a
    German page sits inside an element with lang="fr"."""
    project = tmp_path / "project"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("site", ".cache"))
    mk = project / "mkdocs.yml"
    mk.write_text(
        mk.read_text(encoding="utf-8").replace(
            "- code: de\n          name: Deutsch",
            "- code: de\n          name: Deutsch\n          required: false",
        ),
        encoding="utf-8",
    )
    beta = project / "case_studies" / "beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8")
        .replace("title: {fr: Beta, de: Beta}", "title: {fr: Bêta Frenchonly}")
        .replace(
            "teaser: {fr: Une autre ville., de: Eine andere Stadt.}",
            "teaser: {fr: Une autre ville Frenchonly.}",
        ),
        encoding="utf-8",
    )
    built = build_into(project, tmp_path)
    wrong: list[str] = []
    seen = 0
    with serve(built.serve_root) as base:
        page = _isolated_page(chromium, base)
        for path in built.pages():
            if not path.startswith("de/") or path.endswith("404.html"):
                continue
            page.goto(base + built.prefix.lstrip("/") + path, wait_until="load")
            for hit in page.evaluate(_FOREIGN, "Frenchonly"):
                seen += 1
                if hit["lang"] != "fr":
                    wrong.append(
                        f"{path}: <{hit['tag']}> {hit['text']!r} is inside lang={hit['lang']!r}"
                    )
        page.close()
    assert seen >= 3
    assert not wrong, 'French text on German pages without lang="fr":\n' + "\n".join(wrong)
