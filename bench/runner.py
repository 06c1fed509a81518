"""Run one measured command in a fresh process group, with a timeout and a memory watch.

The command gets its own session, so the whole tree (MkDocs workers included) can be
sampled and, on timeout, stopped together. Every ~0.2 s the sampler sums ``Rss`` and ``Pss``
from ``/proc/<pid>/smaps_rollup`` over the processes of that session: RSS counts pages shared
by forked workers once per process (an upper bound), PSS splits them (the real footprint).
``os.wait4`` gives the tree's ``ru_maxrss`` (largest single process) without polling.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SAMPLE_EVERY = 0.2


@dataclass
class Run:
    ok: bool
    wall_s: float
    timed_out: bool = False
    returncode: int | None = None
    peak_rss_mb: float = 0.0  # sum over the tree, sampled
    peak_pss_mb: float = 0.0
    maxrss_mb: float = 0.0  # largest single process (wait4)
    cpu_s: float = 0.0  # user + system time of the tree (wait4: the child and its children)
    result: dict[str, Any] = field(default_factory=dict)
    log_tail: str = ""


def _session_members(sid: int) -> list[int]:
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 3 and fields[3] == str(sid):  # field 6 of stat: session id
            members.append(int(entry))
    return members


def _memory(pids: list[int]) -> tuple[float, float]:
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def run(
    cmd: list[str],
    *,
    timeout: float,
    log: Path,
    cwd: Path | None = None,
    result_file: Path | None = None,
) -> Run:
    """Run ``cmd``; kill its whole process group after ``timeout`` seconds."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    log.parent.mkdir(parents=True, exist_ok=True)
    if result_file is not None:
        result_file.unlink(missing_ok=True)
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        peak_rss = peak_pss = 0.0
        timed_out = False
        status = usage = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss, pss = _memory(_session_members(proc.pid))
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            if time.perf_counter() - started > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(SAMPLE_EVERY)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timed_out:  # stray grandchildren of a killed tree
            _kill_session(proc.pid)
    text = log.read_text(encoding="utf-8", errors="replace")
    result: dict[str, Any] = {}
    if result_file is not None and result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
    return Run(
        ok=proc.returncode == 0 and not timed_out,
        wall_s=wall,
        timed_out=timed_out,
        returncode=proc.returncode,
        peak_rss_mb=peak_rss,
        peak_pss_mb=peak_pss,
        maxrss_mb=(usage.ru_maxrss / 1024) if usage else 0.0,
        cpu_s=(usage.ru_utime + usage.ru_stime) if usage else 0.0,
        result=result,
        log_tail="\n".join(text.strip().splitlines()[-15:]),
    )


def _kill_session(sid: int) -> None:
    for pid in _session_members(sid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def stage(name: str, root: Path, work: Path, *, timeout: float, **options: Any) -> Run:
    """Run ``python -m bench.stages NAME ROOT RESULT --option value …``."""
    result = work / f"{name}-{root.name}.json"
    cmd = [sys.executable, "-m", "bench.stages", name, str(root), str(result)]
    for key, value in options.items():
        if value is True:
            cmd.append(f"--{key}")
        elif value is not None and value is not False:
            cmd += [f"--{key}", str(value)]
    repo = Path(__file__).resolve().parent.parent
    return run(
        cmd, timeout=timeout, log=work / f"{name}-{root.name}.log", cwd=repo, result_file=result
    )
