"""Smaller HTML without changing what it shows: drop the indentation Material's templates
write (a third of a page's weight on short pages).

A run of white space that contains a line break becomes that one line break: outside
``<pre>``, ``<textarea>``, ``<script>`` and ``<style>`` (left exactly as they are), HTML shows
any run of white space as one space, so the page renders the same; lines stay lines, so the
output stays readable and diffable.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"[ \t\r\f]*\n\s*")


def compact_html(html: str) -> str:
    out: list[str] = []
    cursor = 0
    for match in _VERBATIM.finditer(html):
        out.append(_INDENT.sub("\n", html[cursor : match.start()]))
        out.append(match.group(0))
        cursor = match.end()
    out.append(_INDENT.sub("\n", html[cursor:]))
    return "".join(out)
