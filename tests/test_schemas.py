"""The committed JSON Schemas are current and accept every shipped content file, checked with
an independent validator (jsonschema), reading YAML as an editor's tool does (dates as text)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from builder.config import load_config
from builder.schema import render_schemas

REPO = Path(__file__).parent.parent


class _EditorLoader(yaml.SafeLoader):
    """YAML as the VS Code YAML extension sees it: dates stay strings."""


_EditorLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_committed_schemas_are_current() -> None:
    fresh = render_schemas(load_config(REPO))
    for name, text in fresh.items():
        committed = REPO / "schemas" / name
        assert committed.exists(), f"schemas/{name} is missing: run `python -m builder schema`"
        assert committed.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale: run `python -m builder schema` and commit the result"
        )


def _files() -> list[tuple[str, Path]]:
    pairs = [("themes", REPO / "themes.yml"), ("glossary", REPO / "glossary.yml")]
    pairs += [("case-study", p) for p in sorted((REPO / "case_studies").glob("*.yml"))]
    pairs += [("workshop", p) for p in sorted((REPO / "workshops").glob("*.yml"))]
    pairs += [("programme", p) for p in sorted((REPO / "workshops/programmes").glob("*.yml"))]
    return [(k, p) for k, p in pairs if p.exists()]


@pytest.mark.parametrize(("kind", "path"), _files(), ids=lambda v: getattr(v, "name", v))
def test_shipped_files_validate_against_their_schema(kind: str, path: Path) -> None:
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_schema_rejects_unknown_keys_like_check_does() -> None:
    schema = json.loads((REPO / "schemas/programme.schema.json").read_text(encoding="utf-8"))
    bad = {"schema_version": 1, "id": "x", "last_reviewed": "2026-01-01", "titel": {}}
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(bad)]
    assert any("'titel' was unexpected" in m for m in messages), messages
