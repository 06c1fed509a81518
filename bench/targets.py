"""The targets of issue 8, checked against one run's measurements.

Each target says what was measured and whether it holds (``None``: not measured in this
run, e.g. ``--quick`` has no 5,000 size).
"""

from __future__ import annotations

from typing import Any

BIG, MID = 5000, 500


def _row(data: dict[str, Any], n: int) -> dict[str, Any] | None:
    return next((r for r in data["rows"] if r["n"] == n), None)


def _num(row: dict[str, Any] | None, key: str) -> float | None:
    value = row.get(key) if row else None
    return value if isinstance(value, int | float) else None


def _largest_with(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The largest size where ``key`` was measured."""
    rows = [r for r in data["rows"] if isinstance(r.get(key), int | float)]
    return max(rows, key=lambda r: r["n"]) if rows else None


def _per_page_at(data: dict[str, Any], n: int) -> tuple[float | None, str]:
    """ms per page at size n: measured, else interpolated linearly in N between neighbours."""
    if (got := _num(_row(data, n), "ms_per_page")) is not None:
        return got, "measured"
    known = sorted(
        (r["n"], r["ms_per_page"])
        for r in data["rows"]
        if isinstance(r.get("ms_per_page"), int | float)
    )
    below = [k for k in known if k[0] < n]
    above = [k for k in known if k[0] > n]
    if not below or not above:
        return None, ""
    (n0, v0), (n1, v1) = below[-1], above[0]
    return v0 + (v1 - v0) * (n - n0) / (n1 - n0), f"interpolated from N={n0} and N={n1}"


def evaluate(data: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(target: str, measured: str, holds: bool | None) -> None:
        out.append({"target": target, "measured": measured, "holds": holds})

    big = _row(data, BIG)
    at_big, _ = _per_page_at(data, BIG)
    at_mid, how = _per_page_at(data, MID)
    if at_big is not None and at_mid is not None:
        ratio = at_big / at_mid
        add(
            "per-page cost at 5,000 ≤ 1.2 × at 500",
            f"{at_big:.2f} vs {at_mid:.2f} ms/page ({how}): {ratio:.2f}×",
            ratio <= 1.2,
        )
    else:
        add("per-page cost at 5,000 ≤ 1.2 × at 500", "sizes not measured", None)
    ratios = [(r["n"], r["ratio"]) for r in data["rows"] if isinstance(r.get("ratio"), float)]
    if ratios:
        n, ratio = ratios[-1]
        others = ", ".join(f"{r:.2f} at {k}" for k, r in ratios[:-1])
        add(
            "full bilingual build ≤ 0.65 × baseline (2 cores)",
            f"{ratio:.2f} at N={n}" + (f" ({others})" if others else ""),
            ratio <= 0.65,
        )
    else:
        add("full bilingual build ≤ 0.65 × baseline (2 cores)", "not measured", None)
    largest = _largest_with(data, "content_share")
    share = _num(largest, "content_share")
    load = _num(largest, "load_share")
    add(
        "content stage ≤ 5 % of the build",
        (
            f"{share:.1%} at N={largest['n']} (one process, both languages, rendering included;"
            f" loading and validating alone: {load:.1%})"
            if share is not None and largest and load is not None
            else f"{share:.1%} at N={largest['n']}"
            if share is not None and largest
            else "not measured"
        ),
        share <= 0.05 if share is not None else None,
    )
    build_s, rss, pss = _num(big, "build_s"), _num(big, "build_rss_mb"), _num(big, "build_pss_mb")
    stopped = big.get("build_s") if big and isinstance(big.get("build_s"), str) else None
    if build_s is not None:
        add("5,000 cases, both languages: < 2 min", f"{build_s:.0f} s", build_s < 120)
    elif stopped:
        add(
            "5,000 cases, both languages: < 2 min",
            f"stopped after {stopped[1:]} s",
            False if float(stopped[1:]) >= 120 else None,
        )
    else:
        add("5,000 cases, both languages: < 2 min", "not measured", None)
    if rss is not None and pss is not None:
        over = pss >= 1024 or (stopped is not None and pss >= 1024)
        add(
            "5,000 cases, both languages: < 1 GB peak memory",
            f"tree PSS {pss:.0f} MB, tree RSS {rss:.0f} MB"
            + (" (until stopped)" if stopped else ""),
            not over if not stopped or over else None,
        )
    else:
        add("5,000 cases, both languages: < 1 GB peak memory", "not measured", None)
    prev = data.get("preview") or {}
    if isinstance(prev.get("rebuild_s"), float):
        add(
            f"preview rebuild after a one-file edit at {prev['n']:,} ≤ 5 s",
            f"{prev['rebuild_s']:.2f} s (edit visible: {prev['edit_visible']})",
            prev["rebuild_s"] <= 5 and prev["edit_visible"],
        )
    else:
        add("preview rebuild after a one-file edit ≤ 5 s", prev.get("error", "not measured"), None)
    largest = _largest_with(data, "kb_max")
    kb_max, kb_mean = _num(largest, "kb_max"), _num(largest, "kb_mean")
    if kb_max is not None and kb_mean is not None and largest:
        html = largest["html"]
        add(
            "≤ 60 KB of HTML per page",
            f"mean {kb_mean} KB, max {kb_max} KB at N={largest['n']}; "
            f"{html['over_limit']} of {html['pages']} pages over",
            kb_max <= 60,
        )
    kit = data.get("kits") or {}
    if kit.get("available"):
        add(
            "no-change kit rebuild regenerates 0",
            f"{kit['regenerated']} of {kit['pdfs']} (N={kit['n']}, counted by {kit['counted_by']})",
            kit["regenerated"] == 0,
        )
    else:
        add(
            "no-change kit rebuild regenerates 0",
            kit.get("error", "builder.kits not available"),
            None,
        )
    return out
