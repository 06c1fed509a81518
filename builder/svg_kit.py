"""Building blocks for the site's SVG pictures (see :mod:`builder.svg`): escaped elements,
rough text measurement and wrapping, and the accessible frame every picture shares.

Every picture carries ``<title>`` and ``<desc>`` in the page's language, referenced by
``aria-labelledby`` with ids derived from the record id and the kind of picture, so the
output is deterministic. Colours meet WCAG AA: text is #1a1a1a or #4d4d4d on white or
near-white, white on the #1d4f91 accent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from markupsafe import Markup, escape

from .i18n import Labels
from .markdown_safe import plain

ACCENT = "#1d4f91"  # 8.2:1 on white; white on it: 8.2:1
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"  # 8.5:1 on white
TILE = "#f3f6fb"  # accent on it: 7.5:1
WIDTH = 720
Content = str | Markup | Iterable[Markup] | None


def num(value: float) -> str:
    """A coordinate with at most one decimal: ``12.0`` → ``12``, ``3.14`` → ``3.1``."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def el(tag: str, content: Content = None, /, **attrs: object) -> Markup:
    """One element; attribute values and text are escaped. ``class_`` → ``class``,
    ``font_size`` → ``font-size``; ``None`` drops the attribute."""
    head = [tag]
    for key, value in attrs.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else value
        head.append(f'{key.rstrip("_").replace("_", "-")}="{escape(shown)}"')
    start = " ".join(head)
    if content is None:
        return Markup(f"<{start}/>")
    if not isinstance(content, str):
        content = Markup("\n").join(content)
    return Markup(f"<{start}>{escape(content)}</{tag}>")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Rough rendered width of ``text``, measured on DejaVu Sans, one of the widest common
    sans-serif fonts, so that labels still fit with narrower system fonts."""
    em = 0.0
    for ch in text:
        if ch in "ijlI.,;:'’!|":
            em += 0.3
        elif ch in "ftr()[] \u00a0\u202f-":
            em += 0.4
        elif ch in "mwMW@%—":
            em += 0.92
        elif ch.isupper():
            em += 0.72
        else:  # lower case, digits
            em += 0.62
    return em * size * (1.1 if bold else 1.0)


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to lines no wider than ``width`` (a single long word may be)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def pick_text(value: Mapping[str, str] | None, labels: Labels) -> tuple[str, str]:
    """(plain text, its language): the labels' language, else the next configured one."""
    text, used = labels.pick(value, "")
    return plain(text, used), used


def uid_of(kind: str, data: object) -> str:
    """A stable id from the picture's data, for callers that pass no record id."""
    return hashlib.sha1(f"{kind}:{data!r}".encode()).hexdigest()[:10]


def counted(labels: Labels, key: str, count: int, **values: object) -> str:
    """Label ``key`` filled in with ``count``; label ``<key>_one`` when there is just one."""
    template = labels(f"{key}_one") if count == 1 else labels(key)
    return template.format(count=labels.number(count), **values)


def figure(
    kind: str,
    uid: str,
    title: str,
    desc: str,
    size: tuple[float, float],
    body: Sequence[Markup],
    *,
    role: str = "img",
) -> Markup:
    """The frame every picture shares: an ``<svg>`` with ``<title>``, ``<desc>`` and
    ``aria-labelledby`` ids ``vp-<kind>-<uid>-title`` / ``-desc``, inside a ``<div>`` so that
    Markdown passes it through as one raw HTML block (no blank line inside). The site's
    search leaves it out (``data-search-exclude``): the list or table after it holds the
    same facts."""
    base = f"vp-{kind}-{uid}"
    width, height = size
    svg = el(
        "svg",
        [el("title", title, id=f"{base}-title"), el("desc", desc, id=f"{base}-desc"), *body],
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {num(width)} {num(height)}",
        width=float(width),
        height=float(height),
        role=role,
        class_="vp-chart__svg",
        aria_labelledby=f"{base}-title {base}-desc",
        font_family="inherit",
    )
    return Markup(
        '<div class="vp-chart vp-chart--{0}" data-search-exclude="true">\n{1}\n</div>\n'
    ).format(kind, svg)
