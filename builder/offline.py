"""The offline workshop pack: the whole built site as one zip that works opened from disk.

For a room without Wi-Fi: unzip, open ``villes-pairs/index.html``. Every page, every kit and
every link works from ``file://`` and nothing asks the network:

* links to directories (MkDocs' ``use_directory_urls``: ``../fallstudien/``) get their
  ``index.html``, since a browser shows a folder listing for ``file:///…/fallstudien/``;
  links from the site root (``/de/…``, on the 404 pages) become relative ones;
* the search box goes: the theme's search runs in a web worker that browsers refuse to
  start from ``file://`` (the pages still have their tables of contents and the finder);
* ``<link rel="alternate">`` goes: for each one the theme fetches a ``sitemap.xml``, which
  would be a request to the site's host (the language switcher's links stay);
* what only makes sense online (the link to this very zip) is left out.

The archive is deterministic — entries sorted, every file dated 1980-01-01, no clock — so
two builds of the same content give the same bytes.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from .kits.downloads import OFFLINE_ZIP

#: The folder inside the zip.
FOLDER = "villes-pairs"
_DATE = (1980, 1, 1, 0, 0, 0)
_STORED = {".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".zip", ".gz"}
_ATTR = re.compile(r"""(\s(?:href|src))=("[^"]*"|'[^']*'|[^\s>"']+)""")
_ONLINE_ONLY = re.compile(r'<div class="[^"]*\bvp-online-only\b[^"]*">.*?</div>', re.S)
#: Alternates (other languages, feeds): the theme fetches a sitemap.xml for each of them.
_ALTERNATE = re.compile(r"<link\b[^>]*\brel=[\"']?alternate\b[^>]*>")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_REPLACE_DIR = re.compile(r'(location\.(?:replace|assign)\([^)]*?\+\s*)"/"\)')
_NO_SEARCH = (
    "<style>.md-search,label[for=__search],.md-header__button[for=__search]"
    "{display:none!important}</style>"
)


def offline_href(value: str, page: str, files: set[str], dirs: set[str], root: str = "/") -> str:
    """A link of the page at ``page`` (a path inside the site, e.g. ``de/kits/index.html``)
    as it must read from disk; ``root`` is the site's path on its host (``/`` or
    ``/mini/``, from ``site_url``), which links from the site root start with."""
    if not value or value.startswith(("#", "data:", "mailto:", "tel:", "javascript:")):
        return value
    if "://" in value or value.startswith("//"):
        return value
    path, hash_, fragment = value.partition("#")
    path, query_mark, query = path.partition("?")
    here = posixpath.dirname(page)
    if path.startswith("/"):
        if not path.startswith(root) and path + "/" != root:
            return value  # elsewhere on the host: not part of the pack
        inside = path[len(root) :] if path.startswith(root) else ""
        path = posixpath.relpath(inside or ".", here or ".")
        if value.rstrip("#?").endswith("/") and not path.endswith("/"):
            path += "/"
    if not path:
        return value
    target = posixpath.normpath(posixpath.join(here, path))
    if path.endswith("/") or target in dirs or target == ".":
        path = path.rstrip("/") + "/index.html" if path not in ("./", ".") else "index.html"
        if path.startswith("/"):
            path = path.lstrip("/")
    rebuilt = path
    if query_mark:
        rebuilt += "?" + query
    if hash_:
        rebuilt += "#" + fragment
    return rebuilt


def offline_html(html: str, page: str, files: set[str], dirs: set[str], root: str = "/") -> str:
    """One HTML page made to work from disk (see the module docstring)."""

    def attr(match: re.Match[str]) -> str:
        raw = match.group(2)
        quote = raw[0] if raw[0] in "\"'" else '"'
        value = raw.strip("\"'")
        return f"{match.group(1)}={quote}{offline_href(value, page, files, dirs, root)}{quote}"

    html = _ONLINE_ONLY.sub("", html)
    html = _ALTERNATE.sub("", html)
    html = _ATTR.sub(attr, html)
    html = _REPLACE_DIR.sub(r'\1"/index.html")', html)

    def config(match: re.Match[str]) -> str:
        try:
            data = json.loads(match.group(2))
        except ValueError:
            return match.group(0)
        data.pop("search", None)
        data["features"] = [f for f in data.get("features", []) if not f.startswith("search")]
        return match.group(1) + json.dumps(data, ensure_ascii=False) + match.group(3)

    html, found = _CONFIG.subn(config, html)
    if found:
        html = html.replace("</head>", _NO_SEARCH + "</head>", 1)
    return html


def _files(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.name != OFFLINE_ZIP and not path.name.startswith("."):
            yield path


def write_offline_zip(site: Path, site_url: str = "", name: str = OFFLINE_ZIP) -> Path:
    """Zip the built site at ``site`` into ``site/<name>``, made to work from disk
    (``site_url``: where the site lives online, for its links from the site root)."""
    prefix = urlsplit(site_url).path.strip("/")
    root = f"/{prefix}/" if prefix else "/"
    paths = list(_files(site))
    files = {p.relative_to(site).as_posix() for p in paths}
    dirs = {posixpath.dirname(f) for f in files}
    dirs |= {posixpath.dirname(d) for d in list(dirs)}
    for d in list(dirs):  # every ancestor folder
        while d:
            dirs.add(d)
            d = posixpath.dirname(d)
    target = site / name
    partial = target.with_name(f".{name}.part")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in paths:
            rel = path.relative_to(site).as_posix()
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=_DATE)
            info.external_attr = 0o644 << 16
            stored = path.suffix.lower() in _STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            data = path.read_bytes()
            if path.suffix == ".html":
                data = offline_html(data.decode("utf-8"), rel, files, dirs, root).encode("utf-8")
            archive.writestr(info, data, compresslevel=6 if not stored else None)
    partial.replace(target)
    return target
