"""The editors' field reference, generated from the JSON Schemas so it never drifts.

Each record type becomes a table of field paths (``municipality.population.value``,
``timeline[].date``) with their type, whether they are required, allowed values, the
longest text its place shows (:data:`builder.plausibility.LIMITS`) and a description.
Descriptions come in the page's language from ``labels/fields.<lang>.yml`` (keyed by record
type and path); a test makes sure every field has one in every required language, so adding
a field to the model without documenting it fails the suite.

``python -m builder schema`` also writes the reference as Markdown into
``docs/<lang>/<slug>.md`` (slug from the labels: ``feldreferenz``), where the guide's links
find it on GitHub as on the site (which then publishes that page); a test fails when it is
stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .config import ProjectConfig
from .i18n import labels_for
from .kinds import BY_NAME
from .plausibility import LIMITS
from .schema import schema_for

LABELS = Path(__file__).parent / "labels"
KINDS = tuple(BY_NAME)


@dataclass(frozen=True)
class FieldRow:
    path: str
    type: str
    required: bool
    allowed: tuple[str, ...]
    description: str  # English, from the model


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    return node


def _type(node: dict[str, Any], defs: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """(type key, the object schema below it if any). Keys: text, texts, string, strings,
    integer, number, date, year-or-date, group, groups, languages-map."""
    node = _resolve(node, defs)
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        if len(options) == 1:
            return _type(options[0], defs)
        return "year-or-date", None
    if node.get("x-localized"):
        inner = next(iter(node["properties"].values()), {})
        return ("text" if inner.get("type") == "string" else "texts"), None
    kind = node.get("type")
    if kind == "array":
        item_type, item_obj = _type(node.get("items", {}), defs)
        plural = {"text": "texts", "string": "strings", "group": "groups"}
        return plural.get(item_type, item_type), item_obj
    if kind == "object" and "properties" in node:
        return "group", node
    if kind == "object":
        return "languages-map", None
    if kind == "string" and node.get("format") == "date":
        return "date", None
    return str(kind or "string"), None


def rows(kind: str, config: ProjectConfig) -> list[FieldRow]:
    schema = schema_for(kind, config)
    defs = schema.get("$defs", {})
    out: list[FieldRow] = []

    def walk(obj: dict[str, Any], prefix: str) -> None:
        required = set(obj.get("required", []))
        for name, prop in obj.get("properties", {}).items():
            resolved = _resolve(prop, defs)
            word, child = _type(prop, defs)
            allowed = tuple(str(v) for v in resolved.get("enum", ())) or tuple(
                str(o["const"]) for o in resolved.get("anyOf", []) if "const" in o
            )
            if "const" in resolved:
                allowed = (str(resolved["const"]),)
            path = f"{prefix}{name}"
            description = prop.get("description") or resolved.get("description") or ""
            out.append(FieldRow(path, word, name in required, allowed, description))
            if child is not None:
                walk(child, f"{path}[]." if word == "groups" else f"{path}.")

    walk(schema, "")
    return out


@cache
def _translations(lang: str) -> dict[str, dict[str, str]]:
    path = LABELS / f"fields.{lang}.yml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): {str(p): str(t) for p, t in (v or {}).items()} for k, v in data.items()}


def describe(kind: str, row: FieldRow, lang: str) -> str:
    """The field's description in ``lang`` (or the model's English one), with the longest
    text its place shows."""
    text = _translations(lang).get(kind, {}).get(row.path) or row.description
    limit = LIMITS.get((kind, row.path))
    if limit is None:
        return text
    labels = labels_for(lang)
    key = "reference_limit_each" if row.type == "texts" else "reference_limit"
    note = labels(key).replace("{n}", f"{limit:,}".replace(",", "\u00a0"))
    return f"{text.rstrip('.')}. {note[:1].upper()}{note[1:]}."


KIND_FILES = {
    "case-study": "case_studies/ID.yml",
    "workshop": "workshops/ID.yml",
    "programme": "workshops/programmes/ID.yml",
    "themes": "themes.yml",
    "glossary": "glossary.yml",
}


def _plain(text: str) -> str:
    """Description text safe in Markdown running text: no HTML, no line breaks."""
    return text.replace("<", "&lt;").replace("\n", " ")


def markdown(config: ProjectConfig, lang: str) -> str:
    """The field reference as a Markdown page in ``lang``: one list item per field (a list
    reads at any width, on the site as on GitHub; no HTML)."""
    labels = labels_for(lang, config.root)
    colon = labels("colon")
    out = [
        f"# {labels('reference')}",
        "",
        labels("reference_intro"),
        "",
        labels("reference_generated"),
    ]
    for kind in KINDS:
        out += ["", f"## {labels('kind_' + kind)}", ""]
        out.append(
            f"{labels('reference_file')}{colon} `{KIND_FILES[kind]}` · "
            f"JSON Schema{colon} `schemas/{kind}.schema.json`"
        )
        out.append("")
        for row in rows(kind, config):
            text = describe(kind, row, lang)
            if row.allowed:
                values = ", ".join(f"`{v}`" for v in row.allowed)
                text += f" ({labels('allowed_values')}{colon} {values})"
            need = labels("field_required") if row.required else labels("reference_optional")
            kind_of = labels("ftype_" + row.type)
            out.append(f"- **`{row.path}`** · {kind_of} · {need} — {_plain(text)}")
    return "\n".join(out) + "\n"


def reference_path(config: ProjectConfig, lang: str) -> Path:
    """Where the Markdown reference of ``lang`` is committed: ``docs/de/feldreferenz.md``."""
    return config.docs_dir / lang / f"{labels_for(lang, config.root)('slug_reference')}.md"


def write_references(config: ProjectConfig) -> list[Path]:
    written = []
    for lang in config.codes:
        path = reference_path(config, lang)
        if path.parent.is_dir():
            path.write_text(markdown(config, lang), encoding="utf-8")
            written.append(path)
    return written


def missing_translations(config: ProjectConfig, lang: str) -> list[str]:
    table = _translations(lang)
    return [
        f"{kind}: {row.path}"
        for kind in KINDS
        for row in rows(kind, config)
        if row.path not in table.get(kind, {})
    ]
