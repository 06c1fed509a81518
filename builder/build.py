"""`python -m builder build`: validate, build the kits, build every language in parallel, add
the root pages and the offline pack, then swap the new site into place.

The build happens in a fresh folder beside ``site/``; only when everything succeeded is it
renamed to ``site/``, so a failing build leaves the previous site untouched.

The live preview (:class:`Preview`) builds like that once, then rebuilds in place only what
an edit changed: files are parsed and validated again only when they changed
(:class:`~builder.catalog.FileCache`); when records changed but not the site's structure
(which records exist, their themes, links, places, status and period, the glossary, themes,
labels, templates and configuration), MkDocs rewrites only the changed records' pages and
the pages linking to them; anything else rebuilds everything.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .catalog import Catalog, FileCache, load_catalog
from .config import ProjectConfig
from .errors import ContentErrors
from .feeds import write_feeds
from .opendata import write_open_data
from .root_pages import write_root_pages
from .site import SitePlan, build_plan

#: The checked catalogue of the build in progress. Language builds forked from
#: :func:`build_site` inherit it and skip loading and validating every file again.
_shared: Catalog | None = None
#: In an incremental build, the keys of the pages to rewrite (None: a full build).
_dirty: frozenset[str] | None = None


def dirty_pages() -> frozenset[str] | None:
    """The pages an incremental build rewrites, or None in a full build."""
    return _dirty


@dataclasses.dataclass
class Preview:
    """What the live preview keeps between two rebuilds."""

    files: FileCache = dataclasses.field(default_factory=FileCache)
    structure: str = ""
    records: dict[str, str] = dataclasses.field(default_factory=dict)  # page key -> digest
    links: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    last: str = ""  # what the last rebuild did, for the console

    def changed_pages(
        self, catalog: Catalog, plan: SitePlan, target: Path
    ) -> frozenset[str] | None:
        """Pages to rewrite after an edit, or None when everything must be rebuilt."""
        structure = _structure(catalog, plan)
        records = _record_digests(catalog)
        full = not self.structure or structure != self.structure or not target.is_dir()
        changed = {key for key, digest in records.items() if self.records.get(key) != digest}
        self.structure, self.records = structure, records
        if full:
            return None
        linking = {page for page, links in self.links.items() if links & changed}
        return frozenset(changed | linking)


def _record_digests(catalog: Catalog) -> dict[str, str]:
    out = {}
    tables = (("case", "case-study", catalog.cases), ("module", "workshop", catalog.modules))
    for prefix, kind, records in (*tables, ("programme", "programme", catalog.programmes)):
        for record_id in records:
            text = catalog.files[catalog.paths[(kind, record_id)]].text
            out[f"{prefix}/{record_id}"] = hashlib.sha1(text.encode()).hexdigest()
    return out


def _structure(catalog: Catalog, plan: SitePlan) -> str:
    """A digest of everything but the records' own texts: when it changes, every page may."""
    h = hashlib.sha1()
    for lang in plan.languages:
        h.update(repr(sorted(plan.pages[lang])).encode())
    for case in catalog.cases.values():
        # The municipality (name, region, coordinates, population) places the case on the
        # map and in the filters; themes and links decide similar cases and listings.
        h.update(
            repr(
                (
                    case.id,
                    case.themes,
                    case.related_modules,
                    case.related_cases,
                    case.status,
                    case.municipality,
                    case.period,
                )
            ).encode()
        )
    for module in catalog.modules.values():
        h.update(repr((module.id, module.themes, module.related_cases)).encode())
    root = catalog.config.root
    watched = [root / "themes.yml", root / "glossary.yml", root / "mkdocs.yml"]
    for folder in (
        root / "labels",
        root / "templates",
        Path(__file__).parent / "templates",
        Path(__file__).parent / "labels",
    ):
        if folder.is_dir():
            watched.extend(sorted(folder.rglob("*")))
    for path in watched:
        if path.is_file():
            st = path.stat()
            h.update(f"{path}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


def shared_catalog(config: ProjectConfig) -> Catalog | None:
    """The catalogue :func:`build_site` is building from, if it is this project's."""
    if _shared is not None and _shared.config.root == config.root:
        return _shared
    return None


def _build_one(root: str, lang: str, out: str, strict: bool) -> dict[str, frozenset[str]]:
    from .mkdocs_adapter import build_language

    return build_language(Path(root), lang, Path(out), strict=strict)


def checked_catalog(config: ProjectConfig, cache: FileCache | None = None) -> Catalog:
    catalog = load_catalog(config, cache)
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
    preview: Preview | None = None,
) -> Path:
    """Build the whole site into ``out`` (default ``site/``); return its path. With
    ``preview``, rebuild in place only what changed since the previous call (live preview)."""
    global _shared, _dirty
    started = time.monotonic()
    catalog = checked_catalog(config, preview.files if preview else None)
    if preview is None:  # the preview's file cache reuses the data for its checks
        catalog.drop_raw_data()
    plan = build_plan(catalog)
    target = (out or config.root / "site").resolve()
    dirty = preview.changed_pages(catalog, plan, target) if preview else None
    if dirty is not None:
        staging = target  # MkDocs' dirty mode rewrites the changed pages in place
    else:
        staging = target.with_name(f".{target.name}-building-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
    try:
        if kits:  # first: the kits page lists their pages and sizes (site/kits/kits.json)
            _build_kits(catalog, staging, target)
        langs = config.codes
        n = workers or min(len(langs), os.cpu_count() or 1)
        _shared, _dirty = catalog, dirty
        root = str(config.root)
        links: dict[str, frozenset[str]] = {}
        try:
            if n > 1:
                # Forked workers inherit `_shared` (spawned ones load the catalogue again).
                # Frozen objects are left alone by the workers' garbage collector, so the
                # memory pages holding the catalogue stay shared (gc.freeze's documentation).
                fork = multiprocessing.get_context("fork") if sys.platform == "linux" else None
                gc.freeze()
                try:
                    with ProcessPoolExecutor(max_workers=n, mp_context=fork) as pool:
                        futures = [
                            pool.submit(_build_one, root, lang, str(staging / lang), strict)
                            for lang in langs
                        ]
                        for future in futures:
                            _merge_links(links, future.result())
                finally:
                    gc.unfreeze()
            else:
                for lang in langs:
                    _merge_links(links, _build_one(root, lang, str(staging / lang), strict))
        finally:
            _shared, _dirty = None, None
        if preview is not None:
            preview.links = (preview.links if dirty is not None else {}) | links
            preview.last = (
                f"{len(dirty)} changed page(s) per language rewritten"
                if dirty is not None
                else "full build"
            )
        write_root_pages(plan, staging)
        _copy_images(catalog, staging)
        write_open_data(plan, staging)
        write_feeds(plan, staging)
        if kits:  # last: the whole site, for a room without network
            from .offline import write_offline_zip

            write_offline_zip(staging)
        if staging != target:
            _swap(staging, target)
    except BaseException:
        if staging != target:
            shutil.rmtree(staging, ignore_errors=True)
        elif preview is not None:
            preview.structure = ""  # the site may be half-written: rebuild it all next time
        raise
    print(f"Built {target} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return target


def _build_kits(catalog: Catalog, staging: Path, target: Path) -> None:
    from .kits import build_kits

    cache = catalog.config.root / ".cache" / "kits"
    report = build_kits(catalog, staging / "kits", cache_dir=cache)
    # Say where the kits end up, not the staging folder that is renamed below.
    print(dataclasses.replace(report, out_dir=target / "kits"), file=sys.stderr)


def _merge_links(into: dict[str, frozenset[str]], more: dict[str, frozenset[str]]) -> None:
    """Links of the same page in several languages: their union."""
    for key, links in more.items():
        into[key] = into.get(key, frozenset()) | links


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
