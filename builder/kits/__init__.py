"""Printable workshop kits: a PDF per module and per programme, per language and side by side.

For each module and programme there are ``<id>.<lang>.pdf`` for every configured language and
``<id>.<all codes joined by '-'>.pdf`` with the languages side by side (``fr-de``): the names
the site's download buttons link to. :func:`build_kits` renders each kit's HTML in this
process, looks its content hash up in the cache, and lays out only the missing PDFs with
WeasyPrint, in parallel across CPU cores.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..errors import ContentError
from ..validate import did_you_mean
from .cache import KitCache, KitJob, copy_file, kit_key, templates_digest
from .pdf import html_to_pdf
from .render import render_kit

__all__ = ["KitJob", "KitReport", "build_kits", "kit_jobs", "kit_variants"]

#: Called after each kit: (kits done, kits in all, file name, taken from the cache).
Progress = Callable[[int, int, str, bool], None]


@dataclass
class KitReport:
    """What a :func:`build_kits` run did."""

    out_dir: Path
    generated: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # layout time per generated kit
    elapsed: float = 0.0

    @property
    def total(self) -> int:
        return len(self.generated) + len(self.reused)

    def __str__(self) -> str:
        return (
            f"{self.total} kits in {self.out_dir}: {len(self.generated)} generated, "
            f"{len(self.reused)} reused from the cache ({self.elapsed:.1f} s)"
        )


def kit_variants(codes: Iterable[str]) -> list[str]:
    """Each language alone, then all of them side by side: ``["fr", "de", "fr-de"]``."""
    codes = list(codes)
    return codes + (["-".join(codes)] if len(codes) > 1 else [])


def kit_jobs(
    catalog: Catalog, *, only: str | None = None, variants: Iterable[str] | None = None
) -> list[KitJob]:
    """The kits to make, optionally for one record id and some variants only."""
    known = kit_variants(catalog.config.codes)
    wanted = list(variants) if variants is not None else known
    for variant in wanted:
        if variant not in known:
            raise ContentError(
                "mkdocs.yml",
                message=f"there is no kit in {variant!r}",
                hint=f"choose one of {', '.join(known)}",
            )
    records = [("module", i) for i in sorted(catalog.modules)]
    records += [("programme", i) for i in sorted(catalog.programmes)]
    if only is not None:
        ids = {i for _, i in records}
        if only not in ids:
            hint = did_you_mean(only, sorted(ids)) or (
                f"known ids: {', '.join(sorted(ids)) or 'none'}"
            )
            raise ContentError(
                "workshops", message=f"no module or programme has the id {only!r}", hint=hint
            )
        records = [r for r in records if r[1] == only]
    return [KitJob(kind, i, v) for kind, i in records for v in known if v in wanted]


def build_kits(
    catalog: Catalog,
    out_dir: Path,
    cache_dir: Path | None = None,
    *,
    only: str | None = None,
    variants: Iterable[str] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> KitReport:
    """Write the kits' PDFs into ``out_dir``, reusing those of ``cache_dir`` that are current."""
    started = time.monotonic()
    report = KitReport(out_dir)
    jobs = kit_jobs(catalog, only=only, variants=variants)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = KitCache(cache_dir) if cache_dir is not None else None
    if store is not None:
        store.folder.mkdir(parents=True, exist_ok=True)
    templates = templates_digest(catalog.config.root)
    done = 0

    def finished(name: str, cached: bool) -> None:
        nonlocal done
        done += 1
        (report.reused if cached else report.generated).append(name)
        if progress is not None:
            progress(done, len(jobs), name, cached)

    todo: list[tuple[KitJob, Path, str]] = []
    for job in jobs:
        key = kit_key(catalog, job, templates)
        hit = store.get(job, key) if store is not None else None
        if hit is not None:
            copy_file(hit, out_dir / job.filename)
            finished(job.filename, True)
        else:
            target = store.path(job, key) if store is not None else out_dir / job.filename
            todo.append((job, target, key))

    def stored(job: KitJob, target: Path, key: str, seconds: float) -> None:
        if store is not None:
            store.prune(job, key)
            copy_file(target, out_dir / job.filename)
        report.seconds[job.filename] = seconds
        finished(job.filename, False)

    n = min(workers or os.cpu_count() or 1, len(todo))
    if n <= 1:
        for job, target, key in todo:
            html = render_kit(catalog, job.kind, job.record_id, job.langs)
            stored(job, target, key, html_to_pdf(html, str(target)))
    else:
        with ProcessPoolExecutor(max_workers=n) as pool:
            futures: dict[Future[float], tuple[KitJob, Path, str]] = {}
            for job, target, key in todo:
                html = render_kit(catalog, job.kind, job.record_id, job.langs)
                futures[pool.submit(html_to_pdf, html, str(target))] = (job, target, key)
            for future in as_completed(futures):
                stored(*futures[future], future.result())
    report.elapsed = time.monotonic() - started
    return report
