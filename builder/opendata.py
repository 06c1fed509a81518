"""Open data: every record as JSON, a table per language as CSV, their JSON Schemas, a
licence statement and an index, written to ``site/data/`` after the language builds.

Everything comes from the validated models and the dates in the content, never from the
clock, so two builds of the same content give byte-identical files. The CSV files are
UTF-8 *without* a byte-order mark, comma-separated with a dot as decimal separator
(RFC 4180): what scripts, databases and statistics tools expect. The "Open data" page tells
Excel users how to import them (:file:`templates/opendata.md.j2`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .kinds import RECORD_KINDS
from .markdown_safe import plain
from .model import SCHEMA_VERSION, CaseStudy, Record, WorkshopModule
from .schema import render_schemas
from .site import SitePlan

DATA_DIR = "data"
LICENCES = {
    "data": ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "code": ("EUPL-1.2", "https://spdx.org/licenses/EUPL-1.2.html"),
}
CASE_COLUMNS = (
    "id",
    "title",
    "municipality",
    "country",
    "region",
    "mining_area",
    "population",
    "population_year",
    "lat",
    "lon",
    "themes",
    "period_start",
    "period_end",
    "status",
    "last_reviewed",
    "url",
)
MODULE_COLUMNS = (
    "id",
    "title",
    "duration_minutes",
    "group_min",
    "group_max",
    "themes",
    "last_reviewed",
    "url",
)


@dataclass(frozen=True)
class DataFile:
    """One published file: where it is, what it holds, how to read it."""

    path: str  # relative to data/
    label: str  # label key of its description (builder/labels/*.yml)
    media_type: str
    schema: str = ""  # path of its JSON Schema, relative to data/
    lang: str = ""  # language of the texts, for the per-language tables
    records: int | None = None


# -- choosing texts ------------------------------------------------------------------------
def pick(value: Mapping[str, str] | None, lang: str, plan: SitePlan) -> tuple[str, str]:
    """(text, its language) for data in ``lang``: see :class:`builder.i18n.LanguageService`."""
    return plan.labels[lang].pick(value, "")


def page_url(plan: SitePlan, lang: str, key: str) -> str:
    """Absolute URL of a page (site-relative path when the project has no ``site_url``)."""
    return plan.catalog.config.site_url + plan.alternates(key)[lang]


def last_modified(plan: SitePlan) -> dt.date | None:
    """The newest ``last_reviewed`` of all records: the date of the data as a whole."""
    cat = plan.catalog
    dates = [
        r.last_reviewed
        for r in (*cat.cases.values(), *cat.modules.values(), *cat.programmes.values())
    ]
    return max(dates, default=None)


# -- the files -----------------------------------------------------------------------------
def data_files(plan: SitePlan) -> list[DataFile]:
    """Every file of ``data/`` in the order the index and the Open data page list them."""
    cat = plan.catalog
    json_type, csv_type = "application/json", "text/csv"
    files = [
        DataFile(
            "case-studies.json",
            "od_cases_json",
            json_type,
            "schemas/case-studies.schema.json",
            records=len(cat.cases),
        ),
        DataFile(
            "workshop-modules.json",
            "od_modules_json",
            json_type,
            "schemas/workshop-modules.schema.json",
            records=len(cat.modules),
        ),
        DataFile(
            "programmes.json",
            "od_programmes_json",
            json_type,
            "schemas/programmes.schema.json",
            records=len(cat.programmes),
        ),
    ]
    if cat.themes:
        files.append(
            DataFile(
                "themes.json",
                "od_themes_json",
                json_type,
                "schemas/themes.schema.json",
                records=len(cat.themes),
            )
        )
    if cat.glossary:
        files.append(
            DataFile(
                "glossary.json",
                "od_glossary_json",
                json_type,
                "schemas/glossary.schema.json",
                records=len(cat.glossary),
            )
        )
    for lang in plan.languages:
        files.append(
            DataFile(
                f"case-studies.{lang}.csv",
                "od_cases_csv",
                csv_type,
                lang=lang,
                records=len(cat.cases),
            )
        )
    for lang in plan.languages:
        files.append(
            DataFile(
                f"workshop-modules.{lang}.csv",
                "od_modules_csv",
                csv_type,
                lang=lang,
                records=len(cat.modules),
            )
        )
    files.append(DataFile("LICENCE.txt", "od_licence_file", "text/plain"))
    return files


def _ordered(node: Any, codes: Sequence[str]) -> Any:
    """Texts per language in the configured order, whatever order the YAML file used."""
    if isinstance(node, dict):
        if node and all(k in codes for k in node):
            return {k: _ordered(node[k], codes) for k in codes if k in node}
        return {k: _ordered(v, codes) for k, v in node.items()}
    if isinstance(node, list):
        return [_ordered(v, codes) for v in node]
    return node


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _records(records: Mapping[str, Record], codes: Sequence[str]) -> list[Any]:
    return [
        _ordered(records[i].model_dump(mode="json", by_alias=True), codes) for i in sorted(records)
    ]


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def case_rows(plan: SitePlan, lang: str) -> list[list[Any]]:
    cat = plan.catalog

    def text(value: Mapping[str, str] | None) -> str:
        return plain(*pick(value, lang, plan))

    def row(case: CaseStudy) -> list[Any]:
        mu = case.municipality
        return [
            case.id,
            text(case.title),
            mu.name,
            mu.country,
            text(mu.region),
            text(mu.mining_area),
            mu.population.value,
            mu.population.year,
            mu.coordinates.lat,
            mu.coordinates.lon,
            "; ".join(text(cat.themes[t].label) if t in cat.themes else t for t in case.themes),
            case.period.start,
            case.period.end if case.period.end is not None else "",
            case.status.value,
            case.last_reviewed.isoformat(),
            page_url(plan, lang, f"case/{case.id}"),
        ]

    return [row(cat.cases[i]) for i in sorted(cat.cases)]


def module_rows(plan: SitePlan, lang: str) -> list[list[Any]]:
    cat = plan.catalog

    def row(mod: WorkshopModule) -> list[Any]:
        themes = [
            plain(*pick(cat.themes[t].label, lang, plan)) if t in cat.themes else t
            for t in mod.themes
        ]
        return [
            mod.id,
            plain(*pick(mod.title, lang, plan)),
            mod.duration_minutes,
            mod.group_size.min,
            mod.group_size.max,
            "; ".join(themes),
            mod.last_reviewed.isoformat(),
            page_url(plan, lang, f"module/{mod.id}"),
        ]

    return [row(cat.modules[i]) for i in sorted(cat.modules)]


def _schemas(plan: SitePlan) -> dict[str, bytes]:
    """The record schemas plus one per array file; absolute ``$id`` when the site has a URL."""
    config = plan.catalog.config
    base = f"{config.site_url}{DATA_DIR}/schemas/" if config.site_url else ""
    out: dict[str, bytes] = {}
    for name, text in render_schemas(config).items():
        schema = json.loads(text)
        schema["$id"] = base + name
        out[name] = _dump(schema)
    for kind in RECORD_KINDS:
        name, item, title = kind.data, kind.name, kind.data_title
        out[f"{name}.schema.json"] = _dump(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"{base}{name}.schema.json",
                "title": title,
                "description": f"{name}.json: every record, sorted by id (schema_version "
                f"{SCHEMA_VERSION}).",
                "type": "array",
                "items": {"$ref": f"{item}.schema.json"},
            }
        )
    return dict(sorted(out.items()))


def _licence(plan: SitePlan) -> bytes:
    config = plan.catalog.config
    lines = [config.site_name, "=" * len(config.site_name), ""]
    for lang in plan.languages:
        label = plan.labels[lang]
        lines += [f"[{lang}] {label('od_licence_text').format(attribution=config.site_name)}", ""]
    for part, (spdx, url) in LICENCES.items():
        lines.append(f"{part}: {spdx} <{url}>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_open_data(plan: SitePlan) -> dict[str, bytes]:
    """Path inside ``data/`` → file content, for every file including ``index.json``."""
    cat, codes = plan.catalog, plan.languages
    content: dict[str, bytes] = {
        "case-studies.json": _dump(_records(cat.cases, codes)),
        "workshop-modules.json": _dump(_records(cat.modules, codes)),
        "programmes.json": _dump(_records(cat.programmes, codes)),
    }
    if cat.themes:
        themes = [_ordered(t.model_dump(mode="json"), codes) for t in cat.themes.values()]
        content["themes.json"] = _dump({"schema_version": SCHEMA_VERSION, "themes": themes})
    if cat.glossary:
        terms = [_ordered(t.model_dump(mode="json"), codes) for t in cat.glossary.values()]
        content["glossary.json"] = _dump({"schema_version": SCHEMA_VERSION, "terms": terms})
    tables: dict[str, tuple[Sequence[str], Callable[[SitePlan, str], list[list[Any]]]]] = {
        "case-studies": (CASE_COLUMNS, case_rows),
        "workshop-modules": (MODULE_COLUMNS, module_rows),
    }
    for name, (columns, rows) in tables.items():
        for lang in codes:
            content[f"{name}.{lang}.csv"] = _table(columns, rows(plan, lang))
    content["LICENCE.txt"] = _licence(plan)
    content.update({f"schemas/{n}": text for n, text in _schemas(plan).items()})
    content["index.json"] = _dump(_index(plan, content))
    return content


def _index(plan: SitePlan, content: Mapping[str, bytes]) -> dict[str, Any]:
    config = plan.catalog.config
    modified = last_modified(plan)

    def entry(f: DataFile) -> dict[str, Any]:
        data = content[f.path]
        return {
            "path": f.path,
            "media_type": f.media_type
            + ("; charset=utf-8" if f.media_type != "application/json" else ""),
            "language": f.lang or None,
            "records": f.records,
            "schema": f.schema or None,
            "description": {lang: plan.labels[lang](f.label) for lang in plan.languages},
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }

    return {
        "title": {lang: plan.labels[lang]("od_dataset_title") for lang in plan.languages},
        "publisher": config.site_name,
        "homepage": config.site_url or None,
        "pages": {
            lang: page_url(plan, lang, "opendata")
            for lang in plan.languages
            if "opendata" in plan.pages[lang]
        },
        "modified": modified.isoformat() if modified else None,
        "schema_version": SCHEMA_VERSION,
        "licenses": [
            {"scope": part, "id": spdx, "url": url} for part, (spdx, url) in LICENCES.items()
        ],
        "attribution": config.site_name,
        "files": [entry(f) for f in data_files(plan)],
        "schemas": sorted(n for n in content if n.startswith("schemas/")),
    }


def write_open_data(plan: SitePlan, out_dir: Path) -> list[Path]:
    """Write ``<out_dir>/data/``; return the files written."""
    folder = out_dir / DATA_DIR
    written = []
    for name, data in render_open_data(plan).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def page_data(plan: SitePlan) -> dict[str, Any]:
    """What the Open data page lists: the files, every schema and the date of the data."""
    schemas = [
        *render_schemas(plan.catalog.config),
        "case-studies.schema.json",
        "workshop-modules.schema.json",
        "programmes.schema.json",
    ]
    modified = last_modified(plan)
    return {
        "files": data_files(plan),
        "schemas": sorted(f"schemas/{name}" for name in schemas),
        "modified": modified,
        "year": modified.year if modified else None,
    }
