"""Checkers nobody here wrote, run on built sites: the W3C Nu HTML checker (npm `vnu-jar`,
run with Java) and pa11y (npm, HTML_CodeSniffer with the system's Chromium).

Both come from the repository's package.json (`npm ci`; `.ci/run` does it, with Java from
Debian's `default-jre-headless`). Without them a test is skipped with what to install — but
not under CI (``CI`` set), where a missing checker fails the test: a gate must not pass by
not running.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .browser import chromium_path

REPO = Path(__file__).parent.parent
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y_PAGES = Path(__file__).parent / "tools" / "pa11y-pages.mjs"
INSTALL = (
    "install the checkers with `npm ci` at the repository root "
    "(and Java: `apt-get install default-jre-headless`); .ci/run does both"
)


def missing(what: str) -> None:
    """Skip (fail under CI) because ``what`` is not installed."""
    message = f"{what} not found: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


def nu_check(site: Path) -> list[dict[str, Any]]:
    """The Nu checker's errors on every HTML file under ``site``."""
    java = shutil.which("java")
    if java is None:
        missing("Java (for the Nu HTML checker)")
    if not VNU_JAR.is_file():
        missing("the Nu HTML checker (npm package vnu-jar)")
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        pytest.fail(f"the Nu checker did not answer in JSON:\n{run.stderr[:2000]}")
    return [m for m in messages if m.get("type") == "error"]


def pa11y(urls: list[str]) -> dict[str, list[dict[str, Any]]]:
    """pa11y's errors (HTML_CodeSniffer, WCAG2AA; tests/tools/pa11y.json) per URL."""
    node = shutil.which("node")
    if node is None:
        missing("Node.js (for pa11y)")
    if not (REPO / "node_modules" / "pa11y").is_dir():
        missing("pa11y (npm package)")
    chromium = chromium_path()
    if chromium is None:
        missing("Chromium (apt-get install chromium)")
    run = subprocess.run(
        [node, str(PA11Y_PAGES), *urls],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={**os.environ, "CHROMIUM": str(chromium)},
    )
    if run.returncode != 0:
        pytest.fail(f"pa11y failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    found: dict[str, list[dict[str, Any]]] = json.loads(run.stdout)
    return found


def describe_nu(errors: list[dict[str, Any]], root: Path) -> str:
    lines = []
    for e in errors[:60]:
        where = str(e.get("url", "")).removeprefix("file:").removeprefix(str(root) + "/")
        extract = " ".join(str(e.get("extract", "")).split())[:120]
        lines.append(f"{where}:{e.get('lastLine', '?')}: {e.get('message')}\n    {extract}")
    if len(errors) > 60:
        lines.append(f"… and {len(errors) - 60} more")
    return "\n".join(lines)


def describe_pa11y(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for url, issues in found.items():
        for issue in issues[:10]:
            lines.append(
                f"{url}: {issue['code']}\n    {issue['message']}\n    at {issue['selector']}"
            )
    return "\n".join(lines)
