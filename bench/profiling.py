"""pyinstrument profiles and the hotspot tables written into BENCHMARKS.md.

A hotspot is a function (file and name), with its time summed over every call stack it
appears in. "Self" time is spent in the function's own code; "total" time includes what it
calls, counted once per stack even when the function recurses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

Key = tuple[str, str]  # (short file path, function)


def _walk(
    frame: Any, active: set[Key], self_t: dict[Key, float], total_t: dict[Key, float]
) -> None:
    key = (str(frame.file_path_short or ""), str(frame.function))
    self_t[key] += frame.total_self_time
    outer = key not in active
    if outer:
        total_t[key] += frame.time
        active.add(key)
    for child in frame.children:
        _walk(child, active, self_t, total_t)
    if outer:
        active.discard(key)


def hotspots(root: Any, limit: int = 12) -> dict[str, list[dict[str, Any]]]:
    self_t: dict[Key, float] = defaultdict(float)
    total_t: dict[Key, float] = defaultdict(float)
    _walk(root, set(), self_t, total_t)
    everything = root.time or 1.0

    def rows(table: dict[Key, float], keep: Callable[[Key], bool]) -> list[dict[str, Any]]:
        best = sorted(((t, k) for k, t in table.items() if keep(k)), reverse=True)[:limit]
        return [
            {
                "function": k[1],
                "file": k[0],
                "seconds": round(t, 2),
                "share": round(t / everything, 3),
            }
            for t, k in best
        ]

    ours = ("builder/", "builder\\")
    return {
        "self": rows(self_t, lambda k: not k[1].startswith("[")),
        "builder_total": rows(total_t, lambda k: any(p in k[0] for p in ours)),
    }


def profile_call(call: Callable[[], None], out: Path, what: str) -> dict[str, Any]:
    """Profile ``call()``; write ``profile-<what>.html`` and ``.txt`` into ``out``."""
    from pyinstrument import Profiler

    out.mkdir(parents=True, exist_ok=True)
    profiler = Profiler(interval=0.002)
    profiler.start()
    call()
    session = profiler.stop()
    (out / f"profile-{what}.html").write_text(profiler.output_html(), encoding="utf-8")
    (out / f"profile-{what}.txt").write_text(
        profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8"
    )
    root = session.root_frame()
    return {
        "what": what,
        "seconds": round(session.duration, 2),
        **(hotspots(root) if root is not None else {"self": [], "builder_total": []}),
    }
