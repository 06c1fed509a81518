"""`python -m bench`: generate, measure, compare with the baseline, report.

Each size gets its own synthetic project in a temporary folder; every measured stage runs
in a fresh process (see :mod:`bench.runner`) with a timeout, and a stage that times out or
fails is reported as such instead of stopping the run. The whole run keeps to a time budget
(14 minutes, for "within 15 minutes on the 2-core machine"): the smallest size first, then the
preview size (1,000) and its preview rebuild, then the largest size — its build first, with
what is left — then sizes in between (500) if time remains, and the kits last. Sizes that
miss the budget are reported as stopped or skipped. ``--profile`` runs the pyinstrument
profiles instead (several minutes more).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
KIT_RESERVE = 60.0  # seconds every other stage leaves for the kits at the end of the run


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--sizes", type=int, nargs="+", help=f"default {DEFAULT_SIZES}")
    p.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}")
    p.add_argument(
        "--preview-size",
        type=int,
        default=1000,
        help="size for the preview rebuild and the profiles (largest ≤ it is used)",
    )
    p.add_argument(
        "--budget", type=float, default=14 * 60, help="seconds for the whole run (default 840)"
    )
    p.add_argument("--timeout", type=float, default=600, help="at most, per stage, seconds")
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--no-kits", action="store_true")
    p.add_argument(
        "--profile",
        action="store_true",
        help="profile the build and the preview rebuild at --preview-size, only",
    )
    p.add_argument(
        "--baseline-dedup",
        action="store_true",
        help="keep mkdocs-static-i18n's search de-duplication on in the baseline",
    )
    p.add_argument("--work", type=Path, help="keep the generated projects in this folder")
    p.add_argument("--markdown", type=Path, default=REPO / "BENCHMARKS.md")
    p.add_argument("--no-markdown", action="store_true", help="(--quick never writes it)")
    return p.parse_args(argv)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Budget:
    """Seconds left for the run; a stage gets the least of its timeout and what is left."""

    def __init__(self, seconds: float, per_stage: float) -> None:
        self.end = time.perf_counter() + seconds
        self.per_stage = per_stage

    def timeout(self, keep: float = 0.0) -> float:
        """Time for the next stage, keeping ``keep`` seconds for stages after it."""
        return max(0.0, min(self.per_stage, self.end - time.perf_counter() - keep))


def _failed(what: str, r: Run, timeout: float) -> str:
    if r.timed_out:
        return f"{what}: timed out after {timeout:.0f} s"
    return f"{what}: failed (exit {r.returncode}): {r.log_tail[-600:]}"


def _load() -> float:
    return round(os.getloadavg()[0], 1)


class Session:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.notes: list[str] = []
        self.budget = Budget(args.budget, args.timeout)

    def stage(self, name: str, n: int, keep: float = 0.0, **options: Any) -> Run | None:
        timeout = self.budget.timeout(keep + (0.0 if name == "kits" else KIT_RESERVE))
        if timeout < 15:
            self.notes.append(f"{name} at N={n}: skipped, the run's time budget is spent")
            say(f"[{n}] {name}: skipped (time budget)")
            return None
        folder = self.work / str(n)
        r = stage(name, folder / "project", folder, timeout=timeout, **options)
        r.result.setdefault("load_avg", _load())
        if not r.ok:
            self.notes.append(_failed(f"{name} at N={n}", r, timeout))
            say(f"[{n}] {self.notes[-1][:300]}")
        return r

    def baseline(self, n: int, keep: float = 0.0) -> Run | None:
        timeout = self.budget.timeout(keep + KIT_RESERVE)
        folder = self.work / str(n)
        if timeout < 15:
            self.notes.append(f"baseline at N={n}: skipped, the run's time budget is spent")
            return None
        cmd = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(folder / "baseline" / "mkdocs.yml"),
            "-d",
            str(folder / "baseline-site"),
        ]
        r = run(cmd, timeout=timeout, log=folder / "baseline.log", cwd=folder / "baseline")
        if not r.ok:
            self.notes.append(_failed(f"baseline at N={n}", r, timeout))
        return r


def run_order(sizes: list[int], preview_n: int) -> list[int]:
    """Smallest, the preview size, the largest; sizes in between (500) only after them.

    The largest size's build carries three targets and needs most of the time; a size in
    between only refines the per-page ratio, which can be interpolated when it is missing.
    """
    if len(sizes) <= 2:
        return sizes
    first = [sizes[0], preview_n, sizes[-1]]
    return list(dict.fromkeys(first)) + [n for n in sizes if n not in first]


def measure_size(s: Session, n: int, *, last: bool) -> dict[str, Any]:
    folder = s.work / str(n)
    t0 = time.perf_counter()
    gen = generate_project(folder / "project", n)
    say(
        f"[{n}] generated {gen.cases} cases, {gen.modules} modules, {gen.programmes} "
        f"programmes ({gen.words_per_case:.0f} words per case and language) "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    row: dict[str, Any] = {"n": n, "modules": gen.modules, "words": gen.words_per_case}
    # The largest size's build gets what the run has left (but the kits' share).
    b = s.stage("build", n, out=folder / "site")
    if b is not None and b.ok:
        html = report.html_stats(folder / "site")
        pages = sum(1 for _ in (folder / "site").rglob("index.html"))
        row.update(
            build_s=b.wall_s,
            build_cpu_s=b.cpu_s,
            pages=pages,
            ms_per_page=1000 * b.wall_s / max(1, pages),
            build_rss_mb=b.peak_rss_mb,
            build_pss_mb=b.peak_pss_mb,
            build_maxrss_mb=b.maxrss_mb,
            kb_mean=html["mean_kb"],
            kb_max=html["max_kb"],
            html=html,
            build_load_avg=b.result["load_avg"],
        )
        say(
            f"[{n}] build {b.wall_s:.1f} s, {pages} pages, tree peak RSS "
            f"{b.peak_rss_mb:.0f} MB / PSS {b.peak_pss_mb:.0f} MB, HTML {html['mean_kb']} KB "
            f"mean, {html['max_kb']} KB max ({html['max_page']}); load avg {_load()}"
        )
    elif b is not None and b.timed_out:
        row["build_s"] = f">{b.wall_s:.0f}"
        row["build_rss_mb"], row["build_pss_mb"] = b.peak_rss_mb, b.peak_pss_mb
    shutil.rmtree(folder / "site", ignore_errors=True)
    base_dir = None if s.args.no_baseline else folder / "baseline"
    # The largest size: keep some of what is left for the baseline.
    keep = s.budget.timeout() * 0.4 if last else 0.0
    c = s.stage("content", n, keep=keep, baseline=base_dir)
    if c is not None and c.ok:
        res = c.result
        row.update(
            content_s=res["total_s"],
            content_mb=res["self_maxrss_mb"],
            content_detail={k: round(res[k], 2) for k in ("load_s", "plan_s", "render_s")},
        )
        say(
            f"[{n}] content stage {res['total_s']:.1f} s (load {res['load_s']:.1f}, "
            f"render {res['render_s']:.1f}), peak {res['self_maxrss_mb']:.0f} MB"
        )
    if base_dir is not None and (c is None or not c.ok):
        s.notes.append(f"baseline at N={n}: not run (its Markdown comes from the content stage)")
    if base_dir is not None and c is not None and c.ok:
        r = s.baseline(n)
        if r is not None and r.ok:
            html = report.html_stats(folder / "baseline-site")
            row.update(
                baseline_s=r.wall_s,
                baseline_cpu_s=r.cpu_s,
                baseline_rss_mb=r.peak_rss_mb,
                baseline_html=html,
            )
            say(
                f"[{n}] baseline {r.wall_s:.1f} s, peak RSS {r.peak_rss_mb:.0f} MB, "
                f"{html['pages']} pages"
            )
        elif r is not None and r.timed_out:
            row["baseline_s"] = f">{r.wall_s:.0f}"
        shutil.rmtree(folder / "baseline-site", ignore_errors=True)
        shutil.rmtree(folder / "baseline", ignore_errors=True)
    if isinstance(row.get("baseline_s"), float) and isinstance(row.get("build_s"), float):
        row["ratio"] = row["build_s"] / row["baseline_s"]
    if isinstance(row.get("baseline_cpu_s"), float) and isinstance(row.get("build_cpu_s"), float):
        row["cpu_ratio"] = row["build_cpu_s"] / row["baseline_cpu_s"]
    if isinstance(row.get("content_s"), float) and isinstance(row.get("build_s"), float):
        row["content_share"] = row["content_s"] / row["build_s"]
        row["load_share"] = row["content_detail"]["load_s"] / row["build_s"]
    return row


def preview(s: Session, n: int) -> dict[str, Any]:
    out: dict[str, Any] = {"n": n}
    p = s.stage("preview", n)
    if p is not None and p.ok:
        out.update(p.result)
        say(
            f"[{n}] preview rebuild after editing {p.result['edited']}: "
            f"{p.result['rebuild_s']:.1f} s (edit visible: {p.result['edit_visible']})"
        )
    else:
        out["error"] = s.notes[-1] if s.notes else "not measured"
    return out


def kits(s: Session, n: int) -> dict[str, Any]:
    folder = s.work / str(n)
    r = s.stage("kits", n, out=folder / "kits")
    if r is None or not r.ok:
        return {"n": n, "available": None, "error": s.notes[-1] if s.notes else "failed"}
    if r.result.get("available"):
        say(
            f"[{n}] kits: {r.result['pdfs']} PDFs cold in {r.result['cold_s']:.1f} s; "
            f"no-change rebuild {r.result['warm_s']:.1f} s, regenerated "
            f"{r.result['regenerated']}"
        )
    else:
        say(f"[{n}] kits: builder.kits is not available")
    return {"n": n, **r.result}


def profiles(s: Session, n: int) -> list[dict[str, Any]]:
    root = s.work / str(n) / "project"
    titles = {
        "build": f"Full build at N = {n:,}, both languages in one process (workers=1)",
        "preview": f"Preview rebuild after a one-file edit at N = {n:,} (workers=1)",
    }
    out = []
    for what in ("build", "preview"):
        generate_project(root, n)
        r = s.stage("profile", n, out=RESULTS, what=what)
        if r is not None and r.ok:
            out.append({**r.result, "title": titles[what]})
            say(f"[{n}] profiled {what}: {r.result['seconds']} s")
        else:
            out.append(
                {
                    "what": what,
                    "title": titles[what],
                    "error": s.notes[-1] if s.notes else "skipped",
                }
            )
    return out


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
    s = Session(args, work)
    preview_n = max([n for n in sizes if n <= args.preview_size] or [sizes[0]])
    data: dict[str, Any] = {
        "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        "machine": report.machine(),
        "sizes": sizes,
        "load_avg_start": _load(),
    }
    try:
        gen = generate_project(work / "selftest", 5)
        self_test(gen.root)
        say(f"self-test: a generated project of 5 cases is valid; work folder {work}")
        if args.profile:
            data["profiles"] = profiles(s, preview_n)
        else:
            rows = []
            for n in run_order(sizes, preview_n):
                rows.append(measure_size(s, n, last=n == sizes[-1] and len(sizes) > 2))
                if n == preview_n:
                    data["preview"] = preview(s, n)
            rows.sort(key=lambda r: r["n"])
            data["kits"] = (
                {"n": sizes[0], "available": None, "error": "--no-kits"}
                if args.no_kits
                else kits(s, sizes[0])
            )
            data["rows"] = rows
    finally:
        if tmp is not None:
            tmp.cleanup()
    data["notes"] = s.notes
    data["finished"] = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    data["run_s"] = time.perf_counter() - started
    data["load_avg_end"] = _load()
    return finish(data, args)


def finish(data: dict[str, Any], args: argparse.Namespace) -> int:
    if "rows" in data:
        data["content_note"] = (
            f"~{sum(r['words'] for r in data['rows']) / len(data['rows']):.0f} words of running"
            " text per case and language; N/10 modules; N/200 programmes"
        )
        data["targets"] = evaluate(data)
        print(report.table(data["rows"]))
        print()
        print(report.targets_table(data["targets"]))
    for note in data["notes"]:
        print(f"note: {note}")
    name = "profile.json" if args.profile else "latest.json"
    report.write_json(data, RESULTS / name)
    write = not (args.quick or args.no_markdown)
    if write:
        report.write_markdown(data, args.markdown)
    say(
        f"whole run {data['run_s'] / 60:.1f} min; JSON in {RESULTS / name}"
        + (f"; {args.markdown.name} updated" if write else "")
    )
    return 0
