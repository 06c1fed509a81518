"""No page asks a third-party host for anything (GDPR: no Google Fonts, no CDN).

* A static scan of every HTML, CSS and JavaScript file of the built site for resources
  loaded from absolute URLs: ``src``, ``srcset``, ``<link href>`` that the browser fetches
  (stylesheet, preload, icon …), CSS ``@import`` and ``url()``, URLs in scripts. Outbound
  ``<a href>`` hyperlinks (sources, contacts) are fine: they load nothing by themselves.
* A browser test that loads each kind of page, the root language chooser, a 404 page and a
  search typed into, records every request and checks that all stay on the site's origin.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .browser import browser, serve
from .built_sites import MINI, SITES, BuiltSite, mini_site, page_kinds, site_named

ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
FETCHED_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "import",
    "prerender",
}
LOADING_ATTRS = {
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "xlink:href",
    "action",
    "formaction",
    "ping",
}
CSS_URL = re.compile(
    r"""(?:url\(\s*["']?|@import\s+["'])((?:[a-z][a-z0-9+.-]*:)?//[^"')\s]+)""", re.I
)
JS_URL = re.compile(
    r"""["'`]((?:https?:)?//(?:\$\{[^}]*\}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)[^"'`\s]*)""", re.I
)
# URLs inside Material's bundle that no page of this site can trigger, and why.
MATERIAL_INERT = {
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver; overrides/main.html gives them a stand-in",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only for elements of class `mermaid`; the scan below fails on any such element",
    "https://api.github.com/repos/${e}/${t}": "repository facts: only with `repo_url`",
    "https://api.github.com/users/${e}": "repository facts: only with `repo_url`",
    "https://${e}/api/v4/projects/${encodeURIComponent(t)}": "repository facts (GitLab): only with `repo_url`",
}


