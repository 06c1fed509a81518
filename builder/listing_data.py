"""Small JSON files that let the paginated listings work across pages, with JavaScript.

* ``<lang>/<slug_cases>/index.json`` — the case finder's index: for every case what a
  result card shows (title, meta line, plain teaser, theme chips) and its filter values, so
  that choosing a filter filters the whole catalogue, not just the page on screen. Only what
  a card needs: the full records are the open data (``data/``).
* ``<lang>/<slug_compare>/index.json`` — the comparison table's pages: the first case id of
  each page (cases are in id order), so a picked case that is on another page of the table
  can be fetched from that page.

Both are written after the language builds (:func:`builder.root_pages.write_root_pages`
calls :func:`write_listing_data`), from the validated catalogue only: two builds of the
same content give identical files. URLs in them are relative to the file itself.

The finder index, one object; each case is a row whose values follow ``fields``::

    {"version": 1, "lang": "de", "facets": ["theme", "country", …],
     "labels": {"country": {"FR": "Frankreich"}, "status": {…}, "inhabitants": "…",
                "languages": {"fr": "Français"}},
     "themes": {"energy-transition": {"label": "Energiewende", "url": "../themen/…/"}},
     "fields": ["id", "url", "title", "municipality", "country", "region", "population",
                "year", "status", "teaser", "values", "lang"],
     "cases": [["loos-en-gohelle", "loos-en-gohelle/", "Loos-en-Gohelle: …", …,
                [["energy-transition", …], ["FR"], …], null]]}

``values`` are the case's filter values in the order of ``facets`` (its themes, in the
case's order, are the card's chips); ``lang`` names the fields shown in another language
than the index's (``{"title": "fr"}``, a missing translation) or is null.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from . import facets
from .markdown_safe import plain
from .paging import page_count, page_key
from .site import SitePlan

FIELDS = (
    "id",
    "url",
    "title",
    "municipality",
    "country",
    "region",
    "population",
    "year",
    "status",
    "teaser",
    "values",
    "lang",
)


def finder_index_path(plan: SitePlan, lang: str) -> str:
    """Site path of a language's finder index (``de/fallstudien/index.json``)."""
    return f"{lang}/{plan.labels[lang]('slug_cases')}/index.json"


def compare_index_path(plan: SitePlan, lang: str) -> str:
    return f"{lang}/{plan.labels[lang]('slug_compare')}/index.json"


def _rel(plan: SitePlan, lang: str, from_path: str, key: str) -> str:
    """Link from the folder of the file at site path ``from_path`` to page ``key``."""
    target = f"{lang}/{plan.pages[lang][key].url}"
    rel = posixpath.relpath("/" + target, "/" + posixpath.dirname(from_path))
    return "./" if rel == "." else rel + "/"


def finder_index(plan: SitePlan, lang: str) -> dict[str, Any]:
    """The finder's index of one language (see the module's docstring)."""
    cat = plan.catalog
    labels = plan.labels[lang]
    labels = plan.labels[lang]
    here = finder_index_path(plan, lang)
    themes = {}
    for theme_id, theme in cat.themes.items():
        label, used = labels.pick(theme.label, "")
        entry = {"label": plain(label, used), "url": _rel(plan, lang, here, f"theme/{theme_id}")}
        if used != lang:
            entry["lang"] = used
        themes[theme_id] = entry
    countries = sorted({c.municipality.country for c in cat.cases.values()})
    cases = []
    for case in sorted(cat.cases.values(), key=lambda c: c.id):
        m = case.municipality
        title, title_lang = labels.pick(case.title, "")
        region, region_lang = labels.pick(m.region, "")
        teaser, teaser_lang = labels.pick(case.teaser, "")
        values = facets.case_values(case, plan.catalog.config.texts)
        other = {
            field: used
            for field, used in (
                ("title", title_lang),
                ("region", region_lang),
                ("teaser", teaser_lang),
            )
            if used != lang
        }
        cases.append(
            [
                case.id,
                _rel(plan, lang, here, f"case/{case.id}"),
                plain(title, title_lang),
                m.name,
                m.country,
                plain(region, region_lang),
                labels.number(m.population.value, m.population.approx),
                m.population.year,
                case.status.value,
                plain(teaser, teaser_lang),
                [values[f] for f in facets.FACETS],
                other or None,
            ]
        )
    return {
        "version": 1,
        "lang": lang,
        "facets": list(facets.FACETS),
        "labels": {
            "country": {code: labels.get(f"country_{code}", code) for code in countries},
            "status": {s: labels(f"status_{s}") for s in ("complete", "partial", "stub")},
            "inhabitants": labels("inhabitants"),
            "languages": {code: plan.labels[code]("language_name") for code in plan.languages},
        },
        "themes": themes,
        "fields": list(FIELDS),
        "cases": cases,
    }


def compare_index(plan: SitePlan, lang: str) -> dict[str, Any]:
    """The comparison table's pages: first case id and address of each (id order)."""
    ids = sorted(plan.catalog.cases)
    rows = plan.compare_rows
    here = compare_index_path(plan, lang)
    return {
        "version": 1,
        "rows": rows,
        "pages": [
            {"first": ids[(n - 1) * rows], "url": _rel(plan, lang, here, page_key("compare", n))}
            for n in range(1, page_count(len(ids), rows) + 1)
            if ids
        ],
    }


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def write_listing_data(plan: SitePlan, out: Path) -> list[Path]:
    """Write the finder and comparison indexes of every language into the built site."""
    written = []
    for lang in plan.languages:
        for path, data in (
            (finder_index_path(plan, lang), finder_index(plan, lang)),
            (compare_index_path(plan, lang), compare_index(plan, lang)),
        ):
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_dump(data))
            written.append(target)
    return written
