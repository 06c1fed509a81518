"""`python -m builder build`: the pipeline, one explicit step after the other.

    load → check → plan → kits → build each language → outputs → offline pack → swap

:func:`build_site` loads and checks every file once (:func:`checked_catalog`), plans every
page of every language once (:func:`builder.site.build_plan`), then hands each language a
:class:`~builder.engine.Job` that the engine adapter builds into its own folder
(:func:`run_jobs`, languages in parallel). The kits come first: the kits page shows their
page counts and sizes. The outputs that do not depend on the engine (root pages, images,
open data, feeds) follow, then the offline pack (:mod:`builder.offline`, a zip of it all);
the finished folder replaces ``site/`` only when everything succeeded: a failing build
leaves the previous site in place.

State travels in the objects passed down — the plan inside each job — never in module
globals. The live preview (:mod:`builder.preview`) reuses these steps.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from .catalog import Catalog, FileCache, load_catalog
from .config import ProjectConfig
from .engine import ENGINES, EngineName, Job, Outcome, select_engine
from .errors import ContentErrors, ErrorList
from .feeds import write_feeds
from .opendata import write_open_data
from .root_pages import write_root_pages
from .site import SitePlan, build_plan


def checked_catalog(config: ProjectConfig, cache: FileCache | None = None) -> Catalog:
    """Load and check every content file; raise once with every error."""
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
    engine: EngineName = ENGINES[0],
) -> Path:
    """Build the whole site into ``out`` (default ``site/``) and return its path."""
    started = time.monotonic()
    catalog = checked_catalog(config)
    catalog.drop_raw_data()
    plan = build_plan(catalog)
    target = (out or config.root / "site").resolve()
    staging = target.with_name(f".{target.name}-building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        if kits:  # first: the kits page lists their pages and sizes (kits/kits.json)
            write_kits(catalog, staging / "kits", shown_as=target / "kits")
        jobs = [Job(plan, lang, staging / lang, strict) for lang in plan.languages]
        raise_errors(run_jobs(jobs, engine=engine, workers=workers))
        write_outputs(plan, staging)
        if kits:  # last: the whole site in one zip that works from disk
            from .offline import write_offline_zip

            write_offline_zip(staging, config.site_url)
        swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"Built {target} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return target


def run_jobs(
    jobs: Sequence[Job], *, engine: EngineName = ENGINES[0], workers: int | None = None
) -> list[Outcome]:
    """Run the engine on every job, in parallel worker processes when there are several
    cores, and return their outcomes in the jobs' order.

    A worker is a fresh process of this one (``fork``): it gets its job as an argument
    without copying it (the plan, with the whole checked catalogue, is already in memory)
    and can choose the engine before anything imports it (ProperDocs runs in a worker even
    alone, so that this process keeps plain MkDocs). Where ``fork`` does not exist, the jobs
    run one after the other in this process.
    """
    n = min(len(jobs), workers or os.cpu_count() or 1)
    if "fork" not in multiprocessing.get_all_start_methods() or (n == 1 and engine == "mkdocs"):
        select_engine(engine)
        return [_run(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    # Frozen objects are left alone by the workers' garbage collector, so the memory pages
    # holding the catalogue stay shared between the processes (gc.freeze's documentation).
    gc.freeze()
    try:
        batches = [list(jobs[i::n]) for i in range(n)]
        pipes, procs = [], []
        for batch in batches:
            receive, send = context.Pipe(duplex=False)
            proc = context.Process(target=_worker, args=(batch, engine, send), daemon=True)
            proc.start()
            send.close()
            pipes.append(receive)
            procs.append(proc)
        results: dict[str, Outcome] = {}
        for receive, proc, batch in zip(pipes, procs, batches, strict=True):
            try:
                for outcome in receive.recv():
                    results[outcome.lang] = outcome
            except EOFError:
                proc.join()
                raise RuntimeError(
                    f"the build of {', '.join(j.lang for j in batch)} stopped"
                    f" (exit code {proc.exitcode})"
                ) from None
            proc.join()
    finally:
        gc.unfreeze()
    return [results[job.lang] for job in jobs]


def _worker(batch: list[Job], engine: EngineName, send: Connection) -> None:
    """A worker process: choose the engine, build each job, send the outcomes back."""
    try:
        select_engine(engine)
        send.send([_run(job) for job in batch])
    finally:
        send.close()


def _run(job: Job) -> Outcome:
    from .mkdocs_adapter import run

    return run(job)


def raise_errors(outcomes: Sequence[Outcome]) -> None:
    """Stop with every content error of every language, if there were any."""
    problems = ErrorList()
    for outcome in outcomes:
        problems.extend(outcome.errors)
    if problems.errors:
        raise ContentErrors(problems)


def merged_links(outcomes: Sequence[Outcome]) -> dict[str, frozenset[str]]:
    """What each page links to, over every language (the union)."""
    links: dict[str, frozenset[str]] = {}
    for outcome in outcomes:
        for key, targets in outcome.links.items():
            links[key] = links.get(key, frozenset()) | targets
    return links


def write_outputs(plan: SitePlan, out: Path) -> None:
    """What the site needs besides the engine's pages: the root pages (language chooser,
    sitemap), the case studies' images, open data and feeds."""
    write_root_pages(plan, out)
    copy_images(plan.catalog, out)
    write_open_data(plan, out)
    write_feeds(plan, out)


def write_kits(catalog: Catalog, out: Path, *, shown_as: Path) -> None:
    from .kits import build_kits

    report = build_kits(catalog, out, cache_dir=catalog.config.root / ".cache" / "kits")
    # Say where the kits end up, not the staging folder that is renamed afterwards.
    print(dataclasses.replace(report, out_dir=shown_as), file=sys.stderr)


def copy_images(catalog: Catalog, out: Path) -> None:
    """Images of case studies, at the same path under the site root (checked by `check`)."""
    for case in catalog.cases.values():
        for image in case.images:
            target = out / image.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(catalog.config.root / image.path, target)


def swap(staging: Path, target: Path) -> None:
    """Put the finished folder in place of the previous one."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
