"""The editors' field reference, generated from the JSON Schemas so it never drifts.

Each record type becomes a table of field paths (``municipality.population.value``,
``timeline[].date``) with their type, whether they are required, allowed values and a
description. Descriptions come in the page's language from ``labels/fields.<lang>.yml``
(keyed by record type and path); a test makes sure every field has one in every required
language, so adding a field to the model without documenting it fails the suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .config import ProjectConfig
from .kinds import BY_NAME
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
    """The field's description in ``lang``, or the model's English one."""
    return _translations(lang).get(kind, {}).get(row.path) or row.description


def missing_translations(config: ProjectConfig, lang: str) -> list[str]:
    table = _translations(lang)
    return [
        f"{kind}: {row.path}"
        for kind in KINDS
        for row in rows(kind, config)
        if row.path not in table.get(kind, {})
    ]
