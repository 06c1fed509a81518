"""`python -m bench`: generate, measure, compare with the baseline, report.

Each size gets its own synthetic project in a temporary folder; every measured stage runs
in a fresh process (see :mod:`bench.runner`) with a timeout, and a stage that times out or
fails is reported as such instead of stopping the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import report
from .generate import generate_project, self_test
from .runner import Run, run, stage
from .targets import evaluate

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
DEFAULT_SIZES = [100, 500, 1000, 5000]
QUICK_SIZES = [50, 200]


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", help=f"default {DEFAULT_SIZES}")
    p.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}, no BENCHMARKS.md")
    p.add_argument("--preview-size", type=int, default=1000,
                   help="size for the preview rebuild and the profiles (largest ≤ it is used)")
    p.add_argument("--timeout", type=float, default=420, help="per stage, seconds")
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--no-profile", action="store_true")
    p.add_argument("--no-kits", action="store_true")
    p.add_argument("--baseline-dedup", action="store_true",
                   help="keep mkdocs-static-i18n's search de-duplication on in the baseline")
    p.add_argument("--work", type=Path, help="keep the generated projects in this folder")
    p.add_argument("--markdown", type=Path, default=REPO / "BENCHMARKS.md")
    p.add_argument("--no-markdown", action="store_true")
    return p.parse_args(argv)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _failed(what: str, r: Run, timeout: float) -> str:
    if r.timed_out:
        return f"{what}: timed out after {timeout:.0f} s"
    return f"{what}: failed (exit {r.returncode}): {r.log_tail[-600:]}"


def measure_size(n: int, work: Path, args: argparse.Namespace,
                 notes: list[str]) -> dict[str, Any]:
    folder = work / str(n)
    root = folder / "project"
    t0 = time.perf_counter()
    gen = generate_project(root, n)
    say(f"[{n}] generated {gen.cases} cases, {gen.modules} modules, {gen.programmes} "
        f"programmes ({gen.words_per_case:.0f} words per case and language) "
        f"in {time.perf_counter() - t0:.1f} s")
    row: dict[str, Any] = {"n": n, "modules": gen.modules, "words": gen.words_per_case}
    base_dir = None if args.no_baseline else folder / "baseline"
    c = stage("content", root, folder, timeout=args.timeout, baseline=base_dir)
    if c.ok:
        res = c.result
        row.update(content_s=res["total_s"], content_mb=res["self_maxrss_mb"],
                   content_detail={k: round(res[k], 3) for k in ("load_s", "plan_s",
                                                                 "render_s")},
                   markdown_pages=res["pages"])
        say(f"[{n}] content stage {res['total_s']:.2f} s (load {res['load_s']:.2f}, "
            f"render {res['render_s']:.2f}), peak {res['self_maxrss_mb']:.0f} MB")
    else:
        notes.append(_failed(f"content stage at {n}", c, args.timeout))
    b = stage("build", root, folder, timeout=args.timeout, out=folder / "site")
    if b.ok:
        html = report.html_stats(folder / "site")
        pages = sum(1 for _ in (folder / "site").rglob("index.html"))
        row.update(build_s=b.wall_s, build_inner_s=b.result["total_s"], pages=pages,
                   ms_per_page=1000 * b.wall_s / max(1, pages), build_rss_mb=b.peak_rss_mb,
                   build_pss_mb=b.peak_pss_mb, build_maxrss_mb=b.maxrss_mb,
                   kb_mean=html["mean_kb"], kb_max=html["max_kb"], html=html)
        say(f"[{n}] build {b.wall_s:.1f} s, {pages} pages, tree peak RSS "
            f"{b.peak_rss_mb:.0f} MB / PSS {b.peak_pss_mb:.0f} MB, "
            f"HTML {html['mean_kb']} KB mean, {html['max_kb']} KB max ({html['max_page']})")
    else:
        row["build_s"] = None
        notes.append(_failed(f"build at {n}", b, args.timeout))
    shutil.rmtree(folder / "site", ignore_errors=True)
    if base_dir is not None and c.ok:
        cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(base_dir / "mkdocs.yml"),
               "-d", str(folder / "baseline-site")]
        r = run(cmd, timeout=args.timeout, log=folder / "baseline.log", cwd=base_dir)
        if r.ok:
            html = report.html_stats(folder / "baseline-site")
            row.update(baseline_s=r.wall_s, baseline_rss_mb=r.peak_rss_mb, baseline_html=html)
            say(f"[{n}] baseline {r.wall_s:.1f} s, peak RSS {r.peak_rss_mb:.0f} MB, "
                f"{html['pages']} pages")
        else:
            row["baseline_s"] = f">{args.timeout:.0f}" if r.timed_out else "failed"
            notes.append(_failed(f"baseline at {n}", r, args.timeout))
        shutil.rmtree(folder / "baseline-site", ignore_errors=True)
    if isinstance(row.get("baseline_s"), float) and row.get("build_s"):
        row["ratio"] = row["build_s"] / row["baseline_s"]
    if row.get("content_s") and row.get("build_s"):
        row["content_share"] = row["content_s"] / row["build_s"]
    return row


def preview_and_profiles(n: int, work: Path, args: argparse.Namespace,
                         notes: list[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    root = work / str(n) / "project"
    p = stage("preview", root, work / str(n), timeout=args.timeout)
    preview: dict[str, Any] = {"n": n}
    if p.ok:
        preview.update(p.result)
        say(f"[{n}] preview: first build {p.result['initial_s']:.1f} s, rebuild after editing "
            f"{p.result['edited']}: {p.result['rebuild_s']:.2f} s "
            f"(edit visible: {p.result['edit_visible']})")
    else:
        preview["error"] = _failed(f"preview at {n}", p, args.timeout)
        notes.append(preview["error"])
    profiles = []
    if not args.no_profile:
        titles = {"build": f"Full build at N = {n}, both languages in one process (workers=1)",
                  "preview": f"Preview rebuild after a one-file edit at N = {n}"}
        for what in ("build", "preview"):
            generate_project(root, n)  # the same project, fresh (the preview edited it)
            r = stage("profile", root, work / str(n), timeout=args.timeout, out=RESULTS,
                      what=what)
            if r.ok:
                profiles.append({**r.result, "title": titles[what]})
                say(f"[{n}] profiled {what}: {r.result['seconds']} s")
            else:
                profiles.append({"what": what, "error": _failed(f"profile {what}", r,
                                                                args.timeout)})
    return preview, profiles


def kits(n: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    root = work / str(n) / "project"
    generate_project(root, n)
    r = stage("kits", root, work / str(n), timeout=args.timeout, out=work / str(n) / "kits")
    if not r.ok:
        return {"n": n, "available": None, "error": _failed("kits", r, args.timeout)}
    if r.result.get("available"):
        say(f"[{n}] kits: {r.result['pdfs']} PDFs cold in {r.result['cold_s']:.1f} s; "
            f"no-change rebuild {r.result['warm_s']:.1f} s, regenerated "
            f"{r.result['regenerated']}")
    else:
        say(f"[{n}] kits: builder.kits is not available")
    return {"n": n, **r.result}


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    sizes = sorted(set(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)))
    started = time.perf_counter()
    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory(prefix="vp-bench-")
        work = Path(tmp.name)
    else:
        work = args.work.resolve()
        work.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    try:
        gen = generate_project(work / "selftest", 5)
        self_test(gen.root)
        say(f"self-test: a generated project of 5 cases is valid; work folder {work}")
        rows = [measure_size(n, work, args, notes) for n in sizes]
        preview_n = max([n for n in sizes if n <= args.preview_size] or [sizes[0]])
        preview, profiles = preview_and_profiles(preview_n, work, args, notes)
        kit = {"n": sizes[0], "available": None} if args.no_kits else kits(sizes[0], work, args)
    finally:
        if tmp is not None:
            tmp.cleanup()
    data: dict[str, Any] = {
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "finished": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": report.machine(), "sizes": sizes, "rows": rows, "preview": preview,
        "kits": kit, "profiles": profiles, "notes": notes,
        "content_note": (f"~{sum(r['words'] for r in rows) / len(rows):.0f} words of running "
                         "text per case and language; N/10 modules; N/200 programmes"),
    }
    data["targets"] = evaluate(data)
    data["run_s"] = time.perf_counter() - started
    print(report.table(rows))
    print()
    print(report.targets_table(data["targets"]))
    for note in notes:
        print(f"note: {note}")
    report.write_json(data, RESULTS / "latest.json")
    if not (args.quick or args.no_markdown):
        report.write_markdown(data, args.markdown)
    say(f"whole run {data['run_s'] / 60:.1f} min; JSON in {RESULTS / 'latest.json'}"
        + ("" if args.quick or args.no_markdown else f"; {args.markdown.name} updated"))
    return 0
