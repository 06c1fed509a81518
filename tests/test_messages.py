"""The message catalogue: every language has every message with the same placeholders, the
code uses only messages that exist, and the editor's locale chooses the language."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from builder.cli import main
from builder.messages import LANGUAGES, Msg, Num, catalogue, editor_language, msg, one_of, render

BUILDER = Path(__file__).parent.parent / "builder"


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_language_has_every_message_with_the_same_placeholders(lang: str) -> None:
    english, other = catalogue("en"), catalogue(lang)
    assert set(other) == set(english), set(english) ^ set(other)
    for key, template in english.items():
        assert _fields(other[key]) == _fields(template), (lang, key)
        assert other[key].strip(), (lang, key)


def test_the_code_uses_only_messages_that_exist() -> None:
    """Every literal key in the code (msg("…"), located(…, "…", "hint_…")) is in the
    catalogue, and every message of the catalogue is used somewhere."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in BUILDER.rglob("*.py"))
    keys = set(catalogue("en"))
    quoted = set(re.findall(r"\"([a-z][a-z0-9_]+)\"", source))
    prefixed = set(re.findall(r"f\"([a-z_]+_)\{", source))  # f"ref_unknown_{what}"
    used = {k for k in keys if k in quoted or any(k.startswith(p) for p in prefixed)}
    used |= {k for k in keys if k.startswith("severity_")}  # "severity_" + …
    assert used == keys, f"unused messages: {sorted(keys - used)}"
    for found in re.findall(r"msg\(\s*\"([a-z0-9_]+)\"", source):
        assert found in keys, found


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "de_AT"}, "de"),
        ({"LANG": "es_ES.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "de"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:en"}, "fr"),
        ({"LANG": "C", "LANGUAGE": "de"}, "en"),  # gettext ignores LANGUAGE in the C locale
    ],
)
def test_the_locale_chooses_the_language(environ: dict[str, str], lang: str) -> None:
    assert editor_language(environ) == lang


def test_numbers_lists_and_french_spaces() -> None:
    assert one_of(["a", "b", "c"], "de") == "a, b oder c"
    assert render("image_too_large", "de", {"size": Num(2_500_000)}) == (
        "das Bild ist zu groß (2.500.000 Byte)"
    )
    assert render("image_too_large", "fr", {"size": Num(2_500_000)}) == (
        "l’image est trop lourde (2\u202f500\u202f000 octets)"
    )
    hint = msg("hint_use_one_of", choices=("'stub'", "'partial'")).text("fr")
    assert hint == "employez 'stub' ou 'partial'"
    # French typography in the templates: no-break space before the colon
    assert "\u00a0:" in render("summary_strict_note", "fr") or ":" not in render(
        "summary_strict_note", "fr"
    )
    assert render("yaml_tab", "fr") == "une tabulation\u00a0: indentez avec des espaces"
    with pytest.raises(KeyError, match="no message 'no-such-key'"):
        msg("no-such-key")
    assert str(Msg("yaml_tab")) == "a tab character: indent with spaces"


def _break_beta(mini: Path) -> None:
    path = mini / "case_studies" / "beta.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("themes: [heritage]", "themes: [heritag]"),
        encoding="utf-8",
    )


def test_lang_de_gives_german_messages_and_annotations(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_beta(mini)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(mini), "check"]) == 1
    out = capsys.readouterr()
    assert (
        "case_studies/beta.yml:15:10: Fehler: themes[0]: unbekanntes Thema 'heritag' — "
        "meinten Sie 'heritage'?"
    ) in out.err
    assert "1 Fehler, 0 Warnung(en)" in out.err
    assert (
        "::error file=case_studies/beta.yml,line=15,col=10::themes[0]: unbekanntes Thema "
        "'heritag' — meinten Sie 'heritage'?"
    ) in out.out


def test_messages_option_wins_over_the_locale(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert main(["--root", str(mini), "--messages", "fr", "check"]) == 0
    assert capsys.readouterr().err.startswith(
        "OK (études de cas\u00a0: 2, modules d’atelier\u00a0: 1"
    )


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_messages_page_shows_real_messages(lang: str) -> None:
    """Every example on docs/<lang>/messages.md is a line `check` prints for a golden case
    (tests/golden): the page cannot drift from the tool."""
    docs = Path(__file__).parent.parent / "docs" / lang
    golden = Path(__file__).parent / "golden"
    printed = {line for out in golden.glob("*.out") for line in out.read_text("utf-8").splitlines()}
    examples = [
        line
        for page in (docs / "messages.md", docs / "guide.md")
        for block in re.findall(r"```text\n(.*?)```", page.read_text("utf-8"), re.S)
        for line in block.splitlines()
        if re.match(r"\S+\.yml:\d+:\d+: ", line)
    ]
    assert len(examples) > 20
    missing = [line for line in examples if line not in printed]
    assert not missing, "\n".join(missing)
