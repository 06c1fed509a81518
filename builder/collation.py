"""Alphabetical order as a reader of the page's language expects it: „Ökologisches Bauen“
with O, « Évaluation » with E, not after Z.

Sorting uses the Unicode Collation Algorithm with its default table (DUCET, through
``pyuca``). That table is CLDR's root collation for letters, which is what CLDR gives
German (DIN 5007-1 dictionary order: Ä sorts as A, ß as ss) and French (accents compared
from the start of the word, as in France; only Canadian French differs). Browsers sort the
same way with ``Intl.Collator`` (``assets/villes-pairs.js``), so a list sorted here and a
table sorted by a click agree. Languages with letters of their own (Polish Ł, Czech Ch)
would need a tailored table: add one here when such a language is configured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

from pyuca import Collator

T = TypeVar("T")


@cache
def _collator() -> Collator:
    return Collator()  # reads the default table once (~0.2 s)


def sort_key(text: str, lang: str = "") -> tuple[int, ...]:
    """Key that sorts ``text`` in dictionary order (``lang``: see the module's docstring)."""
    return tuple(_collator().sort_key(text))


def sorted_by(items: Iterable[T], text: Callable[[T], str], lang: str = "") -> list[T]:
    """``items`` in dictionary order of ``text(item)``."""
    return sorted(items, key=lambda item: sort_key(text(item), lang))


@cache
def _letters() -> dict[int, str]:
    """First primary weight of each letter A–Z: what an index files words under."""
    return {_collator().sort_key(letter)[0]: letter for letter in map(chr, range(65, 91))}


def initial(text: str) -> str:
    """The letter a word is filed under in an A–Z index: the letter it sorts with
    („Ökologie“ → O, « Écart » → E, « Œuvre » → O, „ß“ → S); "#" for digits and signs, and
    for letters outside A–Z, which sort after Z."""
    word = re.search(r"\w.*", text, re.S)  # past opening quotes and brackets
    key = _collator().sort_key(word.group(0)) if word else ()
    return _letters().get(key[0], "#") if key else "#"
