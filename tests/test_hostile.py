"""Hostile contributions: each file in tests/hostile/ is put into a copy of the mini project.

A case file starts with directives, then holds the content written to its target:

* ``# target: PATH`` where the content goes (may repeat);
* ``# mode: check`` (default): ``check`` must exit 1 and print exactly the ``# expect:``
  lines as its errors — no traceback, within a time and memory bound;
* ``# mode: build``: ``build`` must exit 1 and print every ``# expect:`` line, leaving no site;
* ``# mode: render``: ``check`` passes, the site builds, every ``# require:`` text reaches a
  page, no ``# forbid-text:`` text does, and no page carries live markup from the content
  (script, event handler, javascript:/vbscript:/data: URL). With Chromium, the pages showing
  the content and a search for it run no injected code;
* ``# setup: …`` prepares what a file cannot say (links leading outside, padding, encoding).

Refresh the ``# expect:`` lines with ``pytest tests/test_hostile.py --update-golden``.
"""

from __future__ import annotations

import html
import re
import shutil
import signal
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from builder.cli import main
from builder.load import MAX_BYTES

from .built_sites import MINI, BuiltSite, build_into

HOSTILE = Path(__file__).parent / "hostile"
CASES = sorted(HOSTILE.glob("*.yml"))
SECONDS = 60  # generous: a hostile input must not hang the build
PEAK_BYTES = 256 * 1024 * 1024  # Python allocations while checking one project
DIRECTIVE = re.compile(r"^# (target|mode|setup|expect|require|forbid-text|why): (.*)$")


@dataclass
class Case:
    path: Path
    targets: list[str] = field(default_factory=list)
    mode: str = "check"
    setup: list[str] = field(default_factory=list)
    expect: list[str] = field(default_factory=list)
    require: list[str] = field(default_factory=list)
    forbid_text: list[str] = field(default_factory=list)
    body: str = ""


def parse_case(path: Path) -> Case:
    case = Case(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = DIRECTIVE.match(line.rstrip("\n"))
        if not m:
            case.body = "".join(lines[i:])
            break
        key, value = m.groups()
        if key == "target":
            case.targets.append(value)
        elif key == "mode":
            case.mode = value
        elif key in ("setup", "expect", "require"):
            getattr(case, key).append(value)
        elif key == "forbid-text":
            case.forbid_text.append(value)
    return case


def install(case: Case, root: Path, outside: Path) -> None:
    """Write the case's content into the project at ``root`` (``outside`` is elsewhere)."""
    data = case.body.replace("{ESC}", "\x1b").encode(
        "latin-1" if "encode-latin-1" in case.setup else "utf-8"
    )
    if "pad-to-limit" in case.setup:
        data += b"# " + b"x" * MAX_BYTES + b"\n"
    outside.mkdir(exist_ok=True)
    for target in case.targets:
        dest = root / target
        if "symlink-outside" in case.setup:
            real = outside / dest.name
            real.write_bytes(data)
            dest.unlink(missing_ok=True)
            dest.symlink_to(real)
        elif "linked-folder" in case.setup:
            moved = outside / dest.parent.name
            shutil.move(dest.parent, moved)
            (moved / dest.name).write_bytes(data)
            dest.parent.symlink_to(moved, target_is_directory=True)
        else:
            dest.write_bytes(data)
    for step in case.setup:
        if step.startswith("symlink-image "):
            link = root / step.split()[1]
            link.parent.mkdir(parents=True, exist_ok=True)
            secret = outside / "secret.jpg"
            secret.write_bytes(b"\xff\xd8\xff secret")
            link.symlink_to(secret)


@contextmanager
def bounded(seconds: int = SECONDS, *, memory: bool = True) -> Iterator[dict[str, int]]:
    """Fail when the block runs longer than ``seconds``; report its peak Python memory."""

    def too_slow(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    stats = {"peak": 0}
    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    if memory:
        tracemalloc.start()
    try:
        yield stats
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        if memory:
            stats["peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()


def _update_expectations(case: Case, errors: list[str]) -> None:
    text = case.path.read_text(encoding="utf-8")
    head, body = text[: len(text) - len(case.body)], case.body
    kept = [line for line in head.splitlines() if not line.startswith("# expect: ")]
    case.path.write_text(
        "\n".join(kept + [f"# expect: {e}" for e in errors]) + "\n" + body, encoding="utf-8"
    )


def _project(tmp_path: Path, case: Case) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".cache"))
    install(case, root, tmp_path / "outside")
    return root


CHECK_CASES = [c for c in CASES if parse_case(c).mode in ("check", "build")]
RENDER_CASES = [c for c in CASES if parse_case(c).mode == "render"]


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 20
    for path in CASES:
        case = parse_case(path)
        assert case.targets and case.body, path.name
        assert case.expect or case.mode == "render", f"{path.name}: no `# expect:` line"
        assert case.require or case.mode != "render", f"{path.name}: no `# require:` line"


@pytest.mark.parametrize("path", CHECK_CASES, ids=[c.stem for c in CHECK_CASES])
def test_hostile_input_is_refused_with_a_clear_message(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_golden: bool
) -> None:
    case = parse_case(path)
    root = _project(tmp_path, case)
    command = "check" if case.mode == "check" else "build"
    argv = ["--root", str(root), command] + (["--no-kits"] if command == "build" else [])
    with bounded(memory=command == "check") as stats:
        code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    assert code == 1, err
    errors = [line for line in err.splitlines() if ": error: " in line]
    if update_golden:
        _update_expectations(case, errors)
        return
    if command == "check":
        assert errors == case.expect, err
        assert stats["peak"] < PEAK_BYTES, f"peak memory {stats['peak']:,} bytes"
    else:
        for line in case.expect:
            assert line in err.splitlines(), err
        assert not (root / "site").exists()
        assert not list(root.glob(".site-*"))


# -- render cases ------------------------------------------------------------------------------

DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data|livescript)\s*:", re.I)
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "srcset",
    "background",
    "ping",
}


