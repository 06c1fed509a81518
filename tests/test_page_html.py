"""Generated pages skip MkDocs' Markdown pass (builder.render.render_html): their HTML must
be what Python-Markdown, configured as in mkdocs.yml, makes of the same page's Markdown —
same headings, ids, permalinks, table of contents and metadata."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml

from builder.catalog import load_catalog
from builder.config import load_config
from builder.render import render_html, render_page
from builder.site import build_plan

from .paged import set_page_size

REPO = Path(__file__).resolve().parent.parent
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _markdown(source: str, permalink_title: str) -> tuple[dict, str, list]:
    front = FRONT.match(source)
    assert front, source[:200]
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for item in settings["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        configs[name] = dict(options or {})
    configs["toc"]["permalink_title"] = permalink_title
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return yaml.safe_load(front.group(1)), md.convert(source[front.end() :]), md.toc_tokens


def _tight(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("which", ["mini", "mini-paged", "repository"])
def test_html_pages_match_python_markdown(which: str, mini: Path) -> None:
    root = mini if which.startswith("mini") else REPO
    if which == "mini-paged":  # every listing split into pages, places by region
        set_page_size(mini, 1)
    plan = build_plan(load_catalog(load_config(root)))
    if which == "mini-paged":
        assert plan.places_grouped and "cases/page/2" in plan.pages["de"]
    checked = 0
    for lang in plan.languages:
        for spec in plan.pages[lang].values():
            if spec.kind in ("doc", "home"):
                continue
            meta, expected, toc = _markdown(render_page(plan, spec), plan.labels[lang]("permalink"))
            page = render_html(plan, spec)
            assert page.meta == meta, spec.key
            assert page.toc == toc, spec.key
            assert _tight(page.html) == _tight(expected), spec.key
            checked += 1
    assert checked >= 20


def test_headings_ids_permalinks_and_fallback_language(mini: Path) -> None:
    plan = build_plan(load_catalog(load_config(mini)))
    page = render_html(plan, plan.pages["de"]["case/alpha"])
    assert '<h2 id="zeitleiste">Zeitleiste<a class="headerlink" href="#zeitleiste"' in page.html
    assert 'title="Link zu diesem Abschnitt">&para;</a></h2>' in page.html
    assert page.toc[0]["level"] == 1
    assert [t["name"] for t in page.toc[0]["children"]][:1] == ["Auf einen Blick"]
    assert page.meta["title"] and page.meta["description"]
    assert not page.html.lstrip().startswith("---")  # no front matter left in the body
