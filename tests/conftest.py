"""Shared fixtures: tiny projects copied into tmp_path, built and checked in-process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent
MINI = HERE / "fixtures" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite the expected output of golden tests"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI (the variable CI is set, as on GitHub and in .ci/run), a browser test that
    skips fails: a missing or broken browser must not pass as green."""
    report = yield
    ci = os.environ.get("CI")
    if (
        report.skipped
        and ci
        and item.get_closest_marker("browser")
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"browser test skipped in CI (CI={ci}): {reason}"
    return report


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English whatever the developer's locale (tests that want German or
    French set the locale themselves)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the tiny fixture project (two languages, two cases, one module)."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    return dest
