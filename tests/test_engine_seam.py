"""The seam between the pipeline and the site engine (issue 16): no import cycle, no build
state in module globals, only the adapter imports the engine, the adapter's hooks as pure
functions with golden expectations, ProperDocs as a second engine, the plain export."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.build import build_site, checked_catalog
from builder.config import load_config
from builder.engine import engine_settings, page_alternates
from builder.site import build_plan

from .conftest import HERE, REPO

BUILDER = REPO / "builder"
GOLDEN = HERE / "golden" / "engine"


# -- structure --------------------------------------------------------------------------------
def _imports() -> dict[str, set[str]]:
    """Module -> the builder modules it imports, anywhere in it (top level, in functions,
    under TYPE_CHECKING): an import cycle at any level is a cycle."""
    graph: dict[str, set[str]] = {}
    for path in sorted(BUILDER.rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                module = node.module or ""
                target = (f"{base}.{module}" if module else base) if node.level else module
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = found
    modules = set(graph)
    return {m: {t for t in targets if t in modules and t != m} for m, targets in graph.items()}


def test_no_import_cycle_in_builder() -> None:
    graph = _imports()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_only_the_adapter_imports_the_engine_and_never_the_pipeline() -> None:
    for path in sorted(BUILDER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        engine = {n for n in names if n.split(".")[0] in ("mkdocs", "properdocs", "material")}
        if path.name == "mkdocs_adapter.py":
            assert not names & {"build", "preview", "builder.build", "builder.preview"}
        else:
            assert not engine, f"{path.name} imports {sorted(engine)}"
    adapter = _imports()["builder.mkdocs_adapter"]
    assert not adapter & {"builder.build", "builder.preview", "builder.export"}


def test_no_module_keeps_build_state_in_globals() -> None:
    """No `global` statement anywhere: state travels in the objects passed down."""
    for path in sorted(BUILDER.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Global)]
        assert not found, f"{path.name}: `global` on line(s) {found}"


# -- the adapter's hooks as pure functions, golden ------------------------------------------------
def _golden(name: str, value: object, update: bool) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"refresh with --update-golden: {path}"


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_engine_settings_of_each_language(mini: Path, lang: str, update_golden: bool) -> None:
    """What on_config sets (and the export writes): language, URL, nav, extra."""
    plan = build_plan(checked_catalog(load_config(mini)))
    settings = engine_settings(
        plan, lang, site_name="Villes pairs", site_url="https://example.org/", copyright="©"
    )
    _golden(f"settings-{lang}", settings.__dict__, update_golden)


def test_alternates_of_pages(mini: Path, update_golden: bool) -> None:
    plan = build_plan(checked_catalog(load_config(mini)))
    found = {
        f"{lang}:{key}": page_alternates(plan, lang, key, spec.url, f"https://example.org/{lang}/")
        for lang in plan.languages
        for key, spec in sorted(plan.pages[lang].items())
        if key in ("index", "case/alpha", "doc/about.md", "cases", "glossary")
    }
    assert len(found) == 10
    _golden("alternates", found, update_golden)


def test_on_files_adds_each_generated_page_once_with_real_files(mini: Path) -> None:
    """The plugin's on_files over real MkDocs File objects, without a build."""
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.structure.files import get_files

    from builder.engine import Job
    from builder.mkdocs_adapter import VillesPairsPlugin

    plan = build_plan(checked_catalog(load_config(mini)))
    cfg = mkdocs_config(str(mini / "mkdocs.yml"), docs_dir=str(mini / "docs" / "de"))
    plugin = cfg.plugins["villes-pairs"]
    assert isinstance(plugin, VillesPairsPlugin)
    plugin.job = Job(plan, "de", mini / "site" / "de")
    files = cfg.plugins.on_files(get_files(cfg), config=cfg)  # the engine's event dispatch
    uris = [f.src_uri for f in files]
    assert len(uris) == len(set(uris))
    generated = {spec.uri for spec in plan.generated("de")}
    assert generated <= set(uris)
    assert {"index.md", "about.md"} <= set(uris)  # hand-written ones stay
    assert all(files.get_file_from_path(u).generated_by for u in generated)  # type: ignore[union-attr]


# -- builds ------------------------------------------------------------------------------------------
def test_a_project_without_hand_written_home_pages_builds(mini: Path) -> None:
    for lang in ("fr", "de"):
        (mini / "docs" / lang / "index.md").unlink()
    site = build_site(load_config(mini), kits=False)
    for lang in ("fr", "de"):
        home = (site / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="etudes-de-cas/' in home or 'href="fallstudien/' in home


def _python_with(module: str) -> bool:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(
    not _python_with("properdocs") and not os.environ.get("CI"),
    reason='ProperDocs is not installed (pip install -e ".[properdocs]")',
)
def test_properdocs_builds_the_same_pages(mini: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "--root",
            str(mini),
            "build",
            "--no-kits",
            "--engine",
            "properdocs",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    pages = sorted(p.relative_to(mini / "site") for p in (mini / "site").rglob("*.html"))
    head = (mini / "site" / "de" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs 1\.6', head), head[:600]
    mk = mini.parent / "mk"
    build_site(load_config(mini), kits=False, out=mk)
    assert pages == sorted(p.relative_to(mk) for p in mk.rglob("*.html"))


@pytest.mark.slow
def test_the_export_builds_with_plain_mkdocs(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    done = subprocess.run(
        [sys.executable, "-m", "builder", "--root", str(mini), "export", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    ours = build_site(load_config(mini), kits=False, out=tmp_path / "ours")
    for lang in ("fr", "de"):
        config = (out / lang / "mkdocs.yml").read_text(encoding="utf-8")
        assert "villes-pairs" not in yaml.safe_load(config).get("plugins", [])
        assert "villes-pairs:" not in config
        site = tmp_path / f"plain-{lang}"
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(out / lang / "mkdocs.yml"),
                "-d",
                str(site),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert built.returncode == 0, built.stderr
        expected = {p.relative_to(ours / lang) for p in (ours / lang).rglob("index.html")}
        got = {p.relative_to(site) for p in site.rglob("index.html")}
        assert len(expected & got) >= 0.9 * len(expected), sorted(expected - got)
        case = next(site.rglob("alpha/index.html")).read_text(encoding="utf-8")
        assert 'hreflang="fr"' in case and 'hreflang="de"' in case
    shutil.rmtree(out)
