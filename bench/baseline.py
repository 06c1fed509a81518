"""The baseline: the same pages as ready-made Markdown, built the conventional way.

One MkDocs project, Material theme, mkdocs-static-i18n 1.3.1 with the ``folder`` structure
(``docs/fr/…``, ``docs/de/…``), French at the site root and German under ``/de/``, and a small
navigation per language (home and the section indexes), so that no page carries thousands
of links. ``fallback_to_default`` is off because every page exists in both languages (the
slugs differ per language: ``etudes-de-cas/`` and ``fallstudien/``), and the plugin's search
de-duplication is off by default: the issue measured it at twice the time (87 s instead of
38–47 s at 2,000 pages per language), and the baseline should be the fast conventional build.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from builder.config import PLUGIN_NAME, read_mkdocs_yml
from builder.site import SitePlan

NAV = [
    ("home", "index"),
    ("cases", "cases"),
    ("modules", "modules"),
    ("programmes", "programmes"),
    ("themes", "themes"),
    ("glossary", "glossary"),
]


def baseline_config(root: Path, plan: SitePlan, *, dedup: bool = False) -> dict[str, Any]:
    cfg = read_mkdocs_yml(root / "mkdocs.yml")
    plugins: list[Any] = [
        p for p in cfg.get("plugins") or [] if not (isinstance(p, dict) and PLUGIN_NAME in p)
    ]
    languages = []
    for i, lang in enumerate(plan.languages):
        labels, pages = plan.labels[lang], plan.pages[lang]
        nav = [{labels(label): pages[key].uri} for label, key in NAV if key in pages]
        languages.append(
            {
                "locale": lang,
                "name": labels("language_name"),
                "build": True,
                "default": i == 0,
                "nav": nav,
            }
        )
    plugins.append(
        {
            "i18n": {
                "docs_structure": "folder",
                "fallback_to_default": False,
                "reconfigure_search": dedup,
                "languages": languages,
            }
        }
    )
    theme = dict(cfg.get("theme") or {"name": "material"})
    theme["language"] = plan.languages[0]
    out = {
        k: cfg[k]
        for k in (
            "site_name",
            "site_url",
            "site_description",
            "copyright",
            "use_directory_urls",
            "markdown_extensions",
            "validation",
        )
        if k in cfg
    }
    out.update({"theme": theme, "plugins": plugins})
    return out


def write_baseline(
    root: Path,
    dest: Path,
    plan: SitePlan,
    rendered: dict[str, dict[str, str]],
    *,
    dedup: bool = False,
) -> None:
    """Write the baseline project: hand-written pages plus every rendered page, per language."""
    shutil.rmtree(dest, ignore_errors=True)
    for lang in plan.languages:
        docs = dest / "docs" / lang
        if (root / "docs" / lang).is_dir():
            shutil.copytree(root / "docs" / lang, docs)
        for uri, markdown in rendered[lang].items():
            path = docs / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")
    text = yaml.safe_dump(
        baseline_config(root, plan, dedup=dedup), allow_unicode=True, sort_keys=False
    )
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
