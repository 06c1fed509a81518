"""The one module that talks to MkDocs.

Everything else (loading, validation, rendering, kits, the page plan) is plain Python, so a
move to ProperDocs or Zensical touches this file only. Material's own multi-language
pattern is followed: **one MkDocs build per language**, each into ``site/<lang>/`` with its
own search index and stemming; :mod:`builder.build` runs them in parallel.

The plugin:

* ``on_config`` loads the catalogue (content errors become ``PluginError``), sets the
  language of theme and search, the small per-language navigation and our template
  overrides;
* ``on_files`` adds the generated pages with ``File.generated``, empty: a generated page is
  rendered only when MkDocs writes it (``on_page_context``), straight to HTML by
  :func:`builder.render.render_html` — its template already writes HTML, so no Markdown pass
  (``on_pre_page`` skips it) — and its body is dropped once written (``on_post_page``). A
  language build thus holds one generated page at a time, not the whole catalogue;
* ``on_page_context`` also hands each page its alternates (same page, other languages).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import posixpath
import re
import tempfile
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .build import dirty_pages, shared_catalog
from .catalog import Catalog, load_catalog
from .compact import compact_html
from .config import ProjectConfig, load_config
from .errors import ContentError, ContentErrors
from .kits import read_manifest
from .kits.downloads import KITS_PAGE, insert_downloads
from .render import render_html
from .site import PageSpec, SitePlan, build_plan, navigation, relative

log = get_plugin_logger(__name__)
OVERRIDES = Path(__file__).parent / "overrides"


class BuilderConfig(base.Config):
    """Options of the ``villes-pairs`` plugin in mkdocs.yml."""

    # Languages of the site, in order; each needs UI labels (builder/labels/<code>.yml).
    languages = c.ListOfItems(c.Type(dict), default=[])
    # The language this MkDocs run builds (set by `python -m builder build` for each run;
    # a plain `mkdocs build` builds the first language).
    language = c.Optional(c.Type(str))
    # Default start time for a module's kit agenda.
    kit_start = c.Type(str, default="09:30")
    # Images larger than this are refused by `check`.
    max_image_bytes = c.Type(int, default=2_000_000)
    page_size = c.Type(int, default=20)  # case studies per listing page (builder/config.py)


def _content_error(errors: ContentErrors | ContentError) -> PluginError:
    return PluginError(f"Content errors:\n{errors}")


class VillesPairsPlugin(BasePlugin[BuilderConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: ProjectConfig | None = None
        self.catalog: Catalog | None = None
        self.plan: SitePlan | None = None
        self.lang = ""
        self.key_by_uri: dict[str, str] = {}
        self.generated: dict[str, PageSpec] = {}  # source path -> page, generated pages only
        # What each generated page links to (page keys): the live preview rebuilds a page
        # when a record it links to changed (see builder.build).
        self.links: dict[str, frozenset[str]] = {}
        self.key_by_url: dict[str, str] = {}
        self.dirty: frozenset[str] | None = None  # page keys to rebuild; None: all
        self.rebuilt: set[str] = set()
        self.previous_index: list[dict[str, Any]] = []

    @event_priority(100)  # first: search and theme read the language we set here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            self.project = load_config(root)
            # Inside `python -m builder build`, the catalogue it already checked.
            self.catalog = shared_catalog(self.project) or load_catalog(self.project)
            if self.catalog.problems.errors:
                raise ContentErrors(self.catalog.problems)
            self.plan = build_plan(self.catalog)
        except (ContentErrors, ContentError) as exc:
            raise _content_error(exc) from None
        for warning in self.catalog.problems.warnings:
            log.info(str(warning))
        self.lang = self.config.language or self.project.codes[0]
        labels = self.plan.labels[self.lang]
        config.theme["language"] = self.lang
        config.theme.dirs.insert(_material_index(config), str(OVERRIDES))
        config.extra["alternate"] = [
            {"name": self.plan.labels[code]("language_name"), "link": f"/{code}/", "lang": code}
            for code in self.plan.languages
        ]
        config.extra["vp_lang"] = self.lang
        if config.copyright:  # the footer line in the page's language, not mkdocs.yml's one
            config.copyright = labels.get("copyright") or config.copyright
        # Head metadata in this language (overrides/main.html): locales for og:locale,
        # the description of pages that have none, the title of the Atom feed.
        config.extra["vp_meta"] = {
            "locale": labels("locale"),
            "locales": {code: self.plan.labels[code]("locale") for code in self.plan.languages},
            "description": labels("site_description"),
            "feed_title": f"{config.site_name} – {labels('feed_title')}",
        }
        # Hand-written pages get the same permalink title as generated ones, in this language.
        toc_options = config.mdx_configs.get("toc")
        if isinstance(toc_options, dict) and toc_options.get("permalink"):
            toc_options.setdefault("permalink_title", labels("permalink"))
        config.extra_css.append("assets/villes-pairs.css")
        config.extra_javascript.append("assets/villes-pairs.js")
        if config.site_url and not config.site_url.rstrip("/").endswith(f"/{self.lang}"):
            config.site_url = config.site_url.rstrip("/") + f"/{self.lang}/"
        pages = self.plan.pages[self.lang]
        self.key_by_uri = {spec.uri: key for key, spec in pages.items()}
        self.key_by_url = {spec.url: key for key, spec in pages.items()}
        self.dirty = dirty_pages()
        nav: list[Any] = []
        for section, items in navigation(self.plan, self.lang):
            entries = [{label: uri} for label, uri in items]
            nav.extend(entries) if section is None else nav.append({section: entries})
        config.nav = nav
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages of this language (records, lists, themes, glossary);
        refuse hand-written files that a link leads outside the repository (MkDocs follows
        links and would publish whatever they point at)."""
        assert self.plan is not None
        root = Path(config.config_file_path).parent.resolve()
        for file in files:
            if (
                file.src_dir == config.docs_dir
                and file.abs_src_path
                and not Path(file.abs_src_path).resolve().is_relative_to(root)
            ):
                raise PluginError(
                    f"docs/{self.lang}/{file.src_uri} leads outside the repository"
                    " (through a link): replace the link with the file itself"
                )
        self.generated = {}
        for spec in self.plan.generated(self.lang) + [
            p for p in self.plan.pages[self.lang].values() if p.kind == "home-generated"
        ]:
            existing = files.get_file_from_path(spec.uri)
            if existing is not None:
                raise PluginError(
                    f"docs/{self.lang}/{spec.uri} would hide the generated page of the same"
                    " address: rename or remove the hand-written file"
                )
            self.generated[spec.uri] = spec
            file = File.generated(config, spec.uri, content="")
            if self.dirty is not None:  # an incremental build (MkDocs' dirty mode)
                changed = spec.key in self.dirty
                file.is_modified = lambda changed=changed: changed  # type: ignore[method-assign]
            files.append(file)
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """An incremental build keeps the search entries of the pages it does not rebuild."""
        self.rebuilt = set()
        self.previous_index = []
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.dirty is not None and index.is_file():
            self.previous_index = json.loads(index.read_text(encoding="utf-8")).get("docs", [])

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Generated pages skip MkDocs' Markdown pass: their HTML comes in on_page_context."""
        if page.file.src_uri in self.generated:
            page.render = types.MethodType(_rendered_later, page)  # type: ignore[method-assign]
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """The kits page gets the download centre: every kit with its pages and size, read
        from the kits' manifest (``site/kits/kits.json``, built before the languages)."""
        assert self.plan is not None
        if self.key_by_uri.get(page.file.src_uri) != KITS_PAGE:
            return markdown
        spec = self.plan.pages[self.lang][KITS_PAGE]
        manifest = read_manifest(Path(config.site_dir).parent / "kits")
        return insert_downloads(markdown, self.plan, spec, manifest)

    @event_priority(50)  # before search, which indexes page.content in the same event
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        """Render a generated page now (one at a time), and give every page its alternates:
        the same page in every language (switcher and hreflang)."""
        assert self.plan is not None
        spec = self.generated.get(page.file.src_uri)
        if spec is not None:
            try:
                rendered = render_html(self.plan, spec)
            except ContentError as exc:
                raise _content_error(exc) from None
            page.meta = rendered.meta
            page.content = rendered.html
            page.toc = get_toc(rendered.toc)
            self.links[spec.key] = self._linked_pages(page.url, rendered.html)
        self.rebuilt.add(page.url)
        context["vp_alternates"] = self._alternates(page, config)
        return context

    @event_priority(-100)  # last: every other plugin has seen the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Drop a generated page's body once written (MkDocs keeps every page until the end),
        and the theme's indentation from every page."""
        if page.file.src_uri in self.generated:
            page.content = ""
            page.toc = get_toc([])
        return compact_html(output)

    @event_priority(-100)  # after search has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.dirty is None or not self.previous_index:
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        data = json.loads(index.read_text(encoding="utf-8"))
        kept = [d for d in self.previous_index if d["location"].split("#")[0] not in self.rebuilt]
        data["docs"] = data.get("docs", []) + kept
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")

    def _linked_pages(self, url: str, html: str) -> frozenset[str]:
        """Keys of the pages of this language that a page's HTML links to."""
        keys = set()
        for href in _HREF.findall(html):
            if href.startswith(("#", "/")) or ":" in href:
                continue
            target = posixpath.normpath(posixpath.join("/" + url, href.split("#")[0]))
            target = target.lstrip("/") + "/" if target != "/" else ""
            key = self.key_by_url.get(target)
            if key is not None:
                keys.add(key)
        return frozenset(keys)

    def _alternates(self, page: Page, config: MkDocsConfig) -> list[dict[str, Any]]:
        assert self.plan is not None
        key = self.key_by_uri.get(page.file.src_uri, f"doc/{page.file.src_uri}")
        alternates = self.plan.alternates(key) if key in self.plan.pages[self.lang] else {}
        base_url = (config.site_url or "").removesuffix(f"{self.lang}/")
        here = f"{self.lang}/{page.url}"
        return [
            {
                "lang": code,
                "name": self.plan.labels[code]("language_name"),
                "href": relative(here, url),
                "abs": base_url + url if base_url else "",
                "current": code == self.lang,
            }
            for code, url in alternates.items()
        ]


