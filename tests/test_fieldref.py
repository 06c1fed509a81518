"""The editors' field reference follows the model and is documented in every required
language: adding a field without describing it fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.config import load_config
from builder.fieldref import markdown, missing_translations, reference_path, rows

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


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_committed_markdown_reference_is_current(lang: str) -> None:
    """The guide links to docs/<lang>/<slug>.md, on GitHub as on the site: it must say
    what the model says today."""
    config = load_config(REPO)
    path = reference_path(config, lang)
    assert path.exists(), f"{path} is missing: run `python -m builder schema`"
    assert path.read_text(encoding="utf-8") == markdown(config, lang), (
        f"{path.relative_to(REPO)} is stale: run `python -m builder schema` and commit it"
    )


def test_the_reference_states_the_length_limits() -> None:
    text = markdown(load_config(REPO), "de")
    assert "- **`teaser`** · Text je Sprache · Pflichtfeld — " in text
    assert "Höchstens 600 Zeichen je Sprache." in text.split("**`teaser`**")[1].split("\n")[0]
    assert "Höchstens 250 Zeichen je Punkt und Sprache." in text
    assert "<" not in text.replace("&lt;", "")  # Markdown only: pages refuse raw HTML


_LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize(
    "page",
    sorted(
        [
            *(REPO / "docs").glob("*/guide.md"),
            *(REPO / "docs").glob("*/messages.md"),
            REPO / "README.md",
            REPO / "CONTRIBUTING.md",
        ],
        key=str,
    ),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_links_between_documents_work_in_the_repository(page: Path) -> None:
    """The editors' documents link to files of the repository, so their links work on
    GitHub as on the site (the home pages link to generated pages: site only)."""
    assert page.exists(), page
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue
        assert (page.parent / target).resolve().exists(), f"{page.name}: {target}"
