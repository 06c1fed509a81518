"""Glossary explanations in running text: the first use of a glossary term on a page becomes
a link to its glossary entry with a tooltip (on hover and on keyboard focus) giving the
definition in the page's language and the term in the other languages.

Works on already sanitised HTML: only text between tags is searched, never inside links,
headings, code or another tooltip, so the markup stays valid and safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from .markdown_safe import to_html
from .model import GlossaryTerm
from .terms import find_terms

_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "abbr", "span"}


def annotate(
    html: str,
    terms: Iterable[GlossaryTerm],
    lang: str,
    others: Iterable[str],
    seen: set[str],
    href: Callable[[GlossaryTerm], str],
) -> Markup:
    """Wrap the first occurrence of each not-yet-``seen`` term; ``seen`` is updated."""
    # Always match against the whole glossary (its compiled pattern is cached); terms
    # already explained on this page are skipped below.
    glossary = list(terms)
    if not glossary or len(seen) >= len(glossary):
        return Markup(html)
    others = list(others)
    out: list[str] = []
    depth = 0  # inside elements we must not touch
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
            out.append(part)
            continue
        if depth > 0 or not part.strip():
            out.append(part)
            continue
        cursor = 0
        pieces = []
        for hit in find_terms(part, glossary, lang):
            if hit.term.id in seen:
                continue
            seen.add(hit.term.id)
            pieces.append(part[cursor : hit.start])
            pieces.append(_tip(hit.text, hit.term, lang, others, href(hit.term)))
            cursor = hit.end
        pieces.append(part[cursor:])
        out.append("".join(pieces))
    return Markup("".join(out))


def _tip(text: str, term: GlossaryTerm, lang: str, others: list[str], link: str) -> str:
    """``text`` is HTML-escaped already (it comes from sanitised HTML)."""
    definition = to_html(term.definition.get(lang) or "", lang, inline=True)
    translations = " · ".join(
        f'<span lang="{code}">{escape(term.term[code])}</span>'
        for code in others
        if term.term.get(code)
    )
    tip_id = f"vp-tip-{term.id}"
    return (
        f'<span class="vp-term"><a class="vp-term__link" href="{escape(link)}" '
        f'aria-describedby="{tip_id}">{text}</a>'
        f'<span class="vp-term__tip" role="tooltip" id="{tip_id}" data-search-exclude="true">'
        f"{definition}"
        + (f' <span class="vp-term__other">({translations})</span>' if translations else "")
        + "</span></span>"
    )
