"""Every shipped kit, checked as a facilitator and a screen reader would need it: worksheets
with room to write, A3 where the material list says A3, a QR code to the right page, German
tagged as German, running heads as artifacts, fonts of the repository, and the PyPI checkers
``pdfua`` and ``outloud`` without errors.

Properties, not today's data: the tests read the catalogue to know what to expect, so any
valid content passes. The kits are built once (cached in the repository's ``.cache/kits``,
like ``python -m builder build``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from builder.catalog import Catalog
from builder.kits import build_kits, read_manifest
from builder.kits.render import KitView
from builder.markdown_safe import plain

from .built_sites import REPO, real_site_checked
from .test_kits import decoded_qr, embedded_fonts, font_origin, repository_fonts

pytestmark = pytest.mark.slow


@dataclass
class Kits:
    catalog: Catalog
    folder: Path
    manifest: dict[str, dict[str, Any]]

    def pdfs(self) -> list[Path]:
        return sorted(self.folder / name for name in self.manifest)


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> Kits:
    real_site_checked()
    from builder.build import checked_catalog
    from builder.config import load_config

    catalog = checked_catalog(load_config(REPO))
    out = tmp_path_factory.mktemp("real-kits")
    build_kits(catalog, out, cache_dir=REPO / ".cache" / "kits")
    return Kits(catalog, out, read_manifest(out))


def test_every_worksheet_leaves_half_its_width_to_write(kits: Kits) -> None:
    measured = 0
    for name, entry in kits.manifest.items():
        for table in entry["worksheets"]:
            measured += 1
            assert table["answer_share"] >= 0.5, (name, table)
            # Rows a hand can write in (12 mm at the tightest setting).
            assert table["min_row_mm"] >= 11.5, (name, table)
    with_tables = [
        h
        for m in kits.catalog.modules.values()
        for h in m.handouts
        for lang in h.body
        if "|" in h.body[lang]
    ]
    assert measured or not with_tables


def test_a3_where_the_material_list_says_a3(kits: Kits) -> None:
    for name, entry in kits.manifest.items():
        if entry["kind"] != "module" or entry["form"]:
            continue
        module = kits.catalog.modules[entry["id"]]
        wants_a3 = any(m.paper == "A3" for m in module.materials if m.handout)
        assert ("A3" in entry["sizes"]) == wants_a3, name
        assert entry["sizes"][0] == "A4", name  # the facilitators' part stays A4


def test_no_orphaned_heading(kits: Kits) -> None:
    for name, entry in kits.manifest.items():
        assert entry["orphan_headings"] == [], name


def test_every_cover_has_a_qr_code_to_the_page_in_that_language(kits: Kits, tmp_path: Path) -> None:
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg and pdftoppm are needed: apt-get install zbar-tools poppler-utils")
    site_url = kits.catalog.config.site_url
    assert site_url, "mkdocs.yml has no site_url: the kits cannot say where they live online"
    for name, entry in kits.manifest.items():
        if entry["form"]:
            continue
        langs = entry["variant"].split("-")
        view = KitView(kits.catalog, tuple(langs))
        expected = sorted(view.page_url(entry["kind"], entry["id"], lang) for lang in langs)
        assert sorted(decoded_qr(kits.folder / name, tmp_path)) == expected, name


def test_fonts_are_files_of_the_repository(kits: Kits) -> None:
    tracked = repository_fonts()
    for pdf in kits.pdfs():
        for font in embedded_fonts(pdf):
            assert font_origin(font, tracked), (pdf.name, font["name"].getDebugName(6))


def test_programme_kits_start_with_the_day_and_a_contents_page(kits: Kits) -> None:
    for name, entry in kits.manifest.items():
        if entry["kind"] != "programme":
            continue
        langs = entry["variant"].split("-")
        view = KitView(kits.catalog, tuple(langs))
        pages = [p.extract_text() for p in PdfReader(kits.folder / name).pages[:2]]
        programme = kits.catalog.programmes[entry["id"]]
        for lang in langs:
            assert view.label("kit_cover_date", lang) in pages[0]
            assert view.label("kit_cover_place", lang) in pages[0]
            assert view.label("kit_contents", lang) in pages[1]
        cover = _letters(pages[0])
        for item in programme.items:  # the day's agenda with every module and break
            if item.pause is not None:
                title = item.pause.title
            else:
                assert item.module is not None
                title = kits.catalog.modules[item.module].title
            assert _letters(plain(title[langs[0]], langs[0]))[:25] in cover, name


def _letters(text: str) -> str:
    """Text without spaces and hyphens: a title reads the same wrapped or hyphenated."""
    return "".join(ch for ch in text if ch.isalnum())


# -- tags: languages, artifacts, tables --------------------------------------------------------


def marked_text(pdf: Path) -> dict[tuple[int, int], str]:
    """(page, MCID) → the text painted in that marked content, read with pypdf."""
    out: dict[tuple[int, int], str] = {}
    for index, page in enumerate(PdfReader(pdf).pages):
        for mcid, text in _page_marked_text(page).items():
            out[(index, mcid)] = text
    return out


def _page_marked_text(page: Any) -> dict[int, str]:
    out: dict[int, str] = defaultdict(str)
    stack: list[int | None] = []

    def before(op: bytes, args: Any, *_: Any) -> None:
        if op == b"BDC":
            props = args[1] if len(args) > 1 else {}
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == b"BMC":
            stack.append(None)
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t: str, *_: Any) -> None:
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None and t:
            out[mcid] += t

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return out


def languages_of_text(pdf: Path) -> list[tuple[str, str]]:
    """(effective /Lang, text) of every marked content reachable from the structure tree."""
    texts = marked_text(pdf)
    out = []
    with pikepdf.open(pdf) as doc:
        pages = {p.objgen: i for i, p in enumerate(doc.pages)}
        catalog_lang = str(doc.Root.get("/Lang", ""))
        stack = [(doc.Root.StructTreeRoot.K, catalog_lang, None)]
        while stack:
            node, lang, page = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend((k, lang, page) for k in reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                lang = str(node.get("/Lang", lang))
                pg = node.get("/Pg")
                page = pages.get(pg.objgen, page) if pg is not None else page
                kids = node.get("/K")
                if kids is not None:
                    stack.append((kids, lang, page))
            elif isinstance(node, int) and page is not None:
                out.append((lang, texts.get((page, int(node)), "")))
    return out


def _snippets(catalog: Catalog, record_id: str, kind: str, lang: str) -> list[str]:
    """Step instructions (modules) or titles: text known to be in ``lang``."""
    modules = (
        [catalog.modules[record_id]]
        if kind == "module"
        else [catalog.modules[i.module] for i in catalog.programmes[record_id].items if i.module]
    )
    out = []
    for module in modules:
        for step in module.steps:
            words = plain(step.instructions.get(lang, ""), lang).split()
            if len(words) >= 4:
                out.append(" ".join(words[:4]))
    return out


def test_side_by_side_kits_tag_every_language(kits: Kits) -> None:
    for name, entry in kits.manifest.items():
        if "-" not in entry["variant"]:
            continue
        tagged = [
            (lang, " ".join(text.split())) for lang, text in languages_of_text(kits.folder / name)
        ]
        for lang in entry["variant"].split("-"):
            snippets = _snippets(kits.catalog, entry["id"], entry["kind"], lang)
            assert snippets, name
            for snippet in snippets:
                hits = [tag for tag, text in tagged if snippet in text]
                if hits:  # a snippet broken over two lines is in no single marked content
                    assert set(hits) == {lang}, (name, snippet, hits)
            found = sum(any(s in text for _, text in tagged) for s in snippets)
            assert found >= len(snippets) / 2, (name, lang, found, len(snippets))


def test_running_heads_and_footers_are_artifacts(kits: Kits) -> None:
    """The footer line (review date, version, licence) is painted on every page, inside
    /Artifact, never in tagged content."""
    for pdf in kits.pdfs():
        entry = kits.manifest[pdf.name]
        tagged = " ".join(" ".join(text.split()) for _, text in languages_of_text(pdf))
        assert entry["version"] not in tagged, pdf.name
        with pikepdf.open(pdf) as doc:
            for page in doc.pages:
                artifacts = 0
                for operands, operator in pikepdf.parse_content_stream(page):
                    if str(operator) == "BDC" and operands and str(operands[0]) == "/Artifact":
                        props = operands[1] if len(operands) > 1 else {}
                        artifacts += str(props.get("/Type", "")) == "/Pagination"
                assert artifacts >= 2, pdf.name  # at least the footer and the page number


def test_id_tree_lists_every_element_with_an_id(kits: Kits) -> None:
    for pdf in kits.pdfs():
        with pikepdf.open(pdf) as doc:
            root = doc.Root.StructTreeRoot
            ids = set()
            stack = [root.K]
            while stack:
                node = stack.pop()
                if isinstance(node, pikepdf.Array):
                    stack.extend(node)
                elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                    if "/ID" in node:
                        ids.add(bytes(node.ID))
                    if "/K" in node:
                        stack.append(node.K)
            if not ids:
                continue
            names = root.IDTree.Names
            listed = {bytes(names[i]) for i in range(0, len(names), 2)}
            assert listed == ids, pdf.name


def test_tables_have_header_cells(kits: Kits) -> None:
    for pdf in kits.pdfs():
        with pikepdf.open(pdf) as doc:
            stack = [doc.Root.StructTreeRoot.K]
            while stack:
                node = stack.pop()
                if isinstance(node, pikepdf.Array):
                    stack.extend(node)
                elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                    if node.S == "/Table":
                        assert _has(node, "/TH"), pdf.name
                    if "/K" in node:
                        stack.append(node.K)


def _has(node: Any, kind: str) -> bool:
    stack = [node.get("/K")]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            if kind == item.S:
                return True
            stack.append(item.get("/K"))
    return False


# -- the PyPI checkers -------------------------------------------------------------------------


def _tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        pytest.skip(f"{name} is not installed: pip install -e '.[test]'")
    return str(path)


def test_pdfua_finds_no_error_in_any_kit(kits: Kits) -> None:
    done = subprocess.run(
        [_tool("pdfua"), "check", "--format", "text", *map(str, kits.pdfs())],
        capture_output=True,
        text=True,
        check=False,
    )
    # Exit codes: 0 clean, 1 info, 2 warnings, 3 errors, 4 unreadable PDF, 5 usage.
    assert done.returncode in (0, 1, 2), done.stdout + done.stderr
    assert "[ERROR]" not in done.stdout


def test_outloud_finds_no_error_in_any_kit(kits: Kits, tmp_path: Path) -> None:
    report = tmp_path / "outloud.json"
    done = subprocess.run(
        [
            _tool("outloud"),
            "--json",
            str(report),
            "--fail-on",
            "error",
            "-q",
            *map(str, kits.pdfs()),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert len(results) == len(kits.manifest)
    errors = [
        (Path(r["path"]).name, f["rule"], f["message"])
        for r in results
        for f in r["findings"]
        if f["severity"] == "error"
    ]
    assert [r["path"] for r in results if r.get("error")] == []
    assert errors == [], errors
    assert done.returncode == 0, done.stdout + done.stderr
