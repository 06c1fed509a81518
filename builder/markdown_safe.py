"""Markdown from content files → safe HTML, shared by the site and the PDF kits.

Content arrives through pull requests from many hands, so its Markdown must not be able to
inject markup: raw HTML in the source is escaped before rendering, and the rendered HTML is
then cleaned by nh3 (the Ammonia sanitiser) to a small allowlist of tags, attributes and
URL schemes (http, https, mailto; no ``javascript:``, ``data:`` or ``vbscript:``).
French texts also get their typography fixed: a no-break space before ``; : ! ? %``
and inside « ».
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sup",
    "sub",
    "abbr",
    "span",
    "del",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "span": {"lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_NBSP = "\u00a0"
_NNBSP = "\u202f"
_FR_BEFORE = re.compile(r"[ \u00a0\u202f]*([;:!?%»])")
_FR_AFTER = re.compile(r"(«)[ \u00a0\u202f]*")


def french_typography(text: str) -> str:
    """Non-breaking spaces where French typography wants them (outside URLs and code)."""

    def fix(segment: str) -> str:
        segment = _FR_BEFORE.sub(
            lambda m: (_NNBSP if m.group(1) in ";!?" else _NBSP) + m.group(1), segment
        )
        return _FR_AFTER.sub(lambda m: m.group(1) + _NBSP, segment)

    # Leave URLs, inline code and time-like "09:30" untouched.
    parts = re.split(r"(`[^`]*`|<[^>]*>|\]\([^)]*\)|https?://\S+|\b\d{1,2}:\d{2}\b)", text)
    out = []
    for i, part in enumerate(parts):
        out.append(part if i % 2 else fix(part))
    result = "".join(out)
    # A colon that followed nothing (start of line, e.g. YAML-ish) keeps no leading space.
    return re.sub(r"(^|\n)[\u00a0\u202f]([;:!?%»])", r"\1\2", result)


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "smarty"],
        extension_configs={"smarty": {"smart_quotes": False}},
        output_format="html",
    )


#: Anything Markdown (with our extensions) could turn into markup: inline syntax, escapes,
#: raw HTML, tables, smart dashes and ellipses, and block syntax at a line start (indented
#: code, lists, quotes, headings, setext underlines); also any white space at the start or
#: end of a line, which Markdown treats in its own ways. Most fields contain none of it —
#: plain paragraphs — and skip the Markdown pass; tests/test_markdown_fast_path.py checks
#: the shortcut gives exactly what Python-Markdown gives.
_NEEDS_MARKDOWN = re.compile(
    r"[\\`*_\[\]<>|\t]|--|\.\.\.|^[^\S\n]|[^\S\n]$|^[-+*>#=]|^\d+[.)]", re.M
)
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _paragraphs(text: str) -> str:
    """Python-Markdown's output for text without any Markdown syntax: escaped paragraphs."""
    blocks = _PARAGRAPH_BREAK.split(text.strip("\n"))
    return "\n".join(f"<p>{html.escape(b, quote=False)}</p>" for b in blocks if b)


def _escape_raw_html(text: str) -> str:
    # Markdown would pass raw HTML through; escape "<" and "&" that start markup first.
    return text.replace("&", "&amp;").replace("<", "&lt;")


def clean(html_text: str) -> str:
    cleaned = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # A link whose URL was refused stays as text in an `<a>` without href; `rel` is only
    # allowed beside an href (W3C Nu checker).
    return _REL_WITHOUT_HREF.sub(r"<a\1", cleaned) if "<a " in cleaned else cleaned


_REL_WITHOUT_HREF = re.compile(r'<a(?![^>]*\shref=)([^>]*?) rel="noopener noreferrer"')


def to_html(text: str | None, lang: str = "", *, inline: bool = False) -> Markup:
    """Render one content field's Markdown to sanitised HTML."""
    if not text:
        return Markup("")
    return _to_html(text, lang, inline)


# Memoised: glossary definitions (in every tooltip), titles and teasers (in lists, theme
# pages, related cases) recur on many pages. ``typed``: a Markup argument is not a str.
@lru_cache(maxsize=16_384, typed=True)
def _to_html(text: str, lang: str, inline: bool) -> Markup:
    if lang == "fr":
        text = french_typography(text)
    if _NEEDS_MARKDOWN.search(text):
        md = _md()
        md.reset()
        rendered = md.convert(_escape_raw_html(text))
    else:
        rendered = _paragraphs(text)
    if inline:
        rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered.strip(), flags=re.S)
    return Markup(clean(rendered))


def plain(text: str | None, lang: str = "") -> str:
    """The text without Markdown markup (for meta descriptions, PDF metadata, JSON)."""
    if not text:
        return ""
    return _plain(text, lang)


@lru_cache(maxsize=16_384, typed=True)
def _plain(text: str, lang: str) -> str:
    stripped = re.sub(r"<[^>]+>", "", str(to_html(text, lang)))
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()
