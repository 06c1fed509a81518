"""JSON Schemas for every record type, generated from the models (one source of truth).

``python -m builder schema`` writes them to ``schemas/``; editors' tools (VS Code with the
YAML extension) read them through the ``# yaml-language-server: $schema=…`` line at the top
of each file and offer completion, hover help and inline errors. A test fails when the
committed files are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .config import ProjectConfig
from .kinds import BY_NAME
from .model import SCHEMA_VERSION


def _localize(node: Any, codes: tuple[str, ...], required: tuple[str, ...]) -> Any:
    """Give every one-text-per-language object the project's languages."""
    if isinstance(node, dict):
        if node.get("x-localized"):
            item = next(iter(node["properties"].values()))
            return {
                **node,
                "properties": {code: item for code in codes},
                "required": list(required),
            }
        return {k: _localize(v, codes, required) for k, v in node.items()}
    if isinstance(node, list):
        return [_localize(v, codes, required) for v in node]
    return node


def schema_for(kind: str, config: ProjectConfig) -> dict[str, Any]:
    model = BY_NAME[kind].model
    raw = model.model_json_schema(by_alias=True, mode="validation")
    schema = _localize(raw, config.codes, config.required_codes)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **schema,
        "title": BY_NAME[kind].title,
        "description": " ".join((model.__doc__ or "").split())
        + f" (schema_version {SCHEMA_VERSION})",
    }


def render_schemas(config: ProjectConfig) -> dict[str, str]:
    """File name → JSON text, for every record type."""
    return {
        f"{kind}.schema.json": json.dumps(
            schema_for(kind, config), ensure_ascii=False, indent=2, sort_keys=False
        )
        + "\n"
        for kind in BY_NAME
    }


def write_schemas(config: ProjectConfig, out: Path | None = None) -> list[Path]:
    folder = out or config.root / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(config).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
