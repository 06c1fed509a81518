"""An Atom feed per language (``site/<lang>/feed.xml``) of new and updated records.

Entries are the case studies, workshop modules and programmes, newest first by
``last_reviewed`` — the only date the content has. The build time is never used, so the
same content gives the same feed and a reader sees an entry again only when an editor
reviewed the record. Each entry links to its page in the feed's language and, with
``hreflang``, to the same page in the other languages (RFC 4287).
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .kinds import BY_PAGE, RECORD_KINDS, records, summary
from .markdown_safe import plain
from .model import Record
from .opendata import pick
from .site import SitePlan, relative

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_NAME = "feed.xml"
FEED_SIZE = 50  # entries per feed: enough for months of reviews, small enough to poll


@dataclass(frozen=True)
class FeedItem:
    key: str  # page key, e.g. "case/alpha"
    kind: str  # case, module, programme
    record: Record
    title: Mapping[str, str]
    summary: Mapping[str, str]


def feed_items(plan: SitePlan) -> list[FeedItem]:
    """Every record with a page, newest ``last_reviewed`` first (ties: kind, then id)."""
    items = [
        FeedItem(f"{kind.page}/{r.id}", kind.page, r, r.title, summary(r))
        for kind in RECORD_KINDS
        for r in records(plan.catalog, kind).values()
    ]
    order = [kind.page for kind in RECORD_KINDS]
    items.sort(
        key=lambda i: (-i.record.last_reviewed.toordinal(), order.index(i.kind), i.record.id)
    )
    return items


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def render_feed(plan: SitePlan, lang: str) -> bytes:
    """The Atom document of one language."""
    config = plan.catalog.config
    label = plan.labels[lang]
    here = f"{lang}/"

    def href(site_path: str) -> str:
        """Absolute with a site URL; else relative to the feed, which sits in ``<lang>/``."""
        return config.site_url + site_path if config.site_url else relative(here, site_path)

    def ident(site_path: str) -> str:
        if config.site_url:
            return config.site_url + site_path
        return uuid.uuid5(uuid.NAMESPACE_URL, f"villes-pairs:{config.site_name}:{site_path}").urn

    items = [i for i in feed_items(plan) if i.key in plan.pages[lang]][:FEED_SIZE]
    newest = items[0].record.last_reviewed if items else dt.date(1970, 1, 1)
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _el(feed, "id", ident(here + FEED_NAME))
    _el(feed, "title", f"{config.site_name} – {label('feed_title')}")
    _el(feed, "subtitle", label("feed_subtitle"))
    _el(feed, "updated", _stamp(newest))
    _el(_el(feed, "author"), "name", config.site_name)
    _el(feed, "link", rel="self", type="application/atom+xml", href=href(here + FEED_NAME))
    home = plan.alternates("index")
    _el(feed, "link", rel="alternate", type="text/html", hreflang=lang, href=href(home[lang]))
    for code in plan.languages:
        if code != lang:
            _el(
                feed,
                "link",
                rel="alternate",
                type="application/atom+xml",
                hreflang=code,
                href=href(f"{code}/{FEED_NAME}"),
            )
    _el(feed, "rights", label("feed_rights").format(attribution=config.site_name))
    for item in items:
        feed.append(_entry(plan, lang, item, href, ident))
    ET.indent(feed)
    xml = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'.encode()


def _entry(
    plan: SitePlan,
    lang: str,
    item: FeedItem,
    href: Callable[[str], str],
    ident: Callable[[str], str],
) -> ET.Element:
    label, cat = plan.labels[lang], plan.catalog
    alternates = plan.alternates(item.key)
    entry = ET.Element("entry", {XML_LANG: lang})
    title, used = pick(item.title, lang, plan)
    node = _el(entry, "title", plain(title, used))
    if used != lang:
        node.set(XML_LANG, used)
    _el(
        entry, "link", rel="alternate", type="text/html", hreflang=lang, href=href(alternates[lang])
    )
    for code, url in alternates.items():
        if code != lang:
            _el(entry, "link", rel="alternate", type="text/html", hreflang=code, href=href(url))
    _el(entry, "id", ident(alternates[lang]))
    _el(entry, "updated", _stamp(item.record.last_reviewed))
    summary, used = pick(item.summary, lang, plan)
    node = _el(entry, "summary", plain(summary, used), type="text")
    if used != lang:
        node.set(XML_LANG, used)
    _el(entry, "category", term=item.kind, label=label(BY_PAGE[item.kind].label))
    for theme_id in getattr(item.record, "themes", []):
        if theme_id in cat.themes:
            _el(
                entry,
                "category",
                term=f"theme/{theme_id}",
                label=plain(*pick(cat.themes[theme_id].label, lang, plan)),
            )
    return entry


def write_feeds(plan: SitePlan, out_dir: Path) -> list[Path]:
    """Write ``<out_dir>/<lang>/feed.xml`` for every language; return the files."""
    written = []
    for lang in plan.languages:
        path = out_dir / lang / FEED_NAME
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_feed(plan, lang))
        written.append(path)
    return written
