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
from .site import SitePlan, navigation, relative

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
    extra_css: tuple[str, ...] = ("assets/villes-pairs.css",)
    extra_javascript: tuple[str, ...] = ("assets/villes-pairs.js",)
    #: ``toc`` extension: the permalinks' title in this language.
    permalink_title: str = ""


def engine_settings(
    plan: SitePlan, lang: str, *, site_name: str, site_url: str, copyright: str | None
) -> EngineSettings:
    """The engine configuration of language ``lang`` (``site_url`` and ``copyright`` as
    written in mkdocs.yml)."""
    labels = plan.labels[lang]
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
        },
        permalink_title=labels("permalink"),
    )


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
