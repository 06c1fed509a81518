"""`python -m builder export DIR`: the site as plain docs trees any generator can build.

For each language, ``DIR/<lang>/`` gets a ``docs/`` folder of Markdown — the hand-written
pages as written, every generated page as its finished HTML in a Markdown file (Markdown
passes HTML blocks through) — with the theme overrides, the finder's data files, and a
``mkdocs.yml`` holding what the plugin would set (:func:`builder.engine.engine_settings`):
navigation, language, alternates, head metadata. ``mkdocs build`` (or ``properdocs build``)
with Material builds it **without** this project's plugin: the way to another engine, such
as Zensical, which has no plugin API.

What needs the plugin stays behind: the table of contents of generated pages (their
headings are HTML already), rendering one page at a time, the preview. Each page's
alternates travel in its front matter (``vp_alternates``), which our overrides read.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .build import checked_catalog
from .config import PLUGIN_NAME, ProjectConfig, read_mkdocs_yml
from .engine import edit_url, engine_settings, page_alternates
from .listing_data import write_listing_data
from .render import render_home_sections, render_html
from .site import PageSpec, SitePlan, build_plan
from .site_settings import doc_values, fill

OVERRIDES = Path(__file__).parent / "overrides"


def export_site(config: ProjectConfig, out: Path) -> list[Path]:
    """Write one buildable folder per language into ``out``; return the folders."""
    catalog = checked_catalog(config)
    catalog.drop_raw_data()
    plan = build_plan(catalog)
    base = read_mkdocs_yml(config.mkdocs_yml) if config.mkdocs_yml.exists() else {}
    data = out / ".data"
    shutil.rmtree(data, ignore_errors=True)
    write_listing_data(plan, data)
    written = []
    for lang in plan.languages:
        folder = out / lang
        shutil.rmtree(folder, ignore_errors=True)
        docs = folder / "docs"
        docs.mkdir(parents=True)
        for spec in plan.pages[lang].values():
            _write_page(plan, spec, config, docs, base)
        if (data / lang).is_dir():
            shutil.copytree(data / lang, docs, dirs_exist_ok=True)
        shutil.copytree(OVERRIDES, folder / "overrides")
        (folder / "mkdocs.yml").write_text(_config_text(plan, lang, base, config), encoding="utf-8")
        written.append(folder)
    shutil.rmtree(data, ignore_errors=True)
    return written


def _write_page(
    plan: SitePlan, spec: PageSpec, config: ProjectConfig, docs: Path, base: dict[str, Any]
) -> None:
    site_url = engine_settings(
        plan, spec.lang, site_name=config.site_name, site_url=config.site_url, copyright=None
    ).site_url
    meta: dict[str, Any] = {
        "vp_alternates": page_alternates(plan, spec.lang, spec.key, spec.url, site_url),
        # The "edit" link: a record's page leads to its YAML file (overrides read this).
        "vp_edit_url": edit_url(plan, spec) or "",
    }
    target = docs / spec.uri
    target.parent.mkdir(parents=True, exist_ok=True)
    if spec.kind in ("doc", "home"):
        text = (config.docs_dir / spec.lang / spec.uri).read_text(encoding="utf-8-sig")
        front, body = _split_front_matter(fill(text, doc_values(config)))
        meta = {**front, **meta}
        if spec.kind == "home":  # the intro, then the generated sections as HTML
            body = body.rstrip("\n") + "\n\n" + render_home_sections(plan, spec)
    else:
        rendered = render_html(plan, spec)
        meta = {**rendered.meta, **meta}
        body = rendered.html
    target.write_text(
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body,
        encoding="utf-8",
    )


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        head, sep, body = text[4:].partition("\n---\n")
        if sep:
            data = yaml.safe_load(head) or {}
            if isinstance(data, dict):
                return data, body
    return {}, text


def _config_text(plan: SitePlan, lang: str, base: dict[str, Any], config: ProjectConfig) -> str:
    """The language's mkdocs.yml: the project's, without our plugin, plus what it would set."""
    settings = engine_settings(
        plan,
        lang,
        site_name=config.site_name,
        site_url=config.site_url,
        copyright=base.get("copyright"),
    )
    cfg = {k: v for k, v in base.items() if k not in ("plugins", "docs_dir", "site_dir")}
    plugins = []
    for entry in base.get("plugins") or ["search"]:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name != PLUGIN_NAME:
            plugins.append(entry)
    theme = dict(cfg.get("theme") or {"name": "material"})
    theme.update(language=settings.language, custom_dir="overrides")
    extra = {**(cfg.get("extra") or {}), **settings.extra}
    markdown = []
    for entry in cfg.get("markdown_extensions") or []:
        if entry == "toc" or (isinstance(entry, dict) and "toc" in entry):
            options = dict(entry["toc"] or {}) if isinstance(entry, dict) else {}
            options.setdefault("permalink_title", settings.permalink_title)
            entry = {"toc": options}
        markdown.append(entry)
    cfg.update(
        site_url=settings.site_url or None,
        copyright=settings.copyright,
        theme=theme,
        plugins=plugins,
        extra=extra,
        extra_css=[*(cfg.get("extra_css") or []), *settings.extra_css],
        extra_javascript=[*(cfg.get("extra_javascript") or []), *settings.extra_javascript],
        markdown_extensions=markdown,
        nav=settings.nav,
        edit_uri=settings.edit_uri,
        # The generated pages' links are finished HTML: the engine's checks of Markdown
        # links do not apply to them.
        strict=False,
    )
    header = (
        "# Exported by `python -m builder export`: this language of the Villes pairs site\n"
        "# as plain Markdown, buildable with MkDocs or ProperDocs and Material, no plugin of\n"
        "# ours needed. Build: mkdocs build -f mkdocs.yml\n"
    )
    return header + yaml.safe_dump(
        {k: v for k, v in cfg.items() if v is not None}, allow_unicode=True, sort_keys=False
    )