class _Scanner(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found: list[str] = []
        self._in: str | None = None

    def _flag(self, what: str) -> None:
        self.found.append(f"{self.where}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        rels = set(a.get("rel", "").lower().split())
        for name, value in a.items():
            urls = (
                [part.split()[0] for part in value.split(",") if part.strip()]
                if name == "srcset"
                else [value]
            )
            if name in LOADING_ATTRS and any(ABSOLUTE.match(u) for u in urls):
                self._flag(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.found += [f"{self.where}: <{tag} style> {u}" for u in CSS_URL.findall(value)]
        if tag == "link" and rels & FETCHED_RELS and ABSOLUTE.match(a.get("href", "")):
            self._flag(f"<link rel={a['rel']!r} href={a['href']!r}>")
        if tag in ("image", "use", "feimage") and ABSOLUTE.match(a.get("href", "")):
            self._flag(f"<{tag} href={a['href']!r}>")
        if tag == "base" and ABSOLUTE.match(a.get("href", "")):
            self._flag(f"<base href={a['href']!r}> (relative URLs would load from there)")
        if (
            tag == "meta"
            and a.get("http-equiv", "").lower() == "refresh"
            and "//" in a.get("content", "")
        ):
            self._flag(f"<meta http-equiv=refresh content={a['content']!r}>")
        if "mermaid" in a.get("class", "").split():
            self._flag("an element of class `mermaid` makes Material load mermaid from unpkg.com")
        if a.get("data-md-component") == "source":
            self._flag("repository facts (`repo_url`) make Material call a code host's API")
        self._in = tag if tag in ("style", "script") else None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.found.extend(f"{self.where}: <style> {u}" for u in CSS_URL.findall(data))
        elif self._in == "script":
            self.found.extend(f"{self.where}: <script> {u}" for u in _js_urls(data))

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def _js_urls(text: str) -> list[str]:
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # licence headers
    return JS_URL.findall(code)


def external_resources(site: Path) -> list[str]:
    """Every resource the site's files would load from an absolute URL."""
    found: list[str] = []
    for file in sorted(site.rglob("*")):
        rel = file.relative_to(site).as_posix()
        if file.suffix == ".html":
            scanner = _Scanner(rel)
            scanner.feed(file.read_text(encoding="utf-8"))
            scanner.close()
            found += scanner.found
        elif file.suffix == ".css":
            found += [f"{rel}: {u}" for u in CSS_URL.findall(file.read_text(encoding="utf-8"))]
        elif file.suffix == ".js":
            inert = MATERIAL_INERT if file.name.startswith("bundle.") else {}
            found += [
                f"{rel}: {u}" for u in _js_urls(file.read_text(encoding="utf-8")) if u not in inert
            ]
    return found


@pytest.mark.parametrize("which", SITES)
def test_no_file_loads_anything_from_another_host(
    which: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = site_named(which, tmp_path_factory)
    found = external_resources(built.site)
    assert not found, "resources from other hosts:\n" + "\n".join(found)
    for page in built.site.rglob("*.html"):  # Material's polyfill from unpkg.com stays unused
        text = page.read_text(encoding="utf-8")
        if "assets/javascripts/bundle." in text:
            assert "window.ResizeObserver||" in text, page


def test_the_scan_catches_third_party_resources(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="preconnect" href="//cdn.example.net">'
        '<script src="https://unpkg.com/x.js"></script>'
        '<img srcset="a.png 1x, https://img.example.com/b.png 2x">'
        '<a href="https://example.org/source">fine: a hyperlink</a>'
        '<link rel="alternate" hreflang="de" href="https://villes-pairs.example.org/de/">'
        "<div style=\"background:url('https://t.example.com/p.gif')\"></div>"
        '<script>fetch("https://tracker.example.com/hit")</script>',
        encoding="utf-8",
    )
    (tmp_path / "x.css").write_text(
        '@import "https://fonts.googleapis.com/css2";\na{background:url(//cdn.example.net/i.png)}',
        encoding="utf-8",
    )
    (tmp_path / "y.js").write_text(
        "/*! licence https://example.com/licence */\n"
        'new XMLHttpRequest().open("GET","https://api.example.com/");'
        "\n",
        encoding="utf-8",
    )
    found = external_resources(tmp_path)
    assert found == [
        "index.html: <link rel='stylesheet' href='https://fonts.googleapis.com/css?family=Roboto'>",
        "index.html: <link rel='preconnect' href='//cdn.example.net'>",
        "index.html: <script src='https://unpkg.com/x.js'>",
        "index.html: <img srcset='a.png 1x, https://img.example.com/b.png 2x'>",
        "index.html: <div style> https://t.example.com/p.gif",
        "index.html: <script> https://tracker.example.com/hit",
        "x.css: https://fonts.googleapis.com/css2",
        "x.css: //cdn.example.net/i.png",
        "y.js: https://api.example.com/",
    ]


# -- every request, in the browser -------------------------------------------------------------


class _Recorder:
    """Lets requests to the local server through; fulfils requests to the site's own
    production origin (site_url) from the built files, as that host would; aborts and records
    anything else."""

    def __init__(self, built: BuiltSite, base: str) -> None:
        self.built = built
        self.base = base
        own = urlsplit(built.site_url)
        self.own = f"{own.scheme}://{own.netloc}/" if own.netloc else None
        self.local: list[str] = []
        self.own_origin: list[str] = []
        self.third_party: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base):
            self.local.append(url)
            route.continue_()
        elif url.startswith(("data:", "blob:")):
            route.continue_()
        elif self.own and url.startswith(self.own):
            self.own_origin.append(url)
            path = urlsplit(url).path.removeprefix(self.built.prefix)
            file = self.built.site / path
            file = file / "index.html" if file.is_dir() else file
            if file.is_file():
                route.fulfill(path=str(file))
            else:
                route.fulfill(status=404, body="not found")
        else:
            self.third_party.append(url)
            route.abort()


def test_every_request_stays_on_the_site(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = mini_site(tmp_path_factory)
    kinds = page_kinds(MINI)
    with serve(built.serve_root) as base, browser() as chromium:
        recorder = _Recorder(built, base)
        context = chromium.new_context()
        context.route("**/*", recorder)
        page = context.new_page()
        site = base + built.prefix.lstrip("/")
        visited = [site, site + "fr/404.html", site + "no/such/page/"]
        for lang, by_kind in kinds.items():
            visited += [site + path for _, path in sorted(by_kind.items())]
            visited.append(site + f"{lang}/404.html")
        for url in visited:
            page.goto(url, wait_until="networkidle")
        for lang in kinds:
            page.goto(site + f"{lang}/", wait_until="networkidle")
            page.click("input.md-search__input")
            page.keyboard.type("alpha", delay=20)
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            page.wait_for_load_state("networkidle")
        context.close()
    assert len(recorder.local) > 50
    assert not recorder.third_party, "requests to third-party hosts:\n" + "\n".join(
        sorted(set(recorder.third_party))
    )
    # Not even Material's language selector, which would read each hreflang alternate's
    # sitemap.xml on the production host (overrides/main.html holds those requests back).
    assert not recorder.own_origin, "requests to the absolute site URL:\n" + "\n".join(
        recorder.own_origin
    )
