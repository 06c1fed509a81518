"""What the pipeline hands to a site engine, and what it gets back — no engine imported here.

The orchestrator (:mod:`builder.build`) checks the content and plans every page once, then
gives each language's build a :class:`Job`. The engine adapter
(:mod:`builder.mkdocs_adapter`, for MkDocs and ProperDocs) receives the job as an argument:
it never loads or plans anything itself when run by the pipeline, and never imports the
orchestrator. An engine run ends with a :class:`Outcome`: what each generated page links to
(for the live preview), or the content errors that stopped it, intact, with file and line.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import ContentError, ErrorList
from .settings import is_todo
from .site import PageSpec, SitePlan, navigation, relative, source_file
from .site_settings import repository_host

EngineName = Literal["mkdocs", "properdocs"]
#: The engines `python -m builder build --engine` accepts; the first is the default.
ENGINES: tuple[EngineName, ...] = ("mkdocs", "properdocs")


@dataclass(frozen=True)
class Job:
    """One language's build: everything the engine needs, passed down, never global."""

    plan: SitePlan
    lang: str
    site_dir: Path
    strict: bool = True
    #: Keys of the pages to rewrite in an incremental (preview) build; None: every page.
    dirty: frozenset[str] | None = None
    #: Where the preview keeps one small stamp file per generated page: its modification
    #: time tells the engine's incremental mode whether the page changed (see
    #: :func:`builder.preview.write_stamps`). None outside the preview.
    stamps: Path | None = None


@dataclass
class Outcome:
    """What one engine run gives back to the pipeline."""

    lang: str
    #: Page key -> keys of the pages its HTML links to (generated pages only).
    links: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Content errors that stopped the run (empty when it succeeded).
    errors: ErrorList = field(default_factory=ErrorList)


def select_engine(name: EngineName) -> None:
    """Make ``import mkdocs`` mean the chosen engine in this process.

    ProperDocs is the maintained continuation of MkDocs 1.x: importing
    ``properdocs.replacement`` redirects every ``mkdocs.*`` import (ours and Material's) to
    ``properdocs.*``. It must happen before anything imports ``mkdocs``; the pipeline runs
    each language build in a fresh worker, and never imports an engine itself.
    """
    if name == "mkdocs":
        return
    try:
        importlib.import_module(f"{name}.replacement")
    except ImportError:
        raise ContentError(
            "mkdocs.yml",
            message=f"the engine {name!r} is not installed",
            hint=f'install it with `.venv/bin/pip install -e ".[{name}]"`',
        ) from None


@dataclass(frozen=True)
class EngineSettings:
    """What the build of one language sets in the engine's configuration, worked out from
    the plan alone: the plugin applies it in ``on_config``, the export writes it into each
    language's ``mkdocs.yml`` (:mod:`builder.export`)."""

    language: str
    site_url: str
    copyright: str | None
    nav: list[Any]
    #: Added to ``extra``: the languages for the theme's selector, this language, and the
    #: head metadata of our template overrides (locales, description, feed title).
    extra: dict[str, Any]
    extra_css: tuple[str, ...] = ("assets/villes-pairs.css", "assets/home-and-trust.css")
    extra_javascript: tuple[str, ...] = ("assets/villes-pairs.js",)
    #: ``toc`` extension: the permalinks' title in this language.
    permalink_title: str = ""
    #: Where this language's hand-written pages open for editing, relative to ``repo_url``
    #: (``edit/main/docs/de/``); None: no edit links.
    edit_uri: str | None = None


def engine_settings(
    plan: SitePlan, lang: str, *, site_name: str, site_url: str, copyright: str | None
) -> EngineSettings:
    """The engine configuration of language ``lang`` (``site_url`` and ``copyright`` as
    written in mkdocs.yml)."""
    labels = plan.labels[lang]
    config = plan.catalog.config
    if site_url and not site_url.rstrip("/").endswith(f"/{lang}"):
        site_url = site_url.rstrip("/") + f"/{lang}/"
    return EngineSettings(
        language=lang,
        site_url=site_url,
        # The footer line in the page's language, not mkdocs.yml's one.
        copyright=(labels.get("copyright") or copyright) if copyright else copyright,
        nav=nav_config(navigation(plan, lang)),
        extra={
            "alternate": [
                {"name": plan.labels[code]("language_name"), "link": f"/{code}/", "lang": code}
                for code in plan.languages
            ],
            "vp_lang": lang,
            "vp_meta": {
                "locale": labels("locale"),
                "locales": {code: plan.labels[code]("locale") for code in plan.languages},
                "description": labels("site_description"),
                "feed_title": f"{site_name} – {labels('feed_title')}",
                "search_submit": labels("search_submit"),
            },
            "vp_footer": footer(plan, lang),
            "vp_404": not_found(plan, lang),
            "vp_edit": edit_link(plan, lang),
        },
        permalink_title=labels("permalink"),
        edit_uri=f"{config.edit_uri}docs/{lang}/" if config.repo_url and config.edit_uri else None,
    )


