"""builder.terms skips the glossary pattern for texts without the first word of any spelling:
the hits must be exactly those of the pattern alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import terms
from builder.catalog import load_catalog
from builder.config import load_config

REPO = Path(__file__).resolve().parent.parent


def _texts(value: Any, lang: str) -> list[str]:
    if isinstance(value, dict):
        own = value.get(lang)
        rest = [t for k, v in value.items() if k != lang for t in _texts(v, lang)]
        return ([own] if isinstance(own, str) else []) + rest
    if isinstance(value, list):
        return [t for v in value for t in _texts(v, lang)]
    return []


def _hits(text: str, glossary: list[Any], lang: str, *, shortcut: bool) -> list[tuple]:
    found = terms._index(glossary, lang)
    if not shortcut:
        key = (lang, *map(id, glossary))
        terms._INDEXES[key] = (*found[:3], None)
    try:
        return [(h.term.id, h.start, h.end) for h in terms.find_terms(text, glossary, lang)]
    finally:
        terms._INDEXES.clear()


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog(load_config(REPO))


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_shipped_texts(catalog: Any, lang: str) -> None:
    glossary = list(catalog.glossary.values())
    texts = [t for f in catalog.files.values() for t in _texts(f.data, lang)]
    found = 0
    for text in texts:
        expected = _hits(text, glossary, lang, shortcut=False)
        assert _hits(text, glossary, lang, shortcut=True) == expected, text[:80]
        found += bool(expected)
    assert 0 < found < len(texts)  # both branches are exercised


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_texts_made_of_glossary_words(catalog: Any, data: st.DataObject) -> None:
    glossary = list(catalog.glossary.values())
    lang = data.draw(st.sampled_from(["fr", "de"]))
    words = [s for t in glossary for s in terms.spellings(t, lang)]
    pieces = st.sampled_from([*words, " ", "\n", "-", "'", "x", "É", "s", ".", "Ü"])
    text = "".join(data.draw(st.lists(pieces, max_size=12)))
    variant = data.draw(st.sampled_from([str, str.upper, str.lower, str.title]))
    text = variant(text)
    assert _hits(text, glossary, lang, shortcut=True) == _hits(text, glossary, lang, shortcut=False)
