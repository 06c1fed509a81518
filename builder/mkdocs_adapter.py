"""The one module that talks to the site engine: MkDocs, or ProperDocs, its maintained
continuation (the same API; :func:`builder.engine.select_engine` picks one per process).

Everything else (loading, validation, rendering, kits, the page plan) is plain Python. The
pipeline (:mod:`builder.build`) checks the content and plans the pages once, then calls
:func:`run` with one :class:`~builder.engine.Job` per language: Material's own
multi-language pattern, **one engine build per language**, each into ``site/<lang>/`` with
its own search index and stemming. This module never imports the pipeline.

The plugin, through the documented plugin events only:

* ``on_config`` takes the job's plan (a plain ``mkdocs build`` makes its own job: first
  language), sets the language of theme and search, the small per-language navigation
  and our template overrides;
* ``on_files`` adds the generated pages with ``File.generated``, empty (the preview backs
  them with stamp files, so the engine's incremental mode sees which changed);
* ``on_page_markdown`` puts the values a hand-written page quotes (``{{ repo_url }}``) in;
* ``on_page_context`` renders a generated page when the engine writes it, straight to HTML
  (:func:`builder.render.render_html`), one at a time — a hand-written home gets the
  generated sections after its intro —, and gives every page its alternates (same page,
  other languages) and its edit link; ``on_post_page`` drops the body once written, so a
  build holds one generated page at a time, not the whole catalogue.

Content errors cross back intact (:class:`~builder.engine.Outcome`); the engine's own
warnings are attributed to the page being built when they were logged.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from .assets import UsedNames, lighten
from .catalog import load_catalog
from .compact import compact_html
from .config import PLUGIN_NAME, load_config, read_settings
from .engine import Job, Outcome, edit_url, engine_settings, page_alternates, static_files
from .errors import ContentError, ContentErrors, ErrorList
from .kits.downloads import downloads_markdown
from .messages import editor_language
from .render import render_home_sections, render_html
from .settings import Settings
from .site import PageSpec, build_plan
from .site_settings import doc_values, fill
from .theme_patches import PatchError, patched_loader

log = get_plugin_logger(__name__)
OVERRIDES = Path(__file__).parent / "overrides"


class VillesPairsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # see config_scheme
    """The ``villes-pairs`` plugin.

    Its options are the fields of :class:`builder.settings.Settings`, written once there:
    MkDocs lets each through (and rejects unknown ones), :class:`Settings` checks them all.
    """

    config_scheme = tuple((name, c.Optional(c.Type(object))) for name in Settings.model_fields)
    supports_multiple_instances = False

    def __init__(self) -> None:
        #: The build to make: given by :func:`run`; a plain ``mkdocs build`` makes its own.
        self.job: Job | None = None
        #: Content errors met while building (they stop the build and go back intact).
        self.problems = ErrorList()
        #: Source path -> page, for the generated pages of this language.
        self.generated: dict[str, PageSpec] = {}
        #: Page key -> keys of the pages its generated HTML links to (the preview rebuilds a
        #: page when a record it links to changed).
        self.links: dict[str, frozenset[str]] = {}
        self.key_by_uri: dict[str, str] = {}
        self.key_by_url: dict[str, str] = {}
        #: The page being built, to whom the engine's own warnings belong.
        self.current = ""
        #: What the pages written show (classes …), for the style sheets (builder/assets.py).
        self.used = UsedNames()

    def _fail(self, errors: ContentErrors | ContentError) -> PluginError:
        """Keep the errors for the pipeline; stop the engine with a readable message."""
        if isinstance(errors, ContentErrors):
            self.problems.extend(errors.errors)
        else:
            self.problems.add(errors)
        return PluginError(f"Content errors:\n{errors.render(editor_language())}")

    @event_priority(100)  # first: search and theme read the language we set here
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            job = self.job or self._own_job(config)
        except (ContentErrors, ContentError) as exc:
            raise self._fail(exc) from None
        self.job = job
        plan, lang = job.plan, job.lang
        settings = engine_settings(
            plan,
            lang,
            site_name=config.site_name,
            site_url=config.site_url or "",
            copyright=config.copyright,
        )
        config.theme["language"] = settings.language
        config.theme.dirs.insert(_material_index(config), str(OVERRIDES))
        config.extra.update(settings.extra)
        config.copyright = settings.copyright
        config.site_url = settings.site_url or config.site_url
        config.extra_css.extend(settings.extra_css)
        config.extra_javascript.extend(settings.extra_javascript)
        # Hand-written pages get the same permalink title as generated ones, in this language.
        toc_options = config.mdx_configs.get("toc")
        if isinstance(toc_options, dict) and toc_options.get("permalink"):
            toc_options.setdefault("permalink_title", settings.permalink_title)
        config.nav = settings.nav
        config.edit_uri = settings.edit_uri
        pages = plan.pages[lang]
        self.key_by_uri = {spec.uri: key for key, spec in pages.items()}
        self.key_by_url = {spec.url: key for key, spec in pages.items()}
        return config

    def _own_job(self, config: MkDocsConfig) -> Job:
        """The job of a plain ``mkdocs build``: load, check and plan here, build the
        language named by the ``language`` option (default: the first)."""
        project = load_config(Path(config.config_file_path).parent)
        settings = read_settings({k: v for k, v in self.config.items() if v is not None})
        catalog = load_catalog(project)
        if catalog.problems.errors:
            raise ContentErrors(catalog.problems)
        for warning in catalog.problems.warnings:
            log.info(warning.render(editor_language()))
        lang = settings.language or project.codes[0]
        if lang not in project.codes:
            raise ContentError(
                "mkdocs.yml",
                field="language",
                message=f"{lang!r} is not one of the site's languages",
                hint=f"use one of {', '.join(project.codes)}",
            )
        return Job(build_plan(catalog), lang, Path(config.site_dir))

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Material's templates with our small validity patches (builder/theme_patches.py)."""
        try:
            env.loader = patched_loader(env)
        except PatchError as exc:
            raise self._fail(ContentError("mkdocs.yml", message=str(exc))) from None
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.used = UsedNames(features=_features(config))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages of this language (records, lists, themes, glossary) and
        the site's own static files (the typeface); refuse hand-written files that a link
        leads outside the repository (MkDocs follows links and would publish whatever they
        point at)."""
        assert self.job is not None
        root = Path(config.config_file_path).parent.resolve()
        for file in files:
            if (
                file.src_dir == config.docs_dir
                and file.abs_src_path
                and not Path(file.abs_src_path).resolve().is_relative_to(root)
            ):
                raise self._fail(
                    ContentError(
                        f"docs/{self.job.lang}/{file.src_uri}",
                        message="this file leads outside the repository (through a link)",
                        hint="replace the link with the file itself",
                    )
                )
        for source, uri in static_files():
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        self.generated = {}
        for spec in self.job.plan.generated(self.job.lang):
            if files.get_file_from_path(spec.uri) is not None:
                raise self._fail(
                    ContentError(
                        f"docs/{self.job.lang}/{spec.uri}",
                        message="this file would hide the generated page of the same address",
                        hint="rename or remove the hand-written file",
                    )
                )
            self.generated[spec.uri] = spec
            files.append(self._generated_file(spec, config))
        return files

    def _generated_file(self, spec: PageSpec, config: MkDocsConfig) -> File:
        """An empty page, rendered when written; in the preview, backed by its stamp file
        (whose date tells the incremental mode whether the page changed)."""
        assert self.job is not None
        if self.job.stamps is not None:
            stamp = self.job.stamps / spec.uri
            return File.generated(config, spec.uri, abs_src_path=str(stamp))
        return File.generated(config, spec.uri, content="")

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Remember the page being built: the engine's warnings name no file."""
        self.current = page.file.src_uri
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Put the values a hand-written page quotes (``{{ repo_url }}``) in; the kits page
        gets its download table (:mod:`builder.kits.downloads`), from the kits built beside
        this language (``<site>/kits``, built before the languages)."""
        assert self.job is not None
        markdown = fill(markdown, doc_values(self.job.plan.catalog.config))
        key = self.key_by_uri.get(page.file.src_uri, "")
        kits = self.job.site_dir.parent / "kits"
        return downloads_markdown(markdown, self.job.plan, self.job.lang, key, kits)

    @event_priority(50)  # before search, which indexes page.content in the same event
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Render a generated page now (one at a time), and give every page its alternates:
        the same page in every language (switcher and hreflang)."""
        assert self.job is not None
        self.current = page.file.src_uri
        spec = self.generated.get(page.file.src_uri)
        plan, lang = self.job.plan, self.job.lang
        key = self.key_by_uri.get(page.file.src_uri, f"doc/{page.file.src_uri}")
        try:
            if spec is not None:
                rendered = render_html(plan, spec)
                page.meta = rendered.meta
                page.content = rendered.html
                page.toc = get_toc(rendered.toc)
                self.links[spec.key] = self._linked_pages(page.url, rendered.html)
            elif key == "index":  # a hand-written home: its intro, then the generated part
                sections = render_home_sections(plan, plan.pages[lang][key])
                page.content = (page.content or "") + sections
                self.links[key] = self._linked_pages(page.url, sections)
        except ContentError as exc:
            raise self._fail(exc) from None
        if key in plan.pages[lang]:
            page.edit_url = edit_url(plan, plan.pages[lang][key])
        context["vp_alternates"] = self._alternates(page, config)  # type: ignore[typeddict-unknown-key]
        return context

    @event_priority(-100)  # last: every other plugin has seen the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Drop a generated page's body once written (the engine keeps every page until the
        end), and the theme's indentation from every page."""
        if page.file.src_uri in self.generated:
            page.content = ""
            page.toc = get_toc([])
        self.current = ""
        output = compact_html(output)
        self.used.add_html(output)
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's own pages (404.html) count for the style sheets too."""
        self.used.add_html(output_content)
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Light style sheets and scripts (builder/assets.py): ours minified, Material's
        without the rules no page can match. The preview, which rewrites some pages only,
        adds what the others showed in the previous build."""
        assert self.job is not None
        seen = self.job.plan.catalog.config.root / ".cache" / "site-names" / f"{self.job.lang}.json"
        if self.job.dirty is None:
            seen.unlink(missing_ok=True)  # a full build sees every page itself
        lighten(Path(config.site_dir), config.theme.dirs, self.used, seen=seen)

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
        assert self.job is not None
        key = self.key_by_uri.get(page.file.src_uri, f"doc/{page.file.src_uri}")
        return page_alternates(self.job.plan, self.job.lang, key, page.url, config.site_url or "")


_HREF = re.compile(r'href="([^"?]*)')


def _features(config: MkDocsConfig) -> frozenset[str]:
    """Material's features on, and what else makes its script add markup of its own."""
    features = set(config.theme.get("features") or [])
    features.update(
        name
        for name, on in (
            ("repo_url", config.repo_url),
            ("version", config.extra.get("version")),
            ("tags", "tags" in config.plugins or "material/tags" in config.plugins),
        )
        if on
    )
    return frozenset(features)


