"""The site's pages per language and how they pair up, independent of MkDocs.

Every page has a language-independent *key* (``case/loos-en-gohelle``, ``doc/about.md``,
``index``). The same key in each language is the same page: that gives the language
switcher its target and each page its ``hreflang`` alternates. Generated pages come from
records; hand-written pages are the Markdown files in ``docs/<lang>/``, paired by file name.

Listings longer than ``page_size`` (the case finder, the comparison table, a theme's cases
and modules, a region's cases, the workshop modules) are split into numbered pages
(:mod:`builder.paging`): ``cases``, ``cases/page/2`` … with the same numbers in every
language. Above ``page_size`` cases the places page groups them by region, each region
with pages of its own (``region/de-saxe``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import facets
from .catalog import Catalog
from .i18n import Labels, labels_for
from .kinds import BY_PAGE
from .paging import compare_rows, page_count, page_key, page_uri, theme_module_cards
from .places import Region, regions_of
from .site_settings import repository_host


@dataclass(frozen=True)
class PageSpec:
    key: str
    lang: str
    uri: str  # source path inside the language's docs folder, e.g. "fallstudien/x.md"
    kind: str  # home, doc, case, module, programme, theme, list-…, glossary, region
    record_id: str = ""
    page: int = 1  # page number of a listing split into pages (builder.paging)
    pages: int = 1  # its number of pages

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
    page_size: int = 20  # cases per listing page (ProjectConfig.page_size)
    #: Regions with their cases, by region id, when the places page groups cases by region
    #: (more cases than ``page_size``); empty otherwise.
    regions: dict[str, Region] = field(default_factory=dict)
    #: What rendering computes once per plan (sorted cases, filter options …).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def places_grouped(self) -> bool:
        return bool(self.regions)

    @property
    def compare_rows(self) -> int:
        return compare_rows(self.page_size)

    @property
    def theme_module_cards(self) -> int:
        return theme_module_cards(self.page_size)

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
    size = config.page_size
    labels = {lang: labels_for(lang, config.root, config.texts) for lang in langs}
    regions = regions_of(catalog.cases.values(), config.texts) if len(catalog.cases) > size else {}
    theme_cases = {t: 0 for t in catalog.themes}
    theme_modules = {t: 0 for t in catalog.themes}
    for count, records in ((theme_cases, catalog.cases), (theme_modules, catalog.modules)):
        for record in records.values():
            for theme_id in record.themes:
                if theme_id in count:
                    count[theme_id] += 1
    pages: dict[str, dict[str, PageSpec]] = {}
    for lang in langs:
        lab = labels[lang]
        specs: list[PageSpec] = []
        add: Callable[..., None] = lambda *a, **k: specs.append(PageSpec(*a, **k))  # noqa: E731, B023 (used in this iteration only)

        def add_paged(
            key: str, uri: str, kind: str, items: int, per_page: int, rid: str = ""
        ) -> None:
            n = page_count(items, per_page)
            for page in range(1, n + 1):
                add(page_key(key, page), lang, page_uri(uri, page), kind, rid, page, n)  # noqa: B023

        reference = f"{lab('slug_reference')}.md"  # the committed field reference, if any
        for rel in hand_written(config.docs_dir, lang):
            key = (
                "index" if rel == "index.md" else "reference" if rel == reference else f"doc/{rel}"
            )
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
            if name in ("cases", "modules"):
                add_paged(name, f"{slug}/index.md", f"list-{name}", len(records), size)
            else:
                add(name, lang, f"{slug}/index.md", f"list-{name}")
            for record_id in sorted(records):
                if kind == "theme":
                    uri = f"{slug}/{record_id}.md"
                    add_paged(
                        f"theme/{record_id}", uri, kind, theme_cases[record_id], size, record_id
                    )
                    # Beyond the few module cards of its first page, a theme's modules get
                    # pages of their own (themen/<id>/workshop-module/).
                    if theme_modules[record_id] > theme_module_cards(size):
                        add_paged(
                            f"theme/{record_id}/modules",
                            f"{slug}/{record_id}/{lab('slug_modules')}/index.md",
                            "theme-modules",
                            theme_modules[record_id],
                            size,
                            record_id,
                        )
                else:
                    add(f"{kind}/{record_id}", lang, f"{slug}/{record_id}.md", kind, record_id)
        add("glossary", lang, f"{lab('slug_glossary')}/index.md", "glossary")
        compare_uri = f"{lab('slug_compare')}/index.md"
        add_paged("compare", compare_uri, "compare", len(catalog.cases), compare_rows(size))
        if not any(spec.key == "reference" for spec in specs):
            add("reference", lang, f"{lab('slug_reference')}/index.md", "reference")
        places = lab("slug_places")
        add("places", lang, f"{places}/index.md", "places")
        taken: set[str] = set()
        for region in regions.values():
            # The address in the page's language (orte/de-sachsen/), the key the same in all.
            name = f"{region.country.lower()}-{facets.slug(region.name(lab))}"
            name = region.id if name in taken else name
            taken.add(name)
            uri = f"{places}/{name}.md"
            add_paged(f"region/{region.id}", uri, "region", len(region.cases), size, region.id)
        add("opendata", lang, f"{lab('slug_opendata')}/index.md", "opendata")
        # Trust pages, linked from every page's footer (builder.engine.footer).
        add("imprint", lang, f"{lab('slug_imprint')}/index.md", "imprint")
        add("privacy", lang, f"{lab('slug_privacy')}/index.md", "privacy")
        pages[lang] = {s.key: s for s in specs}
    return SitePlan(catalog, langs, pages, labels, size, regions)


#: The navigation's entry for the repository (not a page).
REPOSITORY = "repository"

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
    ("nav_project", (("doc/about.md", "about"), ("opendata", "opendata"))),
    # The editors' pages and the repository, apart from what readers look for.
    (
        "nav_contribute",
        (
            ("doc/guide.md", "guide"),
            ("doc/messages.md", "messages_page"),
            ("reference", "reference"),
            (REPOSITORY, "repository"),
        ),
    ),
)


def navigation(plan: SitePlan, lang: str) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Sections (title or None for top-level entries) with (label, source path) pairs; the
    repository's entry is its address (mkdocs.yml ``repo_url``), when there is one."""
    labels = plan.labels[lang]
    pages = plan.pages[lang]
    repo = plan.catalog.config.repo_url
    out: list[tuple[str | None, list[tuple[str, str]]]] = []
    for section, entries in NAVIGATION:
        items = [
            (labels(label), pages[key].uri)
            if key != REPOSITORY
            else (labels(label).format(host=repository_host(repo)), repo)
            for key, label in entries
            if key in pages or (key == REPOSITORY and repo)
        ]
        if items:
            out.append((labels(section) if section else None, items))
    return out


def source_file(plan: SitePlan, spec: PageSpec) -> str:
    """The repository file an editor changes to change a page ("" for pages made from many
    files, such as listings): a record's YAML file, the glossary, a hand-written page."""
    if spec.kind in ("doc", "home"):
        return f"docs/{spec.lang}/{spec.uri}"
    if spec.kind == "glossary":
        return "glossary.yml"
    kind = BY_PAGE.get(spec.kind)
    if kind is not None and spec.record_id:
        return plan.catalog.paths.get((kind.name, spec.record_id), "")
    return ""
