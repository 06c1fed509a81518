"""The measured stages, each run in its own process by :mod:`bench.runner`.

``python -m bench.stages STAGE ROOT RESULT [options]`` runs one stage on the project at
ROOT and writes a JSON object to RESULT: clock times from inside the process, and the
process's own peak memory (``ru_maxrss`` of itself and of its waited-for children).
Running each stage in a fresh process keeps one stage's caches and memory out of the next.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config
from builder.preview import Preview
from builder.render import render_html, render_page
from builder.site import build_plan

EDITED_SENTENCE = "Une phrase modifiée pendant l'aperçu."
EDITED_MARK = "aperçu"


def _rusage() -> dict[str, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "self_maxrss_mb": me.ru_maxrss / 1024,
        "children_maxrss_mb": kids.ru_maxrss / 1024,
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    }


def content(root: Path, baseline: Path | None) -> dict[str, Any]:
    """Load + validate, plan, render every generated page in every language to the HTML
    the site build uses; then, untimed, the same pages as Markdown for the baseline."""
    t0 = time.perf_counter()
    catalog = load_catalog(load_config(root))
    t1 = time.perf_counter()
    if catalog.problems.errors:
        raise SystemExit(f"content errors: {catalog.problems.errors[0]}")
    plan = build_plan(catalog)
    t2 = time.perf_counter()
    specs = {
        lang: plan.generated(lang)
        + [p for p in plan.pages[lang].values() if p.kind == "home-generated"]
        for lang in plan.languages
    }
    html_bytes = 0
    for lang in plan.languages:
        html_bytes += sum(len(render_html(plan, spec).html.encode()) for spec in specs[lang])
    t3 = time.perf_counter()
    result = {
        "load_s": t1 - t0,
        "plan_s": t2 - t1,
        "render_s": t3 - t2,
        "total_s": t3 - t0,
        "pages": sum(len(v) for v in specs.values()),
        "html_bytes": html_bytes,
        **_rusage(),
    }
    if baseline is not None:
        from .baseline import write_baseline

        rendered = {
            lang: {spec.uri: render_page(plan, spec) for spec in specs[lang]}
            for lang in plan.languages
        }
        write_baseline(root, baseline, plan, rendered)
    return result


def build(root: Path, out: Path) -> dict[str, Any]:
    """The full site, every language, as `python -m builder build` does it (no kits)."""
    t0 = time.perf_counter()
    build_site(load_config(root), kits=False, out=out)
    return {"total_s": time.perf_counter() - t0, **_rusage()}


def preview_rebuild(root: Path, preview: Preview, workers: int | None = None) -> None:
    """Exactly what `make serve` runs after a file changed (see mkdocs_adapter.serve), with
    the state the preview keeps between rebuilds; ``workers=1`` only to profile it."""
    preview.rebuild(load_config(root), workers=workers)


def edit_one_case(root: Path) -> Path:
    """Add one sentence to one case study's challenge, as an editor would."""
    from .generate import _dump

    files = sorted((root / "case_studies").glob("*.yml"))
    target = files[len(files) // 2]
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    data["challenge"]["fr"] = f"{EDITED_SENTENCE} {data['challenge']['fr']}"
    _dump(target, data)
    return target


def preview(root: Path, first: bool) -> dict[str, Any]:
    """The rebuild after a one-file edit, after the first build `serve` starts with (the
    rebuild reuses what that build kept; ``first`` is kept for the command line)."""
    state = Preview()
    t0 = time.perf_counter()
    preview_rebuild(root, state)
    t1 = time.perf_counter()
    edited = edit_one_case(root)
    t2 = time.perf_counter()
    preview_rebuild(root, state)
    t3 = time.perf_counter()
    pages = (root / "site").rglob(f"{edited.stem}/index.html")
    seen = any(EDITED_MARK in p.read_text(encoding="utf-8") for p in pages)
    return {
        "initial_s": t1 - t0,
        "rebuilt": state.last,
        "rebuild_s": t3 - t2,
        "edited": edited.name,
        "edit_visible": seen,
        **_rusage(),
    }


def kits(root: Path, out: Path) -> dict[str, Any]:
    """Every PDF from a cold cache, then again with nothing changed."""
    try:
        from builder.kits import build_kits  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return {"available": False}
    catalog = load_catalog(load_config(root))
    cache = root / ".cache" / "kits"
    shutil.rmtree(cache, ignore_errors=True)
    t0 = time.perf_counter()
    first = build_kits(catalog, out / "cold", cache_dir=cache)
    t1 = time.perf_counter()
    before = _snapshot(cache)
    second = build_kits(catalog, out / "warm", cache_dir=cache)
    t2 = time.perf_counter()
    after = _snapshot(cache)
    regenerated = _count(second)
    method = "return value"
    if regenerated is None:
        regenerated = sum(1 for k, v in after.items() if before.get(k) != v)
        method = "cache files written"
    pdfs = sorted((out / "cold").rglob("*.pdf"))
    return {
        "available": True,
        "modules": len(catalog.modules),
        "programmes": len(catalog.programmes),
        "pdfs": len(pdfs),
        "pdf_bytes": sum(p.stat().st_size for p in pdfs),
        "cold_s": t1 - t0,
        "warm_s": t2 - t1,
        "regenerated": regenerated,
        "counted_by": method,
        "first_result": repr(first)[:200],
        **_rusage(),
    }


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    return {
        str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if p.is_file()
    }


def _count(value: Any) -> int | None:
    """How many kits a build_kits() result says it regenerated, if it says so."""
    for name in ("generated", "regenerated", "built", "rendered"):
        got = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
        if isinstance(got, int):
            return got
        if isinstance(got, list | tuple | set | dict):
            return len(got)
    return None


def profile(root: Path, out: Path, what: str) -> dict[str, Any]:
    """pyinstrument over the whole build (one process: workers=1) or the preview rebuild."""
    from .profiling import profile_call

    if what == "build":

        def call() -> None:
            build_site(load_config(root), kits=False, out=root / "site-profile", workers=1)
    else:
        state = Preview()
        preview_rebuild(root, state)  # the first build `serve` starts with, not profiled
        edit_one_case(root)

        def call() -> None:
            preview_rebuild(root, state, workers=1)

    return profile_call(call, out, what)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages")
    parser.add_argument("stage", choices=["content", "build", "preview", "kits", "profile"])
    parser.add_argument("root", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--what", default="build")
    parser.add_argument("--first", action="store_true", help="preview: build once before")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.stage == "content":
        result = content(root, args.baseline)
    elif args.stage == "build":
        result = build(root, args.out)
    elif args.stage == "preview":
        result = preview(root, args.first)
    elif args.stage == "kits":
        result = kits(root, args.out)
    else:
        result = profile(root, args.out, args.what)
    args.result.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