def footer(plan: SitePlan, lang: str) -> dict[str, Any]:
    """What every page's footer shows (overrides/partials/copyright.html): the legal pages,
    how to contribute and the repository, the publisher's name once it is filled in. Links
    are relative to the language's root (the theme's ``url`` filter makes them relative to
    each page)."""
    labels = plan.labels[lang]
    pages = plan.pages[lang]
    config = plan.catalog.config
    links = [
        {"title": labels(label), "url": pages[key].url}
        for key, label in (
            ("imprint", "imprint"),
            ("privacy", "privacy"),
            ("doc/guide.md", "nav_contribute"),
        )
        if key in pages
    ]
    if config.repo_url:
        host = repository_host(config.repo_url)
        links.append({"title": labels("repository").format(host=host), "url": config.repo_url})
    publisher = config.settings.publisher.name
    return {
        "label": labels("footer_links"),
        "links": links,
        "publisher": ""
        if is_todo(publisher)
        else labels("footer_publisher").format(name=publisher),
    }


def edit_link(plan: SitePlan, lang: str) -> dict[str, str]:
    """The "edit this page" link's text (overrides/partials/source-file.html), and the
    address its files start with, to name the file; empty without edit links."""
    config = plan.catalog.config
    if not (config.repo_url and config.edit_uri):
        return {}
    labels = plan.labels[lang]
    return {
        "text": labels("edit_page").format(host=repository_host(config.repo_url)),
        "file": labels("edit_file"),
        "prefix": f"{config.repo_url.rstrip('/')}/{config.edit_uri}",
    }


def not_found(plan: SitePlan, lang: str) -> dict[str, Any]:
    """The texts and links of this language's "page not found" page (overrides/404.html):
    home, cases and modules, and the home pages of the other languages."""
    labels = plan.labels[lang]
    pages = plan.pages[lang]
    links = [
        {"title": labels(label), "url": pages[key].url, "lang": lang}
        for key, label in (("index", "home"), ("cases", "all_cases"), ("modules", "modules"))
        if key in pages
    ]
    links += [
        {"title": plan.labels[code]("home_in_language"), "url": f"../{code}/", "lang": code}
        for code in plan.languages
        if code != lang
    ]
    return {
        "title": labels("notfound_title"),
        "text": labels("notfound_text"),
        "search_label": labels("search_label"),
        "search_button": labels("search_button"),
        "links_label": labels("notfound_links"),
        "links": links,
    }


def edit_url(plan: SitePlan, spec: PageSpec) -> str | None:
    """Where an editor changes a page: its record's YAML file, the glossary, or the
    hand-written Markdown file, opened for editing on the code host; None for pages made
    from many files (listings) or when the site has no ``repo_url``/``edit_uri``."""
    config = plan.catalog.config
    path = source_file(plan, spec)
    if not (config.repo_url and config.edit_uri and path):
        return None
    return f"{config.repo_url.rstrip('/')}/{config.edit_uri}{path}"


def nav_config(sections: list[tuple[str | None, list[tuple[str, str]]]]) -> list[Any]:
    """The engine's ``nav`` setting from the plan's sections (title or None, entries)."""
    nav: list[Any] = []
    for section, items in sections:
        entries = [{label: uri} for label, uri in items]
        if section is None:
            nav.extend(entries)
        else:
            nav.append({section: entries})
    return nav


def page_alternates(
    plan: SitePlan, lang: str, key: str, url: str, site_url: str
) -> list[dict[str, Any]]:
    """The same page (``key``, at ``url`` in ``lang``) in every language, for the language
    switcher and ``hreflang``: language, name, link relative to the page, absolute address
    (when the site has a ``site_url``)."""
    alternates = plan.alternates(key) if key in plan.pages[lang] else {}
    base_url = site_url.removesuffix(f"{lang}/")
    here = f"{lang}/{url}"
    return [
        {
            "lang": code,
            "name": plan.labels[code]("language_name"),
            "href": relative(here, target),
            "abs": base_url + target if base_url else "",
            "current": code == lang,
        }
        for code, target in alternates.items()
    ]
