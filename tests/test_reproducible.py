"""Reproducible builds: two builds of the same content give byte-identical files.

The second build runs in another process, from a copy of the project at another path, with
another hash seed (set and dict order), time zone, locale, number of workers and a clock ten
years back (``SOURCE_DATE_EPOCH`` too): any build date, random id, absolute path or ordering
that leaks into the output shows up as a differing file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.build import build_site
from builder.config import load_config

from .built_sites import MINI, REPO, real_site_checked

_OTHER_CLOCK = """
import datetime as _dt, sys, time as _time
_shift = -10 * 365 * 86400
_real = _time.time
_time.time = lambda: _real() + _shift
_time.time_ns = lambda: int((_real() + _shift) * 1e9)
_real_date, _real_datetime = _dt.date, _dt.datetime
class _Real(type):
    # Dates made before the swap, or by C code (pydantic, Babel's checks), are still dates.
    def __instancecheck__(cls, obj):
        return isinstance(obj, _real_datetime if cls.__name__ == "_DateTime" else _real_date)
class _DateTime(_dt.datetime, metaclass=_Real):
    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(_time.time(), tz)
    @classmethod
    def utcnow(cls):
        return _dt.datetime.fromtimestamp(_time.time(), _dt.timezone.utc).replace(tzinfo=None)
class _Date(_dt.date, metaclass=_Real):
    @classmethod
    def today(cls):
        return _dt.date.fromtimestamp(_time.time())
_dt.datetime, _dt.date = _DateTime, _Date
from pathlib import Path
from builder.build import build_site
from builder.config import load_config
build_site(load_config(Path(sys.argv[1])), kits=sys.argv[3] == "kits", out=Path(sys.argv[2]),
           workers=2)
"""


def _build_elsewhere(project: Path, out: Path, *, kits: bool) -> None:
    env = dict(
        os.environ,
        PYTHONHASHSEED="4242",
        TZ="Pacific/Auckland",
        LC_ALL="C.UTF-8",
        LANG="C.UTF-8",
        SOURCE_DATE_EPOCH="946684800",
    )
    result = subprocess.run(
        [sys.executable, "-c", _OTHER_CLOCK, str(project), str(out), "kits" if kits else "-"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def differences(a: Path, b: Path) -> list[str]:
    """Files missing on one side or whose bytes differ, by relative path."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in the first build: {f}" for f in sorted(files_a - files_b)]
    out += [f"only in the second build: {f}" for f in sorted(files_b - files_a)]
    out += [
        f"differs: {f}"
        for f in sorted(files_a & files_b)
        if (a / f).read_bytes() != (b / f).read_bytes()
    ]
    return out


def _copy(source: Path, dest: Path) -> Path:
    shutil.copytree(
        source,
        dest,
        ignore=shutil.ignore_patterns(
            "site", ".cache", ".git", ".venv", "tests", "bench", ".site-*"
        ),
    )
    return dest


def _two_builds(source: Path, tmp_path: Path, *, kits: bool) -> list[str]:
    first = build_site(
        load_config(_copy(source, tmp_path / "one" / "project")),
        kits=kits,
        out=tmp_path / "one" / "site",
        workers=1,
    )
    second = tmp_path / "two-elsewhere" / "out"
    _build_elsewhere(_copy(source, tmp_path / "two-elsewhere" / "p"), second, kits=kits)
    return differences(first, second)


def test_two_builds_of_the_mini_site_are_identical(tmp_path: Path) -> None:
    diff = _two_builds(MINI, tmp_path, kits=False)
    assert not diff, "the builds differ:\n" + "\n".join(diff)


def test_a_quoted_review_date_builds_under_the_other_clock(tmp_path: Path) -> None:
    """`last_reviewed: '2026-11-01'` (quoted: pydantic makes the date, not YAML) is as valid
    as the plain form and must build under the replaced clock too (it once failed there)."""
    project = _copy(MINI, tmp_path / "quoted")
    case = project / "case_studies" / "beta.yml"
    text = case.read_text(encoding="utf-8")
    assert "last_reviewed: 2026-11-01" in text
    case.write_text(
        text.replace("last_reviewed: 2026-11-01", "last_reviewed: '2026-11-01'"), "utf-8"
    )
    diff = _two_builds(project, tmp_path / "builds", kits=False)
    assert not diff, "the builds differ:\n" + "\n".join(diff)


@pytest.mark.slow
def test_two_builds_with_kits_are_identical(tmp_path: Path) -> None:
    diff = _two_builds(MINI, tmp_path, kits=True)
    assert not diff, "the builds differ:\n" + "\n".join(diff)
    assert list((tmp_path / "one" / "site" / "kits").glob("*.pdf"))


@pytest.mark.slow
def test_two_builds_of_the_real_site_are_identical(tmp_path: Path) -> None:
    real_site_checked()
    diff = _two_builds(REPO, tmp_path, kits=False)
    assert not diff, "the builds differ:\n" + "\n".join(diff)


def test_the_comparison_reports_what_differs(tmp_path: Path) -> None:
    for side, text in (("a", "one"), ("b", "two")):
        (tmp_path / side / "x").mkdir(parents=True)
        (tmp_path / side / "x" / "page.html").write_text(text, encoding="utf-8")
        (tmp_path / side / "same.txt").write_text("same", encoding="utf-8")
    (tmp_path / "a" / "sitemap.xml.gz").write_bytes(b"\x1f\x8b")
    assert differences(tmp_path / "a", tmp_path / "b") == [
        "only in the first build: sitemap.xml.gz",
        "differs: x/page.html",
    ]