def _material_index(config: MkDocsConfig) -> int:
    for i, folder in enumerate(config.theme.dirs):
        if "material" in Path(folder).parts:
            return i
    return 0


def run(job: Job) -> Outcome:
    """One engine build: language ``job.lang`` of the plan's project into ``job.site_dir``.

    Returns what each generated page links to, or the content errors that stopped it. In
    the preview (``job.dirty`` set), the engine's incremental mode rewrites only the pages
    whose sources (stamps) are newer than their HTML.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_load_config

    root = job.plan.catalog.config.root
    outcome = Outcome(job.lang)
    docs_dir = root / "docs" / job.lang
    with _docs_folder(docs_dir) as folder:
        cfg = mkdocs_load_config(
            str(root / "mkdocs.yml"),
            docs_dir=str(folder),
            site_dir=str(job.site_dir),
            strict=job.strict,
        )
        plugin = cfg.plugins.get(PLUGIN_NAME)
        if not isinstance(plugin, VillesPairsPlugin):
            outcome.errors.add(
                ContentError(
                    "mkdocs.yml",
                    field="plugins",
                    message=f"the `{PLUGIN_NAME}` plugin is not listed",
                    hint=f"add `- {PLUGIN_NAME}` under `plugins:`",
                )
            )
            return outcome
        plugin.job = job
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        with _engine_messages(plugin, job.lang) as messages:
            try:
                build(cfg, dirty=job.dirty is not None)
            except (Abort, PluginError) as exc:
                outcome.errors.extend(plugin.problems or messages or [_failed(job.lang, exc)])
    outcome.links = dict(plugin.links)
    return outcome


@contextmanager
def _docs_folder(docs_dir: Path) -> Iterator[Path]:
    """The language's hand-written pages, or an empty folder when it has none."""
    if docs_dir.is_dir():
        yield docs_dir
        return
    with tempfile.TemporaryDirectory() as empty:
        yield Path(empty)


