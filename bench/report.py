"""The results: a table on the terminal, JSON, and the generated part of BENCHMARKS.md.

Each command rewrites only its own section of BENCHMARKS.md, between
``<!-- bench:results:begin -->`` and ``<!-- bench:results:end -->`` (or ``bench:profile:…``),
so the other section and the notes written by hand survive a new run.
"""

from __future__ import annotations

import json
import os
import platform
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

PAGE_LIMIT_KB = 60


def machine() -> dict[str, Any]:
    def pkg(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    cpu = ""
    try:
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    except (OSError, TypeError):
        mem_kb = 0
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu or platform.processor(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": pkg("mkdocs"),
        "material": pkg("mkdocs-material"),
        "static_i18n": pkg("mkdocs-static-i18n"),
        "pyinstrument": pkg("pyinstrument"),
    }


def html_stats(site: Path) -> dict[str, Any]:
    """Size of every HTML page of a built site (the search indexes counted apart)."""
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    if not pages:
        return {"pages": 0}
    biggest = max(pages)
    over = sorted(((s, p) for s, p in pages if s > PAGE_LIMIT_KB * 1024), reverse=True)
    search = [p.stat().st_size for p in site.rglob("search_index.json")]
    return {
        "pages": len(pages),
        "total_mb": round(sum(s for s, _ in pages) / 2**20, 1),
        "mean_kb": round(sum(s for s, _ in pages) / len(pages) / 1024, 1),
        "max_kb": round(biggest[0] / 1024, 1),
        "max_page": biggest[1].relative_to(site).as_posix(),
        "over_limit": len(over),
        "over_limit_pages": [
            f"{p.relative_to(site).as_posix()} ({s / 1024:.0f} KB)" for s, p in over[:6]
        ],
        "search_index_mb": round(sum(search) / 2**20, 1),
    }


def _fmt(value: Any, spec: str = ".1f") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return format(value, spec)


COLUMNS = [
    ("N", "n", "d"),
    ("pages", "pages", "d"),
    ("content s", "content_s", ".2f"),
    ("content MB", "content_mb", ".0f"),
    ("build s", "build_s", ".1f"),
    ("ms/page", "ms_per_page", ".1f"),
    ("build CPU s", "build_cpu_s", ".0f"),
    ("tree RSS MB", "build_rss_mb", ".0f"),
    ("tree PSS MB", "build_pss_mb", ".0f"),
    ("baseline s", "baseline_s", ".1f"),
    ("base CPU s", "baseline_cpu_s", ".0f"),
    ("build/base", "ratio", ".2f"),
    ("CPU ratio", "cpu_ratio", ".2f"),
    ("content %", "content_share", ".1%"),
    ("KB/page", "kb_mean", ".1f"),
    ("max KB", "kb_max", ".0f"),
]


def table(rows: list[dict[str, Any]]) -> str:
    cells = [[name for name, _, _ in COLUMNS]]
    cells += [[_fmt(row.get(key), spec) for _, key, spec in COLUMNS] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    lines = [
        "| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    return "\n".join(lines)


def targets_table(targets: list[dict[str, Any]]) -> str:
    lines = ["| target | measured | holds |", "|---|---|---|"]
    for t in targets:
        mark = {True: "yes", False: "**no**", None: "n/a"}[t["holds"]]
        lines.append(f"| {t['target']} | {t['measured']} | {mark} |")
    return "\n".join(lines)


def write_json(data: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), "utf-8")


def _hotspots_md(profiles: list[dict[str, Any]]) -> str:
    out = []
    for prof in profiles:
        if "self" not in prof:
            out.append(
                f"*{prof.get('title', prof.get('what'))}: {prof.get('error', 'not profiled')}*\n"
            )
            continue
        out.append(
            f"**{prof['title']}** — {prof['seconds']} s under the profiler "
            f"(`bench/results/profile-{prof['what']}.html`, `.txt`)\n"
        )
        out.append("| self time: function | file | s | share |\n|---|---|---:|---:|")
        out += [
            f"| `{r['function']}` | {r['file']} | {r['seconds']} | {r['share']:.0%} |"
            for r in prof["self"][:12]
        ]
        out.append(
            "\n| total time, builder code: function | file | s | share |\n|---|---|---:|---:|"
        )
        out += [
            f"| `{r['function']}` | {r['file']} | {r['seconds']} | {r['share']:.0%} |"
            for r in prof["builder_total"][:14]
        ]
        out.append("")
    return "\n".join(out)


def _machine_md(data: dict[str, Any]) -> list[str]:
    m = data["machine"]
    return [
        f"- **Machine**: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, {m['os']}; "
        f"load average {data.get('load_avg_start')} at the start, "
        f"{data.get('load_avg_end')} at the end (other work on the machine slows every stage)",
        f"- **Software**: Python {m['python']}, MkDocs {m['mkdocs']}, Material "
        f"{m['material']}, mkdocs-static-i18n {m['static_i18n']}, pyinstrument "
        f"{m['pyinstrument']}",
        f"- **Command**: `{data['command']}` — {data['finished']}, "
        f"whole run {data['run_s'] / 60:.1f} min",
    ]


def results_section(data: dict[str, Any]) -> str:
    parts = [
        "## Latest run\n",
        *_machine_md(data),
        f"- **Content**: {data['content_note']}\n",
        "### Sizes\n",
        table(data["rows"]),
        "",
        "Columns: *pages* = HTML pages written (both languages); *content* = load + validate +"
        " plan + render every generated page in both languages, one process; *build* = "
        "`build_site(kits=False)` wall time, languages in parallel; *CPU s* = user + system time"
        " of the whole process tree (less sensitive than wall time to other work on the "
        "machine); *CPU ratio* = build CPU ÷ baseline CPU; *tree RSS/PSS* = peak of the"
        " build's whole process tree (RSS counts memory shared by forked workers once per "
        "process, PSS shares it out); *baseline* = the same Markdown built by plain MkDocs + "
        "Material + mkdocs-static-i18n 1.3.1 (`python -m mkdocs build`, small navigation); "
        "*content %* = content stage ÷ build; *KB/page* = mean HTML page, *max KB* = largest. "
        "`>X` = stopped after X s (stage timeout or the run's time budget).\n",
    ]
    prev, kit = data.get("preview") or {}, data.get("kits") or {}
    if isinstance(prev.get("rebuild_s"), float):
        parts.append(
            f"Preview (`make serve`) rebuild after editing one case study at N = "
            f"{prev['n']:,}: **{prev['rebuild_s']:.1f} s**.\n"
        )
    if kit.get("available"):
        parts.append(
            f"Kits at N = {kit['n']} ({kit['modules']} modules, {kit['programmes']} "
            f"programmes): {kit['pdfs']} PDFs from cold in {kit['cold_s']:.1f} s; "
            f"rebuild with nothing changed {kit['warm_s']:.1f} s, "
            f"{kit['regenerated']} regenerated.\n"
        )
    parts += ["### Targets (issue 8)\n", targets_table(data["targets"]), ""]
    if data.get("notes"):
        parts += ["### Notes from this run\n", *[f"- {n}" for n in data["notes"]], ""]
    return "\n".join(parts)


def profile_section(data: dict[str, Any]) -> str:
    return "\n".join(
        [
            "## Profile (`python -m bench --profile`)\n",
            *_machine_md(data),
            "",
            _hotspots_md(data["profiles"]),
        ]
    )


INTRO = (
    "# Benchmarks\n\n`make bench` (= `python -m bench`) generates synthetic projects of N "
    "case studies (N/10 workshop modules, both languages, ~600–700 words per page and "
    "language) in a temporary folder and measures the pipeline against the plain MkDocs "
    "baseline; `python -m bench --profile` profiles the build and the preview rebuild. "
    "The sections between `bench:` markers are rewritten by those commands; the rest of "
    "this file is written by hand and kept.\n\n"
)


def write_markdown(data: dict[str, Any], path: Path) -> None:
    """Rewrite this run's section of BENCHMARKS.md, keep everything else."""
    name = "profile" if "profiles" in data and "rows" not in data else "results"
    body = profile_section(data) if name == "profile" else results_section(data)
    begin, end = f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"
    block = f"{begin}\n{body}\n{end}"
    text = path.read_text("utf-8") if path.exists() else INTRO
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