_HREF = re.compile(r'href="([^"?]*)')


def _rendered_later(self: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` of a generated page: nothing to convert (see on_page_context)."""
    self.content = ""
    self.toc = get_toc([])


def _material_index(config: MkDocsConfig) -> int:
    for i, folder in enumerate(config.theme.dirs):
        if "material" in Path(folder).parts:
            return i
    return 0


def build_language(
    root: Path, lang: str, site_dir: Path, *, strict: bool = True
) -> dict[str, frozenset[str]]:
    """One MkDocs build: language ``lang`` of the project into ``site_dir``. Returns what
    each generated page links to (page keys). Inside an incremental build of the live
    preview (:func:`builder.build.dirty_pages`), MkDocs' dirty mode rewrites only the pages
    that changed."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_load_config

    docs_dir = root / "docs" / lang
    empty = None
    if not docs_dir.is_dir():
        empty = tempfile.TemporaryDirectory()
        docs_dir = Path(empty.name)
    try:
        cfg = mkdocs_load_config(
            str(root / "mkdocs.yml"),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            strict=strict,
        )
        plugin = cfg.plugins.get("villes-pairs")
        if not isinstance(plugin, VillesPairsPlugin):
            raise Abort("mkdocs.yml must list the `villes-pairs` plugin")
        plugin.config.language = lang  # type: ignore[attr-defined]
        _quiet()
        with _collected() as problems:
            try:
                build(cfg, dirty=dirty_pages() is not None)
            except Abort as exc:
                raise _build_failed(lang, problems, str(exc)) from None
    except PluginError as exc:
        raise ContentError("mkdocs.yml", 0, 0, "", str(exc)) from None
    except Abort as exc:
        raise ContentError("mkdocs.yml", 0, 0, "", f"MkDocs build failed ({lang}): {exc}") from None
    finally:
        if empty is not None:
            empty.cleanup()
    return dict(plugin.links)


def _quiet() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _collected() -> Iterator[list[str]]:
    """MkDocs' warnings and errors of one build (no handler prints them in our runs)."""
    handler = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def _build_failed(lang: str, problems: list[str], reason: str) -> ContentError:
    """One located error for a failed MkDocs run, with what MkDocs complained about."""
    text = " | ".join(" ".join(p.split()) for p in problems) or reason
    named = re.search(rf"(?:Doc file|page) '([^']+)'|^docs/{lang}/(\S+) ", text)
    path = f"docs/{lang}/{named.group(1) or named.group(2)}" if named else "mkdocs.yml"
    return ContentError(
        path,
        0,
        0,
        "",
        f"MkDocs build failed ({lang}): {text}",
        "fix the page, or the link it names",
    )


def serve(project: ProjectConfig, *, host: str, port: int) -> None:
    """Live preview: build everything, serve ``site/``, and after each change rebuild what
    the change affects (see :class:`builder.build.Preview`)."""
    from mkdocs.livereload import LiveReloadServer

    from .build import Preview, build_site

    out = project.root / "site"
    preview = Preview()

    def rebuild() -> None:
        try:
            build_site(load_config(project.root), strict=False, kits=False, preview=preview)
            print(f"  ({preview.last})")
        except (ContentErrors, ContentError) as exc:
            print(exc)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out))
    for folder in ("case_studies", "workshops", "docs", "templates", "labels"):
        if (project.root / folder).exists():
            server.watch(str(project.root / folder))
    for name in ("themes.yml", "glossary.yml", "mkdocs.yml"):
        if (project.root / name).exists():
            server.watch(str(project.root / name))
    server.watch(str(Path(__file__).parent / "templates"))
    print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
