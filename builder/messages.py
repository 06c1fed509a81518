"""The editors' messages in English, German and French: one catalogue for `check`, the live
preview and the GitHub annotations.

A message is a key and its arguments (:class:`Msg`), turned into text in a language only when
it is shown. The texts live in ``builder/labels/messages.<lang>.yml``, one template per key
with ``{name}`` placeholders; ``tests/test_messages.py`` checks that every language has every
key with the same placeholders. Arguments are shown as given, except whole numbers (grouped
the language's way, with Babel, when wrapped in :class:`Num`), tuples (a list joined with
the language's "or") and :class:`Word` (a catalogue entry in the same language).

Which language an editor reads is decided once, at the edge (the command line, the preview),
from the locale variables as gettext reads them (:func:`editor_language`); everything inside
passes the language down.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.numbers import format_decimal

LABELS = Path(__file__).parent / "labels"
LANGUAGES = ("en", "de", "fr")
DEFAULT = "en"
_LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR"}

Args = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Word:
    """An argument that is itself a catalogue entry (a kind of record, a language name …),
    shown in the message's language."""

    key: str


@dataclass(frozen=True)
class Num:
    """A quantity, grouped the language's way (4,300 · 4.300 · 4 300); plain ints (years,
    line numbers) are shown as they are."""

    value: int | float


@dataclass(frozen=True)
class Msg:
    """A message key and its arguments, independent of the language."""

    key: str
    args: Args = ()

    def text(self, lang: str = DEFAULT) -> str:
        return render(self.key, lang, self.args)

    def __str__(self) -> str:
        return self.text(DEFAULT)


def msg(key: str, /, **args: Any) -> Msg:
    """``msg("field_missing", name="'title'")``; an unknown key fails at once (a typo in the
    code, not in the content)."""
    if key not in catalogue(DEFAULT):
        raise KeyError(f"no message {key!r} in builder/labels/messages.en.yml")
    return Msg(key, tuple(sorted(args.items())))


class Problem(ValueError):
    """A validation problem raised inside a model validator: pydantic keeps the exception,
    :mod:`builder.validate` shows its message and hint in the editor's language."""

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} — {hint}" if hint else str(message))


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = LABELS / f"messages.{lang}.yml"
    if not path.exists():
        return catalogue(DEFAULT) if lang != DEFAULT else {}
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    table = {str(k): str(v) for k, v in data.items()}
    if lang == "fr":  # written with ordinary spaces; no-break ones before : ; ! ? and in « »
        from .markdown_safe import french_typography

        table = {k: french_typography(v) for k, v in table.items()}
    return table


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, Word):
        return catalogue(lang).get(value.key) or catalogue(DEFAULT)[value.key]
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, Num):
        return format_decimal(value.value, locale=_LOCALES.get(lang, "en_GB"))
    if isinstance(value, tuple):
        return one_of([_shown(v, lang) for v in value], lang)
    return str(value)


def one_of(items: list[str], lang: str) -> str:
    """``a, b or c`` in the language."""
    if len(items) < 2:
        return "".join(items)
    word = catalogue(lang).get("word_or") or catalogue(DEFAULT)["word_or"]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def render(key: str, lang: str, args: Args | Mapping[str, Any] = ()) -> str:
    template = catalogue(lang).get(key) or catalogue(DEFAULT)[key]
    values = dict(args.items() if isinstance(args, Mapping) else args)
    return template.format_map({k: _shown(v, lang) for k, v in values.items()})


def quoted(value: Any) -> str:
    """A value as the editor wrote it, quoted like Python shows text: ``'heritag'``."""
    return repr(value) if isinstance(value, str) else str(value)


def _language_of(locale_name: str) -> str | None:
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def editor_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the editor's messages, as gettext chooses it: the locale of messages
    (``LC_ALL``, else ``LC_MESSAGES``, else ``LANG``), refined by the ``LANGUAGE`` list
    unless the locale is C/POSIX. German or French when chosen, English otherwise."""
    env = os.environ if environ is None else environ
    locale_name = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    if locale_name.split(".")[0] in ("", "C", "POSIX"):
        return DEFAULT
    for candidate in env.get("LANGUAGE", "").split(":"):
        if candidate and (code := _language_of(candidate)):
            return code
    return _language_of(locale_name) or DEFAULT
