"""Printable workshop kits: a PDF per module and per programme, per language and side by side,
and each module's handouts as a fillable PDF for online sessions.

For each module and programme there are ``<id>.<lang>.pdf`` for every configured language and
``<id>.<all codes joined by '-'>.pdf`` with the languages side by side (``fr-de``): the names
the site's download buttons link to; a module with handouts also gets
``<id>.<lang>.form.pdf``. :func:`build_kits` renders each kit's HTML in this process, looks
its content hash up in the cache, and lays out only the missing PDFs with WeasyPrint, in
parallel across CPU cores. It writes ``kits.json`` next to the PDFs: for each file its
pages, bytes, version and what the layout measured (:func:`builder.kits.pdf.layout_report`)
— the download page and the tests read it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from ..errors import ContentError
from ..validate import did_you_mean
from .cache import KitCache, KitJob, copy_file, kit_key, templates_digest
from .pdf import html_to_pdf
from .render import render_kit

__all__ = [
    "MANIFEST",
    "KitJob",
    "KitReport",
    "build_kits",
    "kit_jobs",
    "kit_variants",
    "read_manifest",
]

#: Called after each kit: (kits done, kits in all, file name, taken from the cache).
Progress = Callable[[int, int, str, bool], None]
#: The list of kits written next to them.
MANIFEST = "kits.json"
#: How much of the cache key the footer shows as the kit's version.
VERSION_LENGTH = 8


@dataclass
class KitReport:
    """What a :func:`build_kits` run did."""

    out_dir: Path
    generated: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # layout time per generated kit
    kits: dict[str, dict[str, Any]] = field(default_factory=dict)  # the manifest's entries
    elapsed: float = 0.0

    @property
    def total(self) -> int:
        return len(self.generated) + len(self.reused)

    def __str__(self) -> str:
        lines = [
            f"{self.total} kits in {self.out_dir}: {len(self.generated)} generated, "
            f"{len(self.reused)} reused from the cache ({self.elapsed:.1f} s)"
        ]
        for name, entry in sorted(self.kits.items()):  # what the layout could not avoid
            for section in entry.get("loose", []):
                lines.append(f"  {name}: the end of {section!r} stands almost alone on a page")
            for page in entry.get("orphan_headings", []):
                lines.append(f"  {name}: a heading ends page {page}, its text is overleaf")
        return "\n".join(lines)


def kit_variants(codes: Iterable[str]) -> list[str]:
    """Each language alone, then all of them side by side: ``["fr", "de", "fr-de"]``."""
    codes = list(codes)
    return codes + (["-".join(codes)] if len(codes) > 1 else [])


def kit_jobs(
    catalog: Catalog,
    *,
    only: str | None = None,
    variants: Iterable[str] | None = None,
    forms: bool = True,
) -> list[KitJob]:
    """The kits to make, optionally for one record id and some variants only; ``forms``:
    with the fillable handouts of each module (one per language)."""
    codes = list(catalog.config.codes)
    known = kit_variants(codes)
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
    jobs = [KitJob(kind, i, v) for kind, i in records for v in known if v in wanted]
    if forms:
        jobs += [
            KitJob(kind, i, v, form=True)
            for kind, i in records
            if kind == "module" and catalog.modules[i].handouts
            for v in codes
            if v in wanted
        ]
    return jobs


def _entry(job: KitJob, key: str, path: Path, layout: dict[str, Any]) -> dict[str, Any]:
    return {
        "file": job.filename,
        "kind": job.kind,
        "id": job.record_id,
        "variant": job.variant,
        "form": job.form,
        "version": key[:VERSION_LENGTH],
        "bytes": path.stat().st_size,
        **{k: v for k, v in layout.items() if k != "seconds"},
    }


def build_kits(
    catalog: Catalog,
    out_dir: Path,
    cache_dir: Path | None = None,
    *,
    only: str | None = None,
    variants: Iterable[str] | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    forms: bool = True,
) -> KitReport:
    """Write the kits' PDFs and ``kits.json`` into ``out_dir``, reusing those of ``cache_dir``
    that are current."""
    started = time.monotonic()
    report = KitReport(out_dir)
    jobs = kit_jobs(catalog, only=only, variants=variants, forms=forms)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = KitCache(cache_dir) if cache_dir is not None else None
    if store is not None:
        store.folder.mkdir(parents=True, exist_ok=True)
    templates = templates_digest(catalog.config.root)
    done = 0

    def finished(job: KitJob, key: str, layout: dict[str, Any], cached: bool) -> None:
        nonlocal done
        done += 1
        (report.reused if cached else report.generated).append(job.filename)
        report.kits[job.filename] = _entry(job, key, out_dir / job.filename, layout)
        if progress is not None:
            progress(done, len(jobs), job.filename, cached)

    todo: list[tuple[KitJob, Path, str]] = []
    for job in jobs:
        key = kit_key(catalog, job, templates)
        hit = store.get(job, key) if store is not None else None
        if hit is not None:
            copy_file(hit[0], out_dir / job.filename)
            finished(job, key, hit[1], True)
        else:
            target = store.path(job, key) if store is not None else out_dir / job.filename
            todo.append((job, target, key))

    def stored(job: KitJob, target: Path, key: str, layout: dict[str, Any]) -> None:
        if store is not None:
            store.put_report(job, key, layout)
            store.prune(job, key)
            copy_file(target, out_dir / job.filename)
        report.seconds[job.filename] = layout.get("seconds", 0.0)
        finished(job, key, layout, False)

    def html_of(job: KitJob, key: str) -> str:
        return render_kit(
            catalog,
            job.kind,
            job.record_id,
            job.langs,
            version=key[:VERSION_LENGTH],
            form=job.form,
        )

    n = min(workers or os.cpu_count() or 1, len(todo))
    if n <= 1:
        for job, target, key in todo:
            stored(job, target, key, html_to_pdf(html_of(job, key), str(target), job.form))
    else:
        with ProcessPoolExecutor(max_workers=n) as pool:
            futures: dict[Future[dict[str, Any]], tuple[KitJob, Path, str]] = {}
            for job, target, key in todo:
                future = pool.submit(html_to_pdf, html_of(job, key), str(target), job.form)
                futures[future] = (job, target, key)
            for future in as_completed(futures):
                stored(*futures[future], future.result())
    write_manifest(out_dir, report.kits)
    report.elapsed = time.monotonic() - started
    return report


def write_manifest(out_dir: Path, kits: dict[str, dict[str, Any]]) -> None:
    """``kits.json``: the kits in the folder, with what their layout measured. Entries of
    kits already listed there but not built this time (``--only``) are kept."""
    path = out_dir / MANIFEST
    entries: dict[str, dict[str, Any]] = {}
    if path.is_file():
        try:
            entries = {e["file"]: e for e in json.loads(path.read_text("utf-8"))["kits"]}
        except (ValueError, KeyError, TypeError):
            entries = {}
    entries.update(kits)
    entries = {name: e for name, e in entries.items() if (out_dir / name).is_file()}
    body = {"kits": [entries[name] for name in sorted(entries)]}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_manifest(kits_dir: Path) -> dict[str, dict[str, Any]]:
    """The entries of ``kits.json`` by file name ({} when there is none)."""
    path = kits_dir / MANIFEST
    if not path.is_file():
        return {}
    try:
        return {e["file"]: e for e in json.loads(path.read_text("utf-8"))["kits"]}
    except (ValueError, KeyError, TypeError):
        return {}
