"""Records → Markdown pages, one language at a time, through one Jinja environment.

Templates live in ``builder/templates/``; a project overrides any of them by putting a file
of the same name in its own ``templates/`` folder. Text from YAML is passed to templates as
data and never compiled as a template, so ``{{ 7*7 }}`` in a field stays ``{{ 7*7 }}``.
Content Markdown becomes sanitised HTML (see :mod:`builder.markdown_safe`); a text missing in
the page's language falls back to another language, wrapped with its own ``lang`` attribute
and a visible notice — never an empty section, never silently mixed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import jinja2
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markupsafe import Markup, escape

from . import facets, home, svg
from .collation import initial, sort_key
from .glossary_tips import annotate
from .images import intrinsic_size
from .kinds import BY_PAGE, FILE_KINDS, records
from .listing_data import compare_index_path, finder_index_path
from .markdown_safe import plain, to_html
from .model import CaseStudy, GlossaryTerm, TranslationState
from .opendata import page_data
from .paging import base_key, page_key, page_slice, window
from .places import regions_by_country, regions_svg
from .settings import is_todo
from .site import PageSpec, SitePlan, relative
from .site_settings import repository_host
from .timing import programme_schedule

if TYPE_CHECKING:  # the stubs' names of Python-Markdown's heading entries
    from markdown.extensions.toc import _FlatTocToken, _TocToken

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
NOTICE_MARK = "<!-- vp:notices -->"
TOOLTIP_KINDS = {"case", "module", "programme", "theme"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")


@cache
def environment(root: Path | None) -> jinja2.Environment:
    """The one Jinja environment: project templates first, then the package's."""
    loaders: list[jinja2.BaseLoader] = []
    if root is not None and (root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(root / "templates"))
    loaders.append(jinja2.FileSystemLoader(PACKAGE_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


#: How a generated page comes out of its template. ``markdown``: YAML front matter, ATX
#: headings and HTML blocks, for any Markdown processor (and the benchmark's baseline).
#: ``html``: the finished HTML body, its metadata and table of contents — what the site
#: build uses, so MkDocs does not run Markdown over pages that are already HTML.
MODES = ("markdown", "html")


@dataclass
class HtmlPage:
    """A generated page as MkDocs needs it: front matter, HTML body, table of contents."""

    meta: dict[str, Any]
    html: str
    toc: list[_TocToken] = field(default_factory=list)


class PageContext:
    """What a template needs to write one page in one language."""

    def __init__(self, plan: SitePlan, spec: PageSpec, mode: str = "markdown") -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.html_mode = mode == "html"
        self.meta: dict[str, Any] = {}
        self.toc: list[_FlatTocToken] = []
        self._ids: set[str] = set()
        self._id_counts: dict[str, int] = {}
        self.plan = plan
        self.spec = spec
        self.lang = spec.lang
        self.label = plan.labels[spec.lang]
        self.catalog = plan.catalog
        self.fallbacks = 0
        self.terms_seen: set[str] = set()
        order = [spec.lang] + [c for c in plan.languages if c != spec.lang]
        self._order = order

    # -- choosing the language of a text ------------------------------------------------
    def pick(self, value: Mapping[str, Any] | None) -> tuple[Any, str]:
        """(text, language it is in): the page's language, else the first one available."""
        return self.label.pick(value, "")

    def _wrap(self, html: Markup, used: str, *, block: bool) -> Markup:
        if used == self.lang:
            return html
        self.fallbacks += 1
        name = self.plan.labels[used]("language_name")
        if block:
            return Markup(
                '<div class="vp-fallback" lang="{0}"><p class="vp-fallback__note" lang="{1}">'
                "{2}</p>{3}</div>"
            ).format(used, self.lang, f"{name} ·", html)
        return Markup('<span class="vp-fallback" lang="{0}">{1}</span>').format(used, html)

    def md(self, value: Mapping[str, str] | None) -> Markup:
        """A Markdown field as a sanitised HTML block in the page's language; the first use
        of each glossary term on the page gets its explanation as a tooltip."""
        text, used = self.pick(value)
        html = to_html(text, used)
        if used == self.lang and self.spec.kind in TOOLTIP_KINDS:
            html = annotate(
                html,
                self.catalog.glossary.values(),
                self.lang,
                [c for c in self.plan.languages if c != self.lang],
                self.terms_seen,
                self._glossary_href,
            )
        if "<table" in html:
            html = self.scrolling_tables(html)
        return self._wrap(html, used, block=True)

    def scrolling_tables(self, html: str) -> Markup:
        """Tables of a text in a wrapper that scrolls sideways on a narrow screen (the page
        itself never does); focusable and named, so keyboard users can scroll it too."""
        opening = Markup(
            '<div class="vp-table-wrap" tabindex="0" role="region" aria-label="{0}"><table'
        ).format(self.label("table_label"))
        return Markup(
            str(html).replace("<table", str(opening)).replace("</table>", "</table></div>")
        )

    def facet_values(self, case: Any) -> dict[str, list[str]]:
        return facets.case_values(case, self.catalog.config.texts)

    def glossary_groups(self) -> list[tuple[str, list[GlossaryTerm]]]:
        """The glossary in dictionary order of the page's language, by initial letter
        (builder.collation): [("A", [terms]), ("B", …)], "#" last for other signs."""
        named = [(self.plain(term.term), term) for term in self.catalog.glossary.values()]
        named.sort(key=lambda pair: (sort_key(pair[0], self.lang), pair[1].id))
        groups: dict[str, list[GlossaryTerm]] = {}
        for name, term in named:
            groups.setdefault(initial(name), []).append(term)
        return sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))

    def _glossary_href(self, term: GlossaryTerm) -> str:
        return f"{self.href('glossary')}#{term.id}"

    def inline(self, value: Mapping[str, str] | None) -> Markup:
        """A short field as inline HTML (no paragraph)."""
        text, used = self.pick(value)
        return self._wrap(to_html(text, used, inline=True), used, block=False)

    def front(
        self, title: str, description: str, title_lang: str = "", hide: list[str] | None = None
    ) -> Markup:
        """The page's metadata: YAML front matter in Markdown mode, kept aside in HTML mode.
        Title and description are HTML-escaped, as the theme prints them unescaped."""
        meta: dict[str, Any] = {
            "title": str(escape(self.page_title(title))),
            "description": str(escape(description)),
        }
        if title_lang:
            meta["title_lang"] = title_lang
        if hide:
            meta["hide"] = list(hide)
        # Pages of a listing: <link rel="prev|next"> in the head (overrides/main.html).
        links = self.pager()
        for rel in ("prev", "next"):
            if links[rel]:
                meta[f"vp_{rel}"] = links[rel]
        self.meta = meta
        if self.html_mode:
            return Markup("")
        lines = ["---"]
        for key in ("title", "description"):
            lines.append(f"{key}: {json.dumps(meta[key], ensure_ascii=False)}")
        if title_lang:
            lines.append(f"title_lang: {title_lang}")
        for key in ("vp_prev", "vp_next"):
            if key in meta:
                lines.append(f"{key}: {json.dumps(meta[key])}")
        if hide:
            lines.append("hide:")
            lines.extend(f"  - {part}" for part in hide)
        lines.append("---")
        return Markup("\n".join(lines) + "\n")

    def heading(
        self,
        level: int,
        value: Mapping[str, str] | str | None,
        *,
        before: str = "",
        after: str = "",
    ) -> Markup:
        """A section heading. Markdown mode writes an ATX heading (text in another language
        gets ``{ lang="…" }``); HTML mode writes what Python-Markdown's ``toc`` extension
        would — the same ``id``, a permalink — and records the table of contents entry."""
        used = self.lang
        if isinstance(value, Mapping):
            text, used = self.pick(value)
        else:
            text = value or ""
        flat = f"{before}{plain(str(text), used) if text else ''}{after}"
        if used != self.lang:
            self.fallbacks += 1
        if not self.html_mode:
            out = _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
            if used != self.lang:
                out += f' {{ lang="{used}" }}'
            return Markup(f"{'#' * level} {out}")
        name = html.escape(flat, quote=False)
        anchor = unique(slugify(html.unescape(name), "-"), self._ids, self._id_counts)
        # Markdown 3.6+ entries carry "html" and "data-toc-label"; its stubs do not know them.
        self.toc.append(
            {"level": level, "id": anchor, "name": name, "html": name, "data-toc-label": ""}  # type: ignore[typeddict-unknown-key]
        )
        lang_attr = f' lang="{used}"' if used != self.lang else ""
        permalink = (
            f'<a class="headerlink" href="#{anchor}" title="{escape(self.label("permalink"))}">'
            "&para;</a>"
        )
        return Markup(f'<h{level} id="{anchor}"{lang_attr}>{name}{permalink}</h{level}>')

    def lang_of(self, value: Mapping[str, str] | None) -> str:
        """The language a text will be shown in, if not the page's (else "")."""
        used = self.pick(value)[1]
        return "" if used == self.lang else used

    def name(self, value: Mapping[str, str] | str | None) -> Markup:
        """A short text as element content (link labels, card titles, table cells): escaped,
        and wrapped with its own ``lang`` when it is in another language."""
        if not isinstance(value, Mapping):
            return Markup(escape(plain(str(value or ""), self.lang)))
        text, used = self.pick(value)
        html = escape(plain(str(text), used))
        if used == self.lang:
            return Markup(html)
        self.fallbacks += 1
        return Markup('<span lang="{0}">{1}</span>').format(used, html)

    def plain(self, value: Mapping[str, str] | str | None) -> str:
        if isinstance(value, Mapping):
            value = self.pick(value)[0]
        return plain(str(value or ""), self.lang)

    # -- links ---------------------------------------------------------------------------
    def href(self, key: str) -> str:
        return self.plan.href(self.spec, key)

    def asset(self, site_path: str) -> str:
        """Relative link to a file at the site root (kits, data)."""
        return relative(f"{self.lang}/{self.spec.url}", site_path)

    def image_size(self, path: str) -> tuple[int, int] | None:
        """A record picture's (width, height) for its ``<img>`` (read once per plan)."""
        sizes = self.plan.memo.setdefault("image_sizes", {})
        if path not in sizes:
            sizes[path] = intrinsic_size(self.catalog.config.root / path)
        return cast("tuple[int, int] | None", sizes[path])

    # -- pictures (static SVG, see builder.svg) ---------------------------------------------
    def timeline_svg(self, case: CaseStudy) -> Markup:
        return svg.timeline_svg(case.timeline, self.label, self.lang, uid=case.id)

    def places_svg(self) -> Markup:
        return svg.places_svg(
            list(self.catalog.cases.values()),
            self.label,
            self.lang,
            lambda case_id: self.href(f"case/{case_id}"),
        )

    def places_groups(self) -> list[svg.CountryGroup]:
        return svg.places_by_region(self.catalog.cases.values(), self.label, self.lang)

    def counted(self, key: str, count: int) -> str:
        """Label ``key`` with ``{count}`` filled in, in the plural form of ``count``."""
        return self.label.plural(key, count).format(count=self.label.number(count))

    def plural_forms(self, key: str) -> dict[str, str]:
        """The forms of a counted label (``other``: ``key`` itself, ``one``: ``key_one`` …),
        for the script, which picks one with ``Intl.PluralRules``."""
        forms = {"other": self.label(key)}
        for form in ("zero", "one", "two", "few", "many"):
            if text := self.label.get(f"{key}_{form}"):
                forms[form] = text
        return forms

    def region_groups(self) -> list[tuple[str, str, list[Any]]]:
        """Countries and their regions, for the places page of a large catalogue."""
        return regions_by_country(self.plan.regions.values(), self.label, self.lang)

    def regions_svg(self) -> Markup:
        return regions_svg(
            list(self.plan.regions.values()),
            self.label,
            self.lang,
            lambda region_id: self.href(f"region/{region_id}"),
        )

    # -- listings split into pages (builder.paging) ----------------------------------------
    @property
    def paged(self) -> bool:
        """Whether this listing has more than one page."""
        return self.spec.pages > 1

    @property
    def page_size(self) -> int:
        return self.plan.compare_rows if self.spec.kind == "compare" else self.plan.page_size

    def theme_modules(self, theme_id: str) -> list[Any]:
        """The workshop modules of a theme, by id."""
        return sorted(self.catalog.modules_with_theme(theme_id), key=lambda m: m.id)

    def cases_by_id(self) -> list[CaseStudy]:
        """Every case, by id: the order of the finder and the comparison (computed once)."""
        memo = self.plan.memo
        if "cases" not in memo:
            memo["cases"] = sorted(self.catalog.cases.values(), key=lambda c: c.id)
        return cast(list[CaseStudy], memo["cases"])

    def theme_cases(self, theme_id: str) -> list[CaseStudy]:
        """The cases of a theme, by id (computed once per theme)."""
        memo = self.plan.memo.setdefault("theme", {})
        if theme_id not in memo:
            memo[theme_id] = [c for c in self.cases_by_id() if theme_id in c.themes]
        return cast(list[CaseStudy], memo[theme_id])

    def page_items(self, items: Any) -> list[Any]:
        """This page's share of a listing's entries (all of them on a single page)."""
        return page_slice(list(items), self.spec.page, self.page_size)

    def page_range(self, total: int, what: str = "page_range") -> str:
        """Which entries of a listing of ``total`` this page shows ("Case studies 21–40 of
        300"); ``what``: the label (``page_range_modules`` for modules)."""
        first = (self.spec.page - 1) * self.page_size + 1
        last = min(total, self.spec.page * self.page_size)
        key = f"{what}_one" if first == last else what
        return self.label(key).format(
            first=self.label.number(first),
            last=self.label.number(last),
            total=self.label.number(total),
        )

    def page_of(self) -> str:
        return self.label("page_of").format(page=self.spec.page, pages=self.spec.pages)

    def page_title(self, title: str) -> str:
        """A listing's title, with the page number from page 2 on (unique page titles)."""
        if self.spec.page == 1:
            return title
        return self.label("title_page").format(title=title, page_of=self.page_of())

    def page_href(self, page: int) -> str:
        return self.href(page_key(base_key(self.spec.key), page))

    def pager(self) -> dict[str, Any]:
        """Links of this listing's pager: previous, next (``""`` when there is none) and the
        numbered pages shown (``None``: a gap), the current one marked."""
        spec = self.spec
        if spec.pages == 1:
            return {"prev": "", "next": "", "items": []}
        return {
            "prev": self.page_href(spec.page - 1) if spec.page > 1 else "",
            "next": self.page_href(spec.page + 1) if spec.page < spec.pages else "",
            "items": [
                None
                if n is None
                else {"n": n, "href": self.page_href(n), "current": n == spec.page}
                for n in window(spec.page, spec.pages)
            ],
        }

    def finder_index(self) -> str:
        """Link to the finder's JSON index of this language (builder.listing_data)."""
        return self.asset(finder_index_path(self.plan, self.lang))

    def compare_index(self) -> str:
        return self.asset(compare_index_path(self.plan, self.lang))

    # -- the home page (builder.home) -------------------------------------------------------
    def home(self) -> tuple[home.HomeSelection, home.LocatorMaps]:
        """What the home page shows, and the locator maps of its cases (chosen once)."""
        memo = self.plan.memo
        if "home" not in memo:
            chosen = home.select(self.catalog)
            shown = [c for c in (chosen.featured, *chosen.cases) if c is not None]
            memo["home"] = (chosen, home.locator_maps(shown))
        return cast(tuple[home.HomeSelection, home.LocatorMaps], memo["home"])

    def repository_link(self) -> tuple[str, str]:
        """(address, link text) of the project's repository; ("", "") when none is set."""
        url = self.catalog.config.repo_url
        host = repository_host(url) if url else ""
        return (url, self.label("repository").format(host=host)) if url else ("", "")

    def has(self, key: str) -> bool:
        """Whether this language has the page ``key`` (a link to it can be offered)."""
        return key in self.plan.pages[self.lang]

    def translation_notice(self, record: Any) -> str:
        state = getattr(record, "translation", {}).get(self.lang)
        if state == TranslationState.draft:
            return self.label("draft_notice")
        if state == TranslationState.machine:
            return self.label("machine_notice")
        return ""


