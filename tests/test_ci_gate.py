"""In CI a browser test must run: a skipped one (no browser, a broken install) fails the
run, so a red build says what a green one would hide. Checked on a tiny test suite that
uses this project's conftest, with and without the CI variable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

SUITE = """
import pytest

@pytest.mark.browser
def test_needs_a_browser():
    pytest.skip("no browser found")

def test_skips_for_another_reason():
    pytest.skip("not a browser test")

@pytest.mark.browser
def test_runs():
    pass
"""


def _run(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "CI"} | env
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        capture_output=True,
        text=True,
        env=environ,
        cwd=folder,
        check=False,
    )


def test_a_skipped_browser_test_fails_only_in_ci(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(HERE / "conftest.py", suite / "conftest.py")
    (suite / "pytest.ini").write_text("[pytest]\nmarkers =\n    browser: needs a browser\n")
    (suite / "test_gate.py").write_text(SUITE, encoding="utf-8")
    local = _run(suite)
    assert local.returncode == 0, local.stdout
    assert "1 passed, 2 skipped" in local.stdout
    ci = _run(suite, CI="true")
    assert ci.returncode == 1, ci.stdout
    assert "1 failed, 1 passed, 1 skipped" in ci.stdout
    assert "browser test skipped in CI (CI=true): Skipped: no browser found" in ci.stdout
