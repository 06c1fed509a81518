"""`python -m builder build`: validate, build every language in parallel, add kits and the
root pages, then swap the new site into place.

The build happens in a fresh folder beside ``site/``; only when everything succeeded is it
renamed to ``site/``, so a failing build leaves the previous site untouched.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .catalog import Catalog, load_catalog
from .config import ProjectConfig
from .errors import ContentErrors
from .feeds import write_feeds
from .opendata import write_open_data
from .root_pages import write_root_pages
from .site import build_plan

#: The checked catalogue of the build in progress. Language builds forked from
#: :func:`build_site` inherit it and skip loading and validating every file again.
_shared: Catalog | None = None


def shared_catalog(config: ProjectConfig) -> Catalog | None:
    """The catalogue :func:`build_site` is building from, if it is this project's."""
    if _shared is not None and _shared.config.root == config.root:
        return _shared
    return None


def _build_one(root: str, lang: str, out: str, strict: bool) -> str:
    from .mkdocs_adapter import build_language

    build_language(Path(root), lang, Path(out), strict=strict)
    return lang


def checked_catalog(config: ProjectConfig) -> Catalog:
    catalog = load_catalog(config)
    if catalog.problems.errors:
        raise ContentErrors(catalog.problems)
    return catalog


def build_site(
    config: ProjectConfig,
    *,
    strict: bool = True,
    kits: bool = True,
    out: Path | None = None,
    workers: int | None = None,
) -> Path:
    """Build the whole site into ``out`` (default ``site/``); return its path."""
    global _shared
    started = time.monotonic()
    catalog = checked_catalog(config)
    plan = build_plan(catalog)
    target = (out or config.root / "site").resolve()
    staging = target.with_name(f".{target.name}-building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        langs = config.codes
        n = workers or min(len(langs), os.cpu_count() or 1)
        _shared = catalog
        try:
            if n > 1:
                # Forked workers inherit `_shared` (spawned ones load the catalogue again).
                fork = multiprocessing.get_context("fork") if sys.platform == "linux" else None
                with ProcessPoolExecutor(max_workers=n, mp_context=fork) as pool:
                    futures = [
                        pool.submit(_build_one, str(config.root), lang, str(staging / lang), strict)
                        for lang in langs
                    ]
                    for future in futures:
                        future.result()
            else:
                for lang in langs:
                    _build_one(str(config.root), lang, str(staging / lang), strict)
        finally:
            _shared = None
        write_root_pages(plan, staging)
        _copy_images(catalog, staging)
        write_open_data(plan, staging)
        write_feeds(plan, staging)
        if kits:
            from .kits import build_kits

            report = build_kits(
                catalog, staging / "kits", cache_dir=config.root / ".cache" / "kits"
            )
            # Say where the kits end up, not the staging folder that is renamed below.
            print(dataclasses.replace(report, out_dir=target / "kits"), file=sys.stderr)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"Built {target} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return target


def _copy_images(catalog: Catalog, out: Path) -> None:
    """Images of case studies, at the same path under the site root (checked by `check`)."""
    for case in catalog.cases.values():
        for image in case.images:
            target = out / image.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(catalog.config.root / image.path, target)


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
