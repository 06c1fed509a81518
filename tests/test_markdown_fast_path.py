"""Fields without Markdown syntax skip the Markdown pass (builder.markdown_safe): the result
must be exactly what Python-Markdown gives, on every text of the shipped content, of a
generated catalogue, and on generated texts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import markdown_safe
from builder.catalog import load_catalog
from builder.config import load_config

REPO = Path(__file__).resolve().parent.parent


def _slow(text: str, lang: str, inline: bool) -> str:
    """The Markdown pass, whatever the text."""
    original = markdown_safe._NEEDS_MARKDOWN
    markdown_safe._NEEDS_MARKDOWN = re.compile(r"(?s).|\A")  # always matches
    try:
        markdown_safe._to_html.cache_clear()
        return str(markdown_safe._to_html(text, lang, inline))
    finally:
        markdown_safe._NEEDS_MARKDOWN = original
        markdown_safe._to_html.cache_clear()


def _fast(text: str, lang: str, inline: bool) -> str:
    markdown_safe._to_html.cache_clear()
    return str(markdown_safe._to_html(text, lang, inline))


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) and value.strip() else []


def _agree(texts: list[str]) -> int:
    plain = 0
    for text in texts:
        for lang in ("fr", "de"):
            for inline in (False, True):
                assert _fast(text, lang, inline) == _slow(text, lang, inline), (text, lang)
        plain += not markdown_safe._NEEDS_MARKDOWN.search(text)
    return plain


def test_shipped_content() -> None:
    """Whatever the texts are (how many need Markdown depends on the content: the generated
    catalogue below shows the shortcut is taken)."""
    catalog = load_catalog(load_config(REPO))
    texts = sorted({t for f in catalog.files.values() for t in _texts(f.data)})
    assert texts
    _agree(texts)


def test_generated_catalogue(tmp_path: Path) -> None:
    from bench.generate import generate_project

    generate_project(tmp_path / "p", 30)
    catalog = load_catalog(load_config(tmp_path / "p"))
    texts = sorted({t for f in catalog.files.values() for t in _texts(f.data)})
    assert _agree(texts) > len(texts) * 0.5


ALPHABET = st.sampled_from(
    [*"aé Z09.,;:!?«»'\"&\n\n  -–—()/%€ß#1.\t", "\u00a0", "\u202f", "\u2028"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, max_size=80))
def test_generated_texts(text: str) -> None:
    _agree([text])
