"""Checks of the site-wide settings in mkdocs.yml that need the content, and the values
hand-written pages may quote.

* ``featured_case`` must name a case study;
* the ``publisher`` block and ``repo_url`` are shipped as placeholders (``TODO``): each one
  left is a warning (the Impressum and privacy pages show it as "to be filled in");
* hand-written pages may quote a few settings as ``{{ repo_url }}`` (the guide's
  ``git clone {{ repo_url }}``): :func:`fill` puts the value in when the page is built,
  :func:`unknown_values` finds names that do not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from .config import PLUGIN_NAME, ProjectConfig, setting_line
from .errors import ContentError
from .messages import msg, quoted
from .settings import PLACEHOLDER, PublisherSetting
from .validate import close_match, did_you_mean, did_you_mean_msg

#: ``{{ name }}`` in a hand-written page.
VALUE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def doc_values(config: ProjectConfig) -> dict[str, str]:
    """What a hand-written page may quote: the repository's address and the folder that
    ``git clone`` makes of it."""
    repo = config.repo_url.rstrip("/")
    folder = repo.rsplit("/", 1)[-1].removesuffix(".git") if repo else ""
    return {"repo_url": repo, "repo_folder": folder, "site_name": config.site_name}


def fill(text: str, values: dict[str, str]) -> str:
    """``{{ name }}`` replaced by its value (unknown names are left as written: `check`
    reports them)."""
    return VALUE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_values(text: str, rel: str, values: Iterable[str]) -> list[ContentError]:
    """Every ``{{ name }}`` of a page whose name is not a known value."""
    known = sorted(values)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in VALUE.finditer(line):
            if match.group(1) in known:
                continue
            close = did_you_mean(match.group(1), known)
            found.append(
                ContentError(
                    rel,
                    number,
                    match.start() + 1,
                    "",
                    f"unknown value {match.group(0)!r}",
                    (close + " " if close else "")
                    + f"the values a page can quote are: {', '.join(known)}",
                )
            )
    return found


def check_settings(config: ProjectConfig, case_ids: Iterable[str]) -> list[ContentError]:
    """Problems of the settings that only the content can tell (errors), and the
    placeholders still to fill in (notes: to do before publishing, never a failed
    check), each at its line of mkdocs.yml."""
    path = config.mkdocs_yml
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    found: list[ContentError] = []
    settings = config.settings
    ids = sorted(case_ids)
    if settings.featured_case and settings.featured_case not in ids:
        # The home page still works (it features another case): a warning, not an error.
        close = close_match(settings.featured_case, ids)
        listed = ", ".join(ids[:8]) + (" …" if len(ids) > 8 else "")
        found.append(
            ContentError.of(
                "mkdocs.yml",
                setting_line(text, ("featured_case",)),
                0,
                "featured_case",
                msg("featured_case_unknown", id=quoted(settings.featured_case)),
                did_you_mean_msg(close)
                if close
                else msg("hint_featured_case_choices", ids=listed)
                if ids
                else msg("hint_featured_case_none"),
                "warning",
            )
        )
    if "publisher" not in settings.model_fields_set:
        found.append(
            ContentError.of(
                "mkdocs.yml",
                0,
                0,
                "publisher",
                msg("publisher_missing"),
                msg("hint_publisher_missing", plugin=PLUGIN_NAME),
                "note",
            )
        )
    else:
        for name in settings.publisher.placeholders():
            found.append(
                ContentError.of(
                    "mkdocs.yml",
                    setting_line(text, ("publisher", *name.split("."))),
                    0,
                    f"publisher.{name}",
                    msg("publisher_placeholder"),
                    msg("hint_publisher_placeholder", about=_about(name)),
                    "note",
                )
            )
    if config.repo_url and PLACEHOLDER.search(config.repo_url):
        found.append(
            ContentError.of(
                "mkdocs.yml",
                setting_line(text, ("repo_url",), top=True),
                0,
                "repo_url",
                msg("repo_url_placeholder"),
                msg("hint_repo_url_placeholder"),
                "note",
            )
        )
    return found


def _about(name: str) -> str:
    """The description of a ``publisher`` field (``hosting.name`` …) from the model."""
    model: Any = PublisherSetting
    *blocks, key = name.split(".")
    for block in blocks:
        model = model.model_fields[block].annotation
    return str(model.model_fields[key].description or key)


def repository_host(url: str) -> str:
    """The code host's name for link texts: GitHub, GitLab, Codeberg, else its address."""
    host = urlsplit(url).netloc.lower().removeprefix("www.")
    return {"github.com": "GitHub", "gitlab.com": "GitLab", "codeberg.org": "Codeberg"}.get(
        host, host
    )
