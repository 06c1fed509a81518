"""Listing pages split into numbered pages, so that no page grows with the catalogue.

A listing with more entries than fit on one page becomes pages 1…n. Page 1 keeps the
listing's address and key (``cases`` → ``fallstudien/``); page n gets the key
``<key>/page/<n>`` and the address ``<address>page/<n>/`` (``fallstudien/page/2/``). The
numbering is the same in every language, so the language switcher and the ``hreflang``
alternates pair page n with page n. Pure functions: no MkDocs, no templates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
MARK = "/page/"
#: Numbered links on each side of the current page in a pager (plus the first and last).
AROUND = 2


def compare_rows(page_size: int) -> int:
    """Rows per page of the comparison table: each row brings its side-by-side column
    (~1.9 KB with synthetic cases, ~3 KB with real ones), so half as many as cards."""
    return max(1, page_size // 2)


def theme_module_cards(page_size: int) -> int:
    """Module cards on a theme's first page, below its first page of case cards; a theme
    with more modules links to pages of its own modules."""
    return max(1, page_size // 4)


def page_count(items: int, size: int) -> int:
    """Pages needed for ``items`` entries, ``size`` a page; at least one (an empty list)."""
    return max(1, math.ceil(items / size))


def page_slice(items: Sequence[T], page: int, size: int) -> list[T]:
    return list(items[(page - 1) * size : page * size])


def page_key(base: str, page: int) -> str:
    """``cases``, 1 → ``cases``; ``cases``, 3 → ``cases/page/3``."""
    return base if page == 1 else f"{base}{MARK}{page}"


def base_key(key: str) -> str:
    """The key of a listing's first page: ``theme/energy/page/2`` → ``theme/energy``."""
    head, mark, number = key.rpartition(MARK)
    return head if mark and number.isdigit() else key


def page_uri(base_uri: str, page: int) -> str:
    """Source path of page ``page`` of the listing at ``base_uri``:
    ``fallstudien/index.md`` → ``fallstudien/page/2.md``, ``themen/x.md`` →
    ``themen/x/page/2.md`` (URLs ``fallstudien/page/2/``, ``themen/x/page/2/``)."""
    if page == 1:
        return base_uri
    stem = base_uri.removesuffix(".md")
    folder = (
        stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    )
    return f"{folder}page/{page}.md"


def window(current: int, pages: int, around: int = AROUND) -> list[int | None]:
    """Page numbers a pager shows, ``None`` for a gap: the first and the last page and
    ``around`` on each side of the current one (``1 … 6 7 8 9 10 … 250``). A gap of a
    single page shows that page instead."""
    shown = {1, pages, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= pages)
    out: list[int | None] = []
    previous: int | None = None
    for n in numbers:
        if previous is not None and n - previous == 2:
            out.append(n - 1)
        elif previous is not None and n - previous > 2:
            out.append(None)
        out.append(n)
        previous = n
    return out
