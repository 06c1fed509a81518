"""The site's pages per language and how they pair up, independent of MkDocs.

Every page has a language-independent *key* (``case/loos-en-gohelle``, ``doc/about.md``,
``index``). The same key in each language is the same page: that gives the language
switcher its target and each page its ``hreflang`` alternates. Generated pages come from
records; hand-written pages are the Markdown files in ``docs/<lang>/``, paired by file name.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .i18n import Labels, labels_for


@dataclass(frozen=True)
class PageSpec:
    key: str
    lang: str
    uri: str  # source path inside the language's docs folder, e.g. "fallstudien/x.md"
    kind: str  # home, doc, case, module, programme, theme, list-…, glossary
    record_id: str = ""

    @property
    def url(self) -> str:
        return url_of(self.uri)


def url_of(uri: str) -> str:
    """MkDocs directory URL of a source path: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``."""
    stem = uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs of the whole site (``fr/x/`` → ``de/y/``)."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    if rel == ".":
        return "./"
    return rel + ("/" if to_url.endswith("/") and not rel.endswith("/") else "")


def hand_written(docs_dir: Path, lang: str) -> list[str]:
    folder = docs_dir / lang
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


@dataclass
class SitePlan:
    """All pages of all languages, with lookups by key."""

    catalog: Catalog
    languages: tuple[str, ...]
    pages: dict[str, dict[str, PageSpec]]  # lang -> key -> page
    labels: dict[str, Labels]

    def page(self, lang: str, key: str) -> PageSpec | None:
        return self.pages[lang].get(key)

    def alternates(self, key: str) -> dict[str, str]:
        """lang -> site-relative URL (``de/fallstudien/x/``) of every version of a page."""
        out = {}
        for lang in self.languages:
            spec = self.pages[lang].get(key)
            if spec is not None:
                out[lang] = f"{lang}/{spec.url}"
        return out

    def href(self, from_spec: PageSpec, key: str, lang: str | None = None) -> str:
        """Relative link from one page to another (same language unless ``lang`` is given)."""
        target_lang = lang or from_spec.lang
        target = self.pages[target_lang].get(key) or self.pages[target_lang]["index"]
        return relative(f"{from_spec.lang}/{from_spec.url}", f"{target_lang}/{target.url}")

    def generated(self, lang: str) -> list[PageSpec]:
        return [p for p in self.pages[lang].values() if p.kind not in ("doc", "home")]


def build_plan(catalog: Catalog) -> SitePlan:
    config = catalog.config
    langs = config.codes
    labels = {lang: labels_for(lang, config.root) for lang in langs}
    pages: dict[str, dict[str, PageSpec]] = {}
    for lang in langs:
        lab = labels[lang]
        specs: list[PageSpec] = []
        add: Callable[..., None] = lambda *a, **k: specs.append(PageSpec(*a, **k))  # noqa: E731, B023 (used in this iteration only)
        for rel in hand_written(config.docs_dir, lang):
            key = "index" if rel == "index.md" else f"doc/{rel}"
            add(key, lang, rel, "home" if key == "index" else "doc")
        if not any(s.key == "index" for s in specs):
            add("index", lang, "index.md", "home-generated")
        sections = [
            ("cases", "slug_cases", catalog.cases, "case"),
            ("modules", "slug_modules", catalog.modules, "module"),
            ("programmes", "slug_programmes", catalog.programmes, "programme"),
            ("themes", "slug_themes", catalog.themes, "theme"),
        ]
        for name, slug_key, records, kind in sections:
            slug = lab(slug_key)
            add(name, lang, f"{slug}/index.md", f"list-{name}")
            for record_id in sorted(records):
                add(f"{kind}/{record_id}", lang, f"{slug}/{record_id}.md", kind, record_id)
        add("glossary", lang, f"{lab('slug_glossary')}/index.md", "glossary")
        add("compare", lang, f"{lab('slug_compare')}/index.md", "compare")
        add("reference", lang, f"{lab('slug_reference')}/index.md", "reference")
        add("places", lang, f"{lab('slug_places')}/index.md", "places")
        add("opendata", lang, f"{lab('slug_opendata')}/index.md", "opendata")
        pages[lang] = {s.key: s for s in specs}
    return SitePlan(catalog, langs, pages, labels)


#: The navigation: a few sections of listing pages, never one entry per record, so every
#: page's HTML stays the same size however large the catalogue grows.
NAVIGATION: tuple[tuple[str | None, tuple[tuple[str, str], ...]], ...] = (
    (None, (("index", "home"),)),
    (
        "nav_explore",
        (
            ("cases", "all_cases"),
            ("compare", "compare"),
            ("themes", "themes"),
            ("places", "places"),
        ),
    ),
    (
        "nav_workshops",
        (("modules", "modules"), ("programmes", "programmes"), ("doc/kits.md", "kits_page")),
    ),
    (None, (("glossary", "glossary"),)),
    (
        "nav_project",
        (
            ("doc/about.md", "about"),
            ("opendata", "opendata"),
            ("doc/guide.md", "guide"),
            ("reference", "reference"),
        ),
    ),
)


def navigation(plan: SitePlan, lang: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Sections (title or None for top-level entries) with (label, source path) pairs."""
    labels = plan.labels[lang]
    pages = plan.pages[lang]
    out: list[tuple[str | None, list[tuple[str, str]]]] = []
    for section, entries in NAVIGATION:
        items = [(labels(label), pages[key].uri) for key, label in entries if key in pages]
        if items:
            out.append((labels(section) if section else None, items))
    return out