class _LiveMarkup(HTMLParser):
    """Finds what of a payload became live markup: a script mentioning ``pwned``, an event
    handler, a dangerous URL, an element hostile content must never create."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "pwned" in value:
                self.found.append(f"{self.where}: <{tag} {name}={value!r}>")
            # The parser has decoded the value once, as a browser does; browsers also drop
            # tabs and line breaks inside URLs.
            if name in URL_ATTRS and DANGEROUS_URL.match(re.sub(r"[\t\n\r]", "", value)):
                self.found.append(f"{self.where}: <{tag} {name}={value!r}>")
            if name == "style" and "pwned" in value:
                self.found.append(f"{self.where}: <{tag} style={value!r}>")
        if tag in ("iframe", "object", "embed", "form", "base", "svg") and any(
            "pwned" in (v or "") for _, v in attrs
        ):
            self.found.append(f"{self.where}: <{tag}> from the content")
        self._script = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "pwned" in data:
            self.found.append(f"{self.where}: live <script>/<style> with {data.strip()[:60]!r}")


_built: dict[str, BuiltSite] = {}


def _render(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> BuiltSite:
    case = parse_case(path)
    root = _project(tmp_path, case)
    with bounded(memory=False):
        code = main(["--root", str(root), "check"])
        err = capsys.readouterr().err
        assert code == 0 and "Traceback" not in err, err
        built = build_into(root, tmp_path)
    _built[path.stem] = built
    return built


@pytest.mark.parametrize("path", RENDER_CASES, ids=[c.stem for c in RENDER_CASES])
def test_hostile_content_renders_as_text(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = parse_case(path)
    built = _render(path, tmp_path, capsys)
    live: list[str] = []
    texts: list[str] = []
    for file in sorted(built.site.rglob("*")):
        if file.suffix not in (".html", ".json", ".xml"):
            continue
        text = file.read_text(encoding="utf-8")
        texts.append(html.unescape(text))
        if file.suffix == ".html":
            parser = _LiveMarkup(file.relative_to(built.site).as_posix())
            parser.feed(text)
            parser.close()
            live += parser.found
    everything = "\n".join(texts)
    assert not live, "live markup from the content:\n" + "\n".join(live)
    for wanted in case.require:
        assert wanted in everything, f"{wanted!r} reached no page"
    for unwanted in case.forbid_text:
        assert unwanted not in everything, f"{unwanted!r} is on a page"
    assert not re.search(r"^(javascript|vbscript|data):", everything, re.I | re.M)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from .browser import browser

    with browser() as instance:
        yield instance


@pytest.mark.browser
@pytest.mark.parametrize("path", RENDER_CASES, ids=[c.stem for c in RENDER_CASES])
def test_hostile_content_runs_no_code_in_the_browser(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], chromium: Any
) -> None:
    """Event handlers that need a hover or a click are ruled out by the parser above; here
    the pages and a search for the content must not run anything while loading."""
    from .browser import serve

    case = parse_case(path)
    built = _built.get(path.stem) or _render(path, tmp_path, capsys)
    probe = case.require[0].split()[0]
    pages = [
        p
        for p in built.pages()
        if p.endswith("/") and probe in (built.site / p / "index.html").read_text(encoding="utf-8")
    ]
    assert pages
    with serve(built.serve_root) as base:
        context = chromium.new_context()
        context.add_init_script("window.pwned = () => { window.__pwned = 1 }")
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        ran: list[str] = []
        site = base + built.prefix.lstrip("/")
        for rel in pages:
            page.goto(site + rel, wait_until="load")
            if page.evaluate("window.__pwned"):
                ran.append(rel)
        page.goto(site + pages[0].split("/")[0] + "/", wait_until="load")
        page.click("input.md-search__input")
        page.keyboard.type(probe, delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        if page.evaluate("window.__pwned"):
            ran.append("search results")
        context.close()
    assert not ran and not dialogs, f"injected code ran on {ran} (dialogs: {dialogs})"


def test_the_live_markup_detector_works() -> None:
    parser = _LiveMarkup("page.html")
    parser.feed(
        "<p>&lt;script&gt;pwned()&lt;/script&gt; text onerror=pwned()</p>"
        '<a href="java&amp;#x09;script:x">relative, harmless</a>'
        '<img src=x onerror="pwned()"><a href="JaVa&#x09;Script:pwned()">x</a>'
        '<script>pwned()</script><a href=" data:text/html,x">y</a>'
    )
    assert parser.found == [
        "page.html: <img onerror='pwned()'>",
        "page.html: <a href='JaVa\\tScript:pwned()'>",
        "page.html: live <script>/<style> with 'pwned()'",
        "page.html: <a href=' data:text/html,x'>",
    ]
