"""Plain ``http://`` links where the host serves https: `check` warns and gives the https
address as the fix.

Nothing here goes on the network (builds and checks never do), so whether a host serves
https is known from evidence kept in the repository:

* the content itself: a host that some record already cites with ``https://`` serves it;
* :data:`KNOWN_HTTPS`: hosts found serving https elsewhere, each with where that was seen.
  Add a host once you have opened its https address in a browser (say so as the evidence).

A host with no such evidence gets no warning: its link stays as the editor wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from .load import FieldPath
from .model import CaseStudy

#: host → where it was seen serving https (public material reached from this project).
KNOWN_HTTPS: dict[str, str] = {
    "www.lemoniteur.fr": "https article and media URLs in public repositories (2025–2026)",
    "www.alternatives-economiques.fr": "its https RSS feed in public feed lists (2026)",
    "www.gazette-sante-social.fr": "its https feed in a public feed list (2026)",
    "www.sz-online.de": "https pages fetched by public scripts (crossword scrapers)",
    "www.loos-en-gohelle.fr": "Wikipédia (fr, Loos-en-Gohelle, 2022-09): site web https://…",
}


def case_urls(case: CaseStudy) -> Iterator[tuple[FieldPath, str]]:
    """Every address a case study links to, with where it is in the file."""
    for i, source in enumerate(case.sources):
        if source.url:
            yield ("sources", i, "url"), source.url
    if case.transferability is not None:
        for i, instrument in enumerate(case.transferability.instruments):
            if instrument.url:
                yield ("transferability", "instruments", i, "url"), instrument.url
    for i, contact in enumerate(case.contacts):
        if contact.url:
            yield ("contacts", i, "url"), contact.url


def https_hosts(urls: Iterable[str]) -> frozenset[str]:
    """Hosts known to serve https: :data:`KNOWN_HTTPS` and those cited with https."""
    seen = {urlsplit(u).hostname for u in urls if u.lower().startswith("https://")}
    return frozenset(KNOWN_HTTPS) | {h for h in seen if h}


def upgrade(url: str, secure: frozenset[str]) -> str | None:
    """The https form of an ``http://`` URL whose host serves https, else None."""
    if not url.lower().startswith("http://"):
        return None
    host = urlsplit(url).hostname
    return "https://" + url[len("http://") :] if host in secure else None
