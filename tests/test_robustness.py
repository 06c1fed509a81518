"""Robustness: files from Windows editors are accepted, any text given to the loader ends as a
record or a content error (property-based), and a build that fails in MkDocs leaves the
previous site untouched with a clear message."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import load
from builder.build import build_site
from builder.catalog import load_catalog
from builder.cli import main
from builder.config import load_config
from builder.errors import ContentError
from builder.load import parse_text
from builder.model import CaseStudy, Glossary, Programme, ThemeList, WorkshopModule
from builder.validate import validate

MODELS = (CaseStudy, WorkshopModule, Programme, ThemeList, Glossary)
CONTEXT = {"languages": ("fr", "de"), "required_languages": ("fr", "de")}


def _windows(text: str, *, bom: bool = True) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.replace("\n", "\r\n").encode("utf-8")


def test_bom_and_crlf_files_are_accepted(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for rel in (
        "case_studies/alpha.yml",
        "workshops/ws-one.yml",
        "themes.yml",
        "glossary.yml",
        "workshops/programmes/day.yml",
        "docs/fr/about.md",
        "mkdocs.yml",
    ):
        file = mini / rel
        file.write_bytes(_windows(file.read_text(encoding="utf-8")))
    assert main(["--root", str(mini), "check"]) == 0, capsys.readouterr().err
    catalog = load_catalog(load_config(mini))
    alpha = catalog.cases["alpha"]
    assert alpha.challenge == {
        "fr": "Reconstruire après la mine.",
        "de": "Nach dem Bergbau neu aufbauen.",
    }
    assert not any("\r" in text for text in alpha.teaser.values())
    site = build_site(load_config(mini), kits=False, workers=1)
    page = (site / "fr" / "about" / "index.html").read_text(encoding="utf-8")
    assert "À propos" in page and "\ufeff" not in page


def test_errors_in_crlf_files_point_at_the_right_line(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beta = mini / "case_studies" / "beta.yml"
    text = beta.read_text(encoding="utf-8").replace("status: stub", "status: stub\nstatsu: x")
    beta.write_bytes(_windows(text))
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "case_studies/beta.yml:4:1: error: statsu: unknown field 'statsu' — did you mean "
        "'status'?" in err
    ), err


# -- any text: a record or a content error -----------------------------------------------------

FIELD_NAMES = sorted(
    {name for model in MODELS for name in model.model_fields}
    | {"fr", "de", "en", "id", "value", "year", "source", "minutes", "module", "break"}
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "fr",
            "de",
            "2026-11-01",
            "09:30",
            "heritage",
            "stub",
            "TODO",
            "https://example.org",
            "-1e9",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=30,
)
yaml_syntax = st.text(
    alphabet=string.printable + "äéß«»\u00a0\ufeff\x00\x1b&*!|>{}[]-?:#'\"", max_size=300
)


def _outcome(text: str, model: type[Any]) -> str:
    """Parse and validate; anything but a record or a ContentError fails the test."""
    try:
        loaded = parse_text(text, "case_studies/x.yml")
    except ContentError as exc:
        assert exc.path == "case_studies/x.yml" and exc.message
        return "error"
    if not isinstance(loaded.data, dict):
        return "not a mapping"  # the catalogue reports this itself
    record, errors = validate(model, loaded, CONTEXT)
    assert all(isinstance(e, ContentError) and e.message for e in errors)
    assert (record is None) == bool(errors or loaded.problems)
    assert record is None or isinstance(record, model)
    return "record" if record is not None else "error"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=400), yaml_syntax), model=st.sampled_from(MODELS))
def test_arbitrary_text_gives_a_record_or_a_content_error(text: str, model: type[Any]) -> None:
    _outcome(text, model)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=12),
    model=st.sampled_from(MODELS),
)
def test_arbitrary_documents_give_a_record_or_a_content_error(
    data: dict[str, Any], model: type[Any]
) -> None:
    _outcome(yaml.safe_dump(data, allow_unicode=True), model)


def _parsed(text: str) -> object:
    try:
        loaded = parse_text(text, "x.yml")
    except ContentError as exc:
        return exc
    return (loaded.data, loaded.keys, loaded.values, loaded.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8),
    style=st.sampled_from([None, False, True]),
    crlf=st.booleans(),
)
def test_libyaml_and_pure_python_loaders_agree(
    data: dict[str, Any], style: bool | None, crlf: bool
) -> None:
    """On well-formed files the fast path (libyaml, when present) gives the same data, marks
    and problems as the pure-Python loader. (On malformed text the two scanners differ in
    corners, e.g. a tab after a value: libyaml accepts what PyYAML refuses.)"""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=style)
    text = text.replace("\n", "\r\n") if crlf else text
    fast = _parsed(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(load, "_compose_fast", lambda _text: (False, None))
        slow = _parsed(text)
    assert fast == slow


def test_the_loaders_agree_on_every_shipped_file() -> None:
    repo = Path(__file__).parent.parent
    files = sorted(repo.glob("case_studies/*.yml")) + sorted(repo.glob("workshops/**/*.yml"))
    files += sorted((repo / "tests").glob("**/*.yml"))
    for file in files:
        text = file.read_bytes().decode("utf-8", errors="replace")
        fast = _parsed(text)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(load, "_compose_fast", lambda _text: (False, None))
            assert _parsed(text) == fast, file


def test_keys_stay_as_written() -> None:
    loaded = parse_text("no: 1\nnull: 2\n1.0: 3\n'no': 4\n", "x.yml")
    assert loaded.data == {"no": 1, "null": 2, "1.0": 3}
    assert [str(p) for p in loaded.problems] == [
        "x.yml:4:1: error: no: duplicate key 'no' (first written on line 1) — keep one of the "
        "two: YAML would silently drop the first one"
    ]


def test_the_valid_fixture_gives_records() -> None:
    mini = Path(__file__).parent / "fixtures" / "mini"
    text = (mini / "case_studies" / "alpha.yml").read_text(encoding="utf-8")
    assert _outcome(text, CaseStudy) == "record"
    assert _outcome("\ufeff" + text.replace("\n", "\r\n"), CaseStudy) == "record"


# -- atomic builds: MkDocs fails after the content passed ---------------------------------------


def test_failed_mkdocs_stage_keeps_previous_site(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = build_site(load_config(mini), kits=False, workers=1)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    about = mini / "docs" / "fr" / "about.md"
    about.write_text("# À propos\n\nVoir [la page perdue](perdue.md).\n", encoding="utf-8")
    capsys.readouterr()
    code = main(["--root", str(mini), "build", "--no-kits"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[0] == (
        "docs/fr/about.md: error: the site engine (fr) warns: Doc file 'about.md' contains a "
        "link 'perdue.md', but the target is not found among documentation files. — fix the "
        "page, or the link it names"
    )
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(mini.glob(".site-*"))
