"""Sites built once per test session and shared by the accessibility, privacy and
hostile-content tests: the mini fixture, the mini fixture split into pages and, when its
content validates, the real site.

Each site is built into ``<tmp>/serve/<path of site_url>`` so that serving ``<tmp>/serve``
puts it at the same path as in production (404 pages use absolute paths).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config
from builder.site import build_plan

HERE = Path(__file__).parent
REPO = HERE.parent
MINI = HERE / "fixtures" / "mini"


@dataclass(frozen=True)
class BuiltSite:
    serve_root: Path  # the folder to serve
    site: Path  # the built site, inside serve_root
    prefix: str  # URL path of the site, e.g. "/mini/"
    site_url: str  # mkdocs.yml site_url ("" when none)

    def pages(self) -> list[str]:
        """URL paths (relative to the site) of every HTML page, e.g. ``de/themen/``."""
        out = []
        for file in sorted(self.site.rglob("*.html")):
            rel = file.relative_to(self.site).as_posix()
            out.append(rel.removesuffix("index.html"))
        return out


_cache: dict[str, BuiltSite] = {}


def build_into(project: Path, dest: Path, *, workers: int | None = 1) -> BuiltSite:
    """Build ``project`` (no kits) into ``dest/serve/<site_url path>``."""
    config = load_config(project)
    prefix = urlsplit(config.site_url).path or "/"
    serve_root = dest / "serve"
    out = serve_root / prefix.strip("/") if prefix.strip("/") else serve_root / "site"
    if not prefix.strip("/"):
        serve_root = out
    out.parent.mkdir(parents=True, exist_ok=True)
    site = build_site(config, kits=False, out=out, workers=workers)
    return BuiltSite(serve_root, site, prefix, config.site_url)


def mini_site(factory: pytest.TempPathFactory) -> BuiltSite:
    if "mini" not in _cache:
        root = factory.mktemp("mini-shared")
        project = root / "project"
        shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("site", ".cache"))
        _cache["mini"] = build_into(project, root)
    return _cache["mini"]


def paged_site(factory: pytest.TempPathFactory) -> BuiltSite:
    """The mini fixture with a dozen cases and ``page_size: 3``: every listing split into
    pages, the places page by region (see tests/paged.py)."""
    if "paged" not in _cache:
        from .paged import paged_project

        root = factory.mktemp("paged-shared")
        _cache["paged"] = build_into(paged_project(root / "project", 12, 3), root)
    return _cache["paged"]


def real_site_checked() -> None:
    """Skip the calling test while the repository's content has errors."""
    errors = load_catalog(load_config(REPO)).problems.errors
    if errors:
        pytest.skip(
            f"the repository's content has {len(errors)} error(s) "
            "(`python -m builder check`); the real site is not built"
        )


def real_site(factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped content, built from the repository (skipped while it has errors)."""
    if "real" not in _cache:
        real_site_checked()
        _cache["real"] = build_into(REPO, factory.mktemp("real-shared"), workers=None)
    return _cache["real"]


#: Parameters of the tests that run on both sites: the real one only with the slow tests.
SITES = ["mini", pytest.param("real", marks=pytest.mark.slow)]


def site_named(which: str, factory: pytest.TempPathFactory) -> BuiltSite:
    """The shared site a ``SITES`` parameter names."""
    return mini_site(factory) if which == "mini" else real_site(factory)


def page_kinds(project: Path) -> dict[str, dict[str, str]]:
    """lang → kind → URL path of one page of each kind (home, list, case, module …)."""
    plan = build_plan(load_catalog(load_config(project)))
    out: dict[str, dict[str, str]] = {}
    for lang, pages in plan.pages.items():
        for spec in sorted(pages.values(), key=lambda s: s.key):
            out.setdefault(lang, {}).setdefault(spec.kind, f"{lang}/{spec.url}")
    return out
