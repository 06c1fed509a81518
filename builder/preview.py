"""The live preview (`make serve`): the pipeline of :mod:`builder.build`, rerun after each
edit, rewriting in place only what the edit changed.

Files are parsed and validated again only when they changed (:class:`FileCache`). When
records changed but not the site's structure (which records exist, their themes, links,
places, status and period, the glossary, themes, labels, templates and configuration), the
engine rewrites only the changed records' pages and the pages linking to them, in its
incremental mode; anything else rebuilds everything.

The engine's incremental mode decides by modification time whether a page's source is newer
than its HTML. A generated page has no source file, so the preview keeps one empty *stamp*
file per generated page (``.cache/preview/<lang>/<page>.md``) and touches the stamps of the
pages to rewrite (:func:`write_stamps`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

from .build import checked_catalog, merged_links, raise_errors, run_jobs, swap, write_outputs
from .catalog import Catalog, FileCache
from .config import ProjectConfig, load_config
from .engine import ENGINES, EngineName, Job
from .errors import ContentError, ContentErrors
from .messages import editor_language
from .site import PageSpec, SitePlan, build_plan

#: Folders and files whose edits the preview watches (relative to the project).
WATCHED = ("case_studies", "workshops", "docs", "templates", "labels")
WATCHED_FILES = ("themes.yml", "glossary.yml", "mkdocs.yml")


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

    def rebuild(
        self,
        config: ProjectConfig,
        *,
        out: Path | None = None,
        workers: int | None = None,
        engine: EngineName = ENGINES[0],
    ) -> Path:
        """Build the site into ``out`` (default ``site/``): everything the first time or
        when the structure changed, else in place only the pages the edits changed."""
        started = time.monotonic()
        catalog = checked_catalog(config, self.files)
        plan = build_plan(catalog)
        target = (out or config.root / "site").resolve()
        dirty = self.changed_pages(catalog, plan, target)
        stamps = config.root / ".cache" / "preview"
        # A full rebuild goes to a fresh folder swapped in at the end, as `build` does; an
        # incremental one rewrites pages in place.
        into = target if dirty is not None else target.with_name(f".{target.name}-preview")
        if dirty is None:
            shutil.rmtree(into, ignore_errors=True)
            shutil.rmtree(stamps, ignore_errors=True)
        into.mkdir(parents=True, exist_ok=True)
        previous = {lang: search_entries(into / lang) for lang in plan.languages}
        write_stamps(plan, stamps, dirty)
        for spec in _hand_written_to_rewrite(plan, dirty):
            # Its source file did not change, but the cards it shows did: without its HTML,
            # the engine's incremental mode writes it again.
            (into / spec.lang / spec.url / "index.html").unlink(missing_ok=True)
        jobs = [
            Job(plan, lang, into / lang, strict=False, dirty=dirty, stamps=stamps / lang)
            for lang in plan.languages
        ]
        try:
            outcomes = run_jobs(jobs, engine=engine, workers=workers)
            raise_errors(outcomes)
            write_outputs(plan, into)
            if into != target:
                swap(into, target)
        except BaseException:
            self.structure = ""  # the site may be half-written: rebuild it all next time
            if into != target:
                shutil.rmtree(into, ignore_errors=True)
            raise
        if dirty is not None:
            for lang in plan.languages:
                rebuilt = {
                    f"{lang}/{plan.pages[lang][k].url}" for k in dirty if k in plan.pages[lang]
                }
                keep_search_entries(target / lang, previous[lang], rebuilt, lang)
        self.links = (self.links if dirty is not None else {}) | merged_links(outcomes)
        self.last = (
            f"{len(dirty)} changed page(s) per language rewritten"
            if dirty is not None
            else "full build"
        )
        print(f"Built {target} in {time.monotonic() - started:.1f} s", file=sys.stderr)
        return target


def _hand_written_to_rewrite(plan: SitePlan, dirty: frozenset[str] | None) -> list[PageSpec]:
    """Hand-written pages with a generated part to rewrite (the home's cards)."""
    if dirty is None:
        return []
    return [
        spec
        for lang in plan.languages
        for key, spec in plan.pages[lang].items()
        if key in dirty and spec.kind == "home"
    ]


def write_stamps(plan: SitePlan, folder: Path, dirty: frozenset[str] | None) -> None:
    """One empty file per generated page, dated so that exactly the pages to rewrite (all
    when ``dirty`` is None) look newer than their HTML: in the future for those, at the
    epoch for the others. Every stamp is reset at each build, whatever the clock's
    resolution."""
    future, past = time.time() + 365 * 24 * 3600, 0.0
    for lang in plan.languages:
        for spec in plan.generated(lang):
            stamp = folder / lang / spec.uri
            if not stamp.exists():
                stamp.parent.mkdir(parents=True, exist_ok=True)
                stamp.touch()
            when = future if dirty is None or spec.key in dirty else past
            os.utime(stamp, (when, when))


def search_entries(site_dir: Path) -> list[dict[str, object]]:
    """The search index entries of a built language (Material's ``search_index.json``)."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return []
    docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
    return list(docs) if isinstance(docs, list) else []


def keep_search_entries(
    site_dir: Path, previous: list[dict[str, object]], rebuilt: set[str], lang: str
) -> None:
    """An incremental build indexes only the pages it rewrote: add back the previous entries
    of every other page, so that search in the preview still finds the whole site."""
    index = site_dir / "search" / "search_index.json"
    if not previous or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    fresh = {f"{lang}/{d['location']}".split("#")[0] for d in data.get("docs", [])}
    kept = [d for d in previous if f"{lang}/{d['location']}".split("#")[0] not in rebuilt | fresh]
    data["docs"] = data.get("docs", []) + kept
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


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
    watched = [root / name for name in WATCHED_FILES]
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


def serve(config: ProjectConfig, *, host: str, port: int) -> None:
    """Live preview: build everything, serve ``site/``, and after each change rebuild what
    the change affects."""
    from .mkdocs_adapter import live_server

    preview = Preview()

    def rebuild() -> None:
        try:
            preview.rebuild(load_config(config.root))
            print(f"  ({preview.last})")
        except (ContentErrors, ContentError) as exc:
            print(exc.render(editor_language()))  # in the editor's language

    rebuild()
    watched = [config.root / name for name in (*WATCHED, *WATCHED_FILES)]
    watched.append(Path(__file__).parent / "templates")
    live_server(
        config.root / "site",
        rebuild,
        [path for path in watched if path.exists()],
        host=host,
        port=port,
    )