@contextmanager
def _engine_messages(plugin: VillesPairsPlugin, lang: str) -> Iterator[list[ContentError]]:
    """The engine's warnings and errors of one build, each attributed to the page being
    built when it was logged (or to mkdocs.yml), as content errors."""
    found: list[ContentError] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            verb = "warns" if record.levelno == logging.WARNING else "reports an error"
            where = f"docs/{lang}/{plugin.current}" if plugin.current else "mkdocs.yml"
            if plugin.current in plugin.generated:
                where = f"(generated page {plugin.current})"
            found.append(
                ContentError(
                    where,
                    message=f"the site engine ({lang}) {verb}: "
                    + " ".join(record.getMessage().split()),
                    hint="fix the page, or the link it names",
                )
            )

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def _failed(lang: str, exc: Exception) -> ContentError:
    return ContentError("mkdocs.yml", message=f"the site engine stopped ({lang}): {exc}")


def live_server(
    site_dir: Path,
    rebuild: Callable[[], None],
    watched: list[Path],
    *,
    host: str,
    port: int,
) -> None:
    """Serve ``site_dir`` with the engine's live-reload server, calling ``rebuild`` after
    each change to a watched path."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in watched:
        server.watch(str(path))
    print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        server.serve()  # type: ignore[no-untyped-call]  # untyped in MkDocs
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
