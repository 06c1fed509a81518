"""Terms and typography per language, checked in every text of the content files.

* A glossary entry may list variants to avoid per language (``avoid: {de: [Gewählte]}``):
  where one appears in a text of that language, a warning names the entry's own term.
* Thousands are grouped the language's way: ``20.000`` in German, ``20 000`` with a
  no-break space in French. ``20 000`` in a German text, ``20.000`` or ``20,000`` in a
  French one, and a French group with an ordinary space (the number can break across
  lines) get a warning.
* French running text writes the apostrophe ’, not the straight ``'``.

A word in quotation marks („Zeche“, « pinnwand ») is mentioned, not used, and is left alone;
so are code, links and web addresses. Each warning points at the line of the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ContentError
from .load import FieldPath, Loaded, dotted
from .messages import msg, quoted
from .model import GlossaryTerm

#: Spans left alone: code, Markdown link targets, web addresses, quotations.
_SKIP = re.compile(
    r"`[^`]*`|\]\([^)]*\)|https?://\S+|„[^“”]*[“”]|“[^”]*”|«[^»]*»|‚[^‘’]*[‘’]|\"[^\"\n]*\""
)
_GROUPED = {
    # 20 000 (space, no-break space or narrow no-break space) in German; never a leading 0
    "de": re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+(?![\d])"),
    # 20.000 or 20,000 in French (0,002 and 51,083° are decimals)
    "fr": re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*(?![\d°]|[.,]\d)"),
}
_FR_PLAIN_SPACE = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?: \d{3})+(?!\d)")
_MAYBE = re.compile(r"[\d']")
_WORD = re.compile(r"\w+")
_STRAIGHT = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
#: Not running text: per-language states, and the glossary's lists of spellings to
#: recognise (``aliases``, which may hold both apostrophes) or to avoid.
_NOT_TEXT = {"translation", "avoid", "aliases", "id"}


def texts(
    data: Any, codes: tuple[str, ...], loc: FieldPath = ()
) -> Iterator[tuple[FieldPath, str, str]]:
    """(field path, language, text) of every text written in a language."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _NOT_TEXT:
                continue
            if key in codes and isinstance(value, str):
                yield (*loc, key), key, value
            elif key in codes and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*loc, key, i), key, item
            else:
                yield from texts(value, codes, (*loc, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from texts(item, codes, (*loc, i))


def _open_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SKIP.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _avoid_pattern(variant: str) -> re.Pattern[str]:
    """The variant as a whole word; a first letter in lower case may be a capital at the
    start of a sentence, a capital stays one (German nouns: „Gewählte“ is not „gewählte“)."""
    body = re.escape(variant).replace(r"\ ", r"\s+")
    first = variant[:1]
    if first.islower():
        body = f"[{re.escape(first)}{re.escape(first.upper())}]" + re.escape(variant[1:]).replace(
            r"\ ", r"\s+"
        )
    return re.compile(rf"(?<!\w){body}(?!\w)")


class Avoid:
    """The variants to avoid of a glossary, per language: one pattern over all of them, so
    that a text is read once whatever the number of variants; a text without the first word
    of any variant (most texts) is not searched at all."""

    def __init__(self, glossary: Iterable[GlossaryTerm]) -> None:
        self.variants: dict[str, list[tuple[re.Pattern[str], GlossaryTerm]]] = {}
        self.firsts: dict[str, set[str]] = {}
        for term in glossary:
            for lang, words in (term.avoid or {}).items():
                for word in words:
                    self.variants.setdefault(lang, []).append((_avoid_pattern(word), term))
                    if first := _WORD.match(word):
                        self.firsts.setdefault(lang, set()).add(first.group(0).casefold())
        for found in self.variants.values():  # the longest variant wins where two overlap
            found.sort(key=lambda v: -len(v[0].pattern))
        self.any = {
            lang: re.compile("|".join(p.pattern for p, _ in found))
            for lang, found in self.variants.items()
        }

    def find(self, text: str, lang: str) -> Iterator[tuple[re.Match[str], GlossaryTerm]]:
        pattern = self.any.get(lang)
        if pattern is None or self.firsts.get(lang, set()).isdisjoint(
            _WORD.findall(text.casefold())
        ):
            return
        for match in pattern.finditer(text):
            term = next(t for p, t in self.variants[lang] if p.fullmatch(match.group(0)))
            yield match, term


def check(loaded: Loaded, codes: tuple[str, ...], avoid: Avoid) -> Iterator[ContentError]:
    """Warnings for one content file."""
    for loc, lang, text in texts(loaded.data, codes):
        if not (avoid.any.get(lang) or _MAYBE.search(text)):
            continue  # no digit, no straight apostrophe, no variant to look for: most texts
        spans = _open_spans(text)
        for match, term in avoid.find(text, lang):
            if _inside(spans, *match.span()):
                continue
            yield _warn(
                loaded,
                loc,
                match.group(0),
                "term_avoid",
                "hint_term_avoid",
                found=match.group(0),
                preferred=term.term.get(lang, ""),
                id=term.id,
            )
        yield from _numbers(loaded, loc, lang, text, spans)
        if lang == "fr":
            straight = [m for m in _STRAIGHT.finditer(text) if not _inside(spans, *m.span())]
            if straight:
                first = straight[0]
                word = text[max(0, first.start() - 12) : first.end() + 12].split()
                needle = next((w for w in word if "'" in w), "'")
                yield _warn(
                    loaded,
                    loc,
                    needle,
                    "apostrophe_fr",
                    "hint_apostrophe_fr",
                    count=len(straight),
                    example=needle.strip(".,;:!?()«»"),
                )


def _numbers(
    loaded: Loaded, loc: FieldPath, lang: str, text: str, spans: list[tuple[int, int]]
) -> Iterator[ContentError]:
    pattern = _GROUPED.get(lang)
    if pattern is not None:
        for match in pattern.finditer(text):
            if _inside(spans, *match.span()):
                continue
            digits = re.sub(r"\D", "", match.group(0))
            groups = f"{int(digits):,}"
            yield _warn(
                loaded,
                loc,
                match.group(0),
                f"number_format_{lang}",
                f"hint_number_format_{lang}",
                found=quoted(match.group(0).replace("\u00a0", " ").replace("\u202f", " ")),
                fixed=groups.replace(",", ".") if lang == "de" else groups.replace(",", " "),
            )
    if lang == "fr":
        for match in _FR_PLAIN_SPACE.finditer(text):
            if _inside(spans, *match.span()):
                continue
            yield _warn(
                loaded,
                loc,
                match.group(0),
                "number_space_fr",
                "hint_number_space_fr",
                found=quoted(match.group(0)),
            )


def _warn(
    loaded: Loaded, loc: FieldPath, needle: str, key: str, hint: str, **args: Any
) -> ContentError:
    mark = loaded.mark_of(loc, needle)
    return ContentError.of(
        loaded.path,
        mark.line,
        mark.column,
        dotted(loc),
        msg(key, **args),
        msg(hint, **args),
        "warning",
    )
