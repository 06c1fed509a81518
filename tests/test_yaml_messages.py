"""YAML syntax errors in an editor's words, at the line to fix: each typical mistake (a tab,
a key indented one space off, a colon inside a text, a missing space after a colon, a quote
never closed …) gives its own message, never PyYAML's jargon."""

from __future__ import annotations

import pytest

from builder.errors import ContentError
from builder.load import parse_text

JARGON = ("<block", "mapping values", "but found", "token", "scalar", "found character")

CASES = [
    # (name, text, message key, line, column, words the message must contain)
    ("tab", "title:\n\tfr: x\n\tde: y\n", "yaml_tab", 2, 1, ["tab", "spaces"]),
    ("tab-after-spaces", "title:\n  fr: x\n  \tde: y\n", "yaml_tab", 3, 3, ["tab"]),
    (
        "key-one-space-left",
        "title:\n  fr: x\n de: y\nteaser: z\n",
        "yaml_misaligned",
        3,
        2,
        ["`de`", "`fr`, line 2", "`title`, line 1"],
    ),
    (
        "key-under-a-value",
        "title:\n  fr: x\n    de: y\nteaser: z\n",
        "yaml_under_value",
        3,
        5,
        ["`de`", "`fr` (line 2)"],
    ),
    (
        "group-after-a-value",
        "timeline:\n  - date: 1986\n    text: x\n      fr: y\n",
        "yaml_under_value",
        4,
        7,
        ["`fr`", "`text` (line 3)"],
    ),
    (
        "list-item-one-space-left",
        "themes:\n  - a\n - b\n",
        "yaml_misaligned",
        3,
        2,
        ["`- b`", "`- a`, line 2"],
    ),
    (
        "colon-in-text",
        "title:\n  fr: Exemple : une commune\n  de: x\n",
        "yaml_colon_in_text",
        2,
        15,
        ["double quotes", "`fr:"],
    ),
    (
        "no-space-after-colon",
        "title:\n  fr:x\n  de: y\n",
        "yaml_colon_space",
        2,
        3,
        ["`fr:x`", "`fr: x`"],
    ),
    (
        "unclosed-quote",
        'title:\n  fr: "abc\n  de: x\nteaser: y\n',
        "yaml_unclosed_quote",
        2,
        7,
        ["quote"],
    ),
    (
        "unclosed-brace",
        "title: {fr: Beta, de: Beta\nteaser: {fr: x, de: y}\n",
        "yaml_unclosed_bracket",
        1,
        8,
        ["`{`", "`}`"],
    ),
    (
        "text-after-quote",
        'title:\n  fr: "abc" def\n',
        "yaml_text_after_quote",
        2,
        13,
        ["closing quote"],
    ),
    (
        "french-apostrophe-in-single-quotes",
        "title: 'l'avenir'\n",
        "yaml_text_after_quote",
        1,
        11,
        ["’"],
    ),
    ("list-among-fields", "title:\n  fr: x\n  - y\n", "yaml_list_here", 3, 3, ["list item"]),
    ("colon-without-key", "title:\n  fr: x\n  : y\n", "yaml_missing_key", 3, 3, ["field name"]),
    (
        "text-not-indented",
        "teaser:\n  fr: |\n  texte\n  de: y\n",
        "yaml_not_key_value",
        3,
        3,
        ["`texte`", "indent"],
    ),
    ("at-sign", "title: @x\n", "yaml_reserved_start", 1, 8, ["'@'", "quotes"]),
    ("star", "title: *x\n", "yaml_reserved_start", 1, 8, ["'*'"]),
    ("second-document", "title: x\n---\ntitle: y\n", "yaml_second_document", 2, 1, ["`---`"]),
]


@pytest.mark.parametrize(
    ("text", "key", "line", "column", "words"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_typical_mistakes(text: str, key: str, line: int, column: int, words: list[str]) -> None:
    with pytest.raises(ContentError) as raised:
        parse_text(text, "x.yml")
    error = raised.value
    assert error.msg is not None and error.msg.key == key, str(error)
    assert (error.line, error.column) == (line, column), str(error)
    shown = str(error)
    for word in words:
        assert word in shown, shown
    for jargon in JARGON:
        assert jargon not in shown, shown
    for lang in ("de", "fr"):  # every language says it, without the parser's words either
        assert not any(j in error.render(lang) for j in JARGON), error.render(lang)