def render_page(plan: SitePlan, spec: PageSpec, **extra: Any) -> str:
    """The Markdown source of one generated page (front matter, headings, HTML blocks)."""
    return _render(PageContext(plan, spec, "markdown"), **extra)


def render_html(plan: SitePlan, spec: PageSpec, **extra: Any) -> HtmlPage:
    """One generated page as finished HTML, with its metadata and table of contents."""
    ctx = PageContext(plan, spec, "html")
    body = _render(ctx, **extra)
    return HtmlPage(ctx.meta, body.strip() + "\n", nest_toc_tokens(ctx.toc))


def render_home_sections(plan: SitePlan, spec: PageSpec) -> str:
    """The generated part of a hand-written home page (docs/<lang>/index.md holds the
    intro): featured case, entry points, case and module cards (templates/_home.j2)."""
    ctx = PageContext(plan, spec, "html")
    template = environment(plan.catalog.config.root).get_template("_home.j2")
    return template.render(c=ctx, l=ctx.label, catalog=plan.catalog, spec=spec).strip() + "\n"


def _render(ctx: PageContext, **extra: Any) -> str:
    plan, spec = ctx.plan, ctx.spec
    env = environment(plan.catalog.config.root)
    template = env.get_template(f"{spec.kind}.md.j2")
    record = _record(plan, spec)
    if spec.kind == "list-cases":
        memo = plan.memo.setdefault("facets", {})
        if spec.lang not in memo:
            opts = facets.options(
                plan.catalog.cases.values(), plan.catalog.themes, ctx.label, spec.lang
            )
            memo[spec.lang] = (opts, facets.filter_css(opts))
        opts, css = memo[spec.lang]
        extra.setdefault("facet_options", opts)
        extra.setdefault("filter_css", css)
    if spec.kind == "reference":
        from . import fieldref

        config = plan.catalog.config
        extra.setdefault("field_rows", {k: fieldref.rows(k, config) for k in fieldref.KINDS})
        extra.setdefault(
            "kind_files",
            {kind.name: kind.file for kind in FILE_KINDS},
        )
        extra.setdefault("describe", lambda kind, row: fieldref.describe(kind, row, spec.lang))
    if spec.kind == "programme":
        extra.setdefault("schedule", programme_schedule(record, plan.catalog.modules))
    if spec.kind == "opendata":
        extra.setdefault("data", page_data(plan))
    if spec.kind in ("imprint", "privacy"):
        extra.setdefault("publisher", plan.catalog.config.settings.publisher)
        extra.setdefault("todo", is_todo)
        repo = plan.catalog.config.repo_url
        extra.setdefault("repo_host", repository_host(repo) if repo else "")
    body = template.render(
        c=ctx, l=ctx.label, record=record, catalog=plan.catalog, spec=spec, **extra
    )
    notices = []
    if record is not None and (msg := ctx.translation_notice(record)):
        notices.append(msg)
    if ctx.fallbacks:
        notices.append(ctx.label("missing_notice"))
    block = "".join(f'<p class="vp-notice" role="note">{escape(n)}</p>\n' for n in notices)
    return body.replace(NOTICE_MARK, block, 1)


def _record(plan: SitePlan, spec: PageSpec) -> Any:
    cat = plan.catalog
    if spec.kind in BY_PAGE:
        return records(cat, BY_PAGE[spec.kind]).get(spec.record_id)
    tables: dict[str, Mapping[str, Any]] = {
        "theme": cat.themes,
        "region": plan.regions,
        "theme-modules": cat.themes,
    }
    table = tables.get(spec.kind)
    return table.get(spec.record_id) if table is not None else None
