"""The editors' field reference follows the model and is documented in every required
language: adding a field without describing it fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import load_config
from builder.fieldref import missing_translations, rows

REPO = Path(__file__).parent.parent


def test_rows_follow_the_schema() -> None:
    config = load_config(REPO)
    paths = {r.path: r for r in rows("case-study", config)}
    assert paths["municipality.population.value"].type == "integer"
    assert paths["municipality.population.value"].required
    assert paths["timeline[].date"].type == "year-or-date"
    assert paths["title"].type == "text"
    assert paths["status"].allowed == ("stub", "partial", "complete")
    prog = {r.path for r in rows("programme", load_config(REPO))}
    assert "items[].break.minutes" in prog


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_every_field_is_described(lang: str) -> None:
    missing = missing_translations(load_config(REPO), lang)
    assert not missing, f"add these to builder/labels/fields.{lang}.yml: {missing[:10]}"
