"""Find glossary terms in texts: for the kits' FR ↔ DE glossary and the site's tooltips.

A term is found by its own spelling or one of its aliases in the text's language, ignoring
case, as a whole word (``terril`` matches in "le terril." but not in "terrils" unless
``terrils`` is an alias). Where spellings overlap ("conduite du changement" and
"changement"), the longest one wins and occurrences never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from .markdown_safe import plain
from .model import GlossaryTerm


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a glossary term in a text."""

    term: GlossaryTerm
    start: int
    end: int
    text: str  # as written in the text


def spellings(term: GlossaryTerm, lang: str) -> list[str]:
    """The term and its aliases in one language, without duplicates or blanks."""
    found = [term.term.get(lang, ""), *((term.aliases or {}).get(lang, []))]
    seen: dict[str, str] = {}
    for spelling in found:
        spelling = " ".join(spelling.split())
        if spelling and spelling.casefold() not in seen:
            seen[spelling.casefold()] = spelling
    return list(seen.values())


@lru_cache(maxsize=64)
def _pattern(entries: tuple[tuple[str, int], ...]) -> re.Pattern[str] | None:
    """One alternation over every spelling, longest first so the longest match wins."""
    if not entries:
        return None
    ordered = sorted(entries, key=lambda e: (-len(e[0]), e[0]))
    alternatives = "|".join(
        # Any run of spaces in the text matches the single space of a spelling, either
        # apostrophe (' or ’) matches either.
        re.sub("['’]", "['’]", re.escape(spelling).replace(r"\ ", r"\s+"))
        for spelling, _ in ordered
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _key(spelling: str) -> str:
    """A spelling as looked up: spaces and case as in the glossary, either apostrophe."""
    return " ".join(spelling.split()).casefold().replace("’", "'")


_Index = tuple[list[GlossaryTerm], dict[str, int], re.Pattern[str] | None, frozenset[str] | None]
_INDEXES: dict[tuple[object, ...], _Index] = {}
_WORD = re.compile(r"\w+")


def _index(terms: Iterable[GlossaryTerm], lang: str) -> _Index:
    """Spellings → term, the pattern, and the first word of every spelling, for one glossary
    and language (kept for reuse: the site calls :func:`find_terms` once per paragraph)."""
    glossary = list(terms)
    # Keyed by the terms' identities: the cached entry holds the terms themselves, so an
    # identity cannot be reused by another object while its entry exists.
    key = (lang, *map(id, glossary))
    if (found := _INDEXES.get(key)) is not None:
        return found
    owner: dict[str, int] = {}
    for i, term in enumerate(glossary):
        for spelling in spellings(term, lang):
            owner.setdefault(_key(spelling), i)
    firsts = [_WORD.match(spelling) for spelling in owner]
    if len(_INDEXES) >= 16:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[key] = (
        glossary,
        owner,
        _pattern(tuple(sorted(owner.items()))),
        # None: a spelling does not start with a word, so no shortcut.
        frozenset(m.group(0) for m in firsts if m) if all(firsts) else None,
    )
    return _INDEXES[key]


def find_terms(text: str, terms: Iterable[GlossaryTerm], lang: str) -> list[TermHit]:
    """Every occurrence of a glossary term in ``text`` (written in ``lang``), in text order."""
    glossary, owner, pattern, firsts = _index(terms, lang)
    if pattern is None or not text:
        return []
    # A match starts with a whole word of the text that is the first word of a spelling:
    # texts without any such word (most paragraphs) skip the long alternation.
    if firsts is not None and firsts.isdisjoint(_WORD.findall(text.casefold())):
        return []
    hits = []
    for match in pattern.finditer(text):
        key = _key(match.group(0))
        if key in owner:
            hits.append(TermHit(glossary[owner[key]], match.start(), match.end(), match.group(0)))
    return hits


def terms_in(texts: Iterable[str], terms: Iterable[GlossaryTerm], lang: str) -> list[GlossaryTerm]:
    """The glossary terms used in any of ``texts``, once each, in order of first use."""
    glossary = list(terms)
    used: dict[str, GlossaryTerm] = {}
    for text in texts:
        for hit in find_terms(text, glossary, lang):
            used.setdefault(hit.term.id, hit.term)
    return list(used.values())


_NOT_TEXT = {"translation"}  # per-language metadata, not reader-facing text


def record_texts(record: BaseModel | Mapping[str, Any] | list[Any], lang: str) -> Iterator[str]:
    """Every reader-facing text of a record in one language, as plain text (no Markdown).

    A localized text is a mapping with one entry per language; the walk yields the
    ``lang`` entry of each, wherever it sits in the record (steps, handouts, materials…).
    """
    data: Any = record.model_dump(exclude=_NOT_TEXT) if isinstance(record, BaseModel) else record
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, Mapping):
            value = node.get(lang)
            if isinstance(value, str):
                yield plain(value, lang)
            stack.extend(v for k, v in node.items() if k != lang)
        elif isinstance(node, list):
            stack.extend(node)


def record_terms(
    records: Iterable[BaseModel], terms: Iterable[GlossaryTerm], langs: Iterable[str]
) -> list[GlossaryTerm]:
    """Glossary terms a set of records uses in any of ``langs``, in glossary order."""
    glossary = list(terms)
    records = list(records)
    used = {
        term.id
        for lang in langs
        for term in terms_in(
            (text for record in records for text in record_texts(record, lang)), glossary, lang
        )
    }
    return [term for term in glossary if term.id in used]
