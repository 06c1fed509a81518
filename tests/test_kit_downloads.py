"""The kits page as a download centre (builder/kits/downloads.py) and the offline workshop
pack (builder/offline.py): every kit linked with its pages and size; the whole site as a
zip that works from disk, with no network request (browser test)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from builder.build import build_site, checked_catalog
from builder.config import load_config
from builder.kits import kit_jobs, read_manifest
from builder.kits.downloads import MARKER, insert_downloads
from builder.offline import FOLDER, offline_href, offline_html
from builder.site import build_plan

from .browser import browser

HREF = re.compile(r'href="([^"]+)"')


def _manifest(mini: Path) -> dict[str, dict[str, object]]:
    catalog = checked_catalog(load_config(mini))
    return {
        job.filename: {"file": job.filename, "pages": 3 + i, "bytes": 12_300 * (i + 1)}
        for i, job in enumerate(kit_jobs(catalog))
    }


def test_download_table_links_every_kit_with_pages_and_size(mini: Path) -> None:
    catalog = checked_catalog(load_config(mini))
    plan = build_plan(catalog)
    manifest = _manifest(mini)
    spec = plan.pages["de"]["index"]  # any page: links are relative to it
    page = insert_downloads(f"# Kits\n\n{MARKER}\n\nMehr.\n", plan, spec, manifest)
    assert MARKER not in page and page.endswith("Mehr.\n")
    linked = {Path(h).name for h in HREF.findall(page) if h.endswith(".pdf")}
    assert linked == set(manifest)
    assert "\n\n" not in page.split("# Kits\n\n")[1].split("\n\nMehr.")[0]  # one HTML block
    first = manifest["ws-one.de.pdf"]
    kb = round(int(first["bytes"]) / 1000)
    facts = f'<span class="vp-downloads__facts">{first["pages"]}\u00a0S., {kb}\u00a0KB'
    assert f'href="../kits/ws-one.de.pdf" download>PDF</a><br>{facts}' in page
    # Module and programme link their own pages; the offline pack is offered too.
    assert 'href="workshop-module/ws-one/"' in page and 'href="programme/day/"' in page
    assert 'href="../villes-pairs-offline.zip" download' in page
    fr = insert_downloads("# Kits\n", plan, plan.pages["fr"]["index"], manifest)
    assert fr.startswith("# Kits\n\n<div") and "\u00a0p., 12\u00a0Ko" in fr


def test_offline_links_name_their_file() -> None:
    files = {"index.html", "de/index.html", "de/kits/index.html", "kits/a.pdf"}
    dirs = {"", "de", "de/kits", "kits"}
    page = "de/kits/index.html"
    assert offline_href("../", page, files, dirs) == "../index.html"
    assert offline_href("./", page, files, dirs) == "index.html"
    assert offline_href("../../kits/a.pdf", page, files, dirs) == "../../kits/a.pdf"
    assert offline_href("../#top", page, files, dirs) == "../index.html#top"
    assert offline_href("..", page, files, dirs) == "../index.html"
    assert offline_href("#x", page, files, dirs) == "#x"
    assert offline_href("https://example.org/de/", page, files, dirs) == "https://example.org/de/"
    assert offline_href("/de/kits/", "404.html", files, dirs) == "de/kits/index.html"
    assert offline_href("/mini/de/", "de/404.html", files, dirs, "/mini/") == "index.html"
    assert offline_href("/other/", "404.html", files, dirs, "/mini/") == "/other/"
    html = (
        '<a href="../">x</a><div class="vp-online-only"><a href="../x.zip">zip</a></div>'
        '<script id="__config" type="application/json">{"base": "..", "search": "s.js",'
        ' "features": ["search.highlight", "toc.follow"]}</script></head>'
    )
    out = offline_html(html, page, files, dirs)
    assert '<a href="../index.html">x</a>' in out and "x.zip" not in out
    assert '"search"' not in out and '"toc.follow"' in out and "search.highlight" not in out


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .built_sites import MINI

    base = tmp_path_factory.mktemp("offline")
    project = base / "project"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns("site", ".cache"))
    for lang, title in (("fr", "Les kits"), ("de", "Die Kits")):  # the kits page
        (project / "docs" / lang / "kits.md").write_text(f"# {title}\n\n{MARKER}\n", "utf-8")
    return build_site(load_config(project), out=base / "site", workers=1)


@pytest.mark.slow
def test_build_writes_the_offline_zip_and_the_kits_page_links_every_pdf(
    offline_site: Path,
) -> None:
    pdfs = {p.name for p in (offline_site / "kits").glob("*.pdf")}
    assert pdfs and set(read_manifest(offline_site / "kits")) == pdfs
    for lang in ("fr", "de"):
        kits_page = (offline_site / lang / "kits" / "index.html").read_text(encoding="utf-8")
        linked = {Path(h).name for h in HREF.findall(kits_page) if h.endswith(".pdf")}
        assert linked == pdfs, lang
        assert "villes-pairs-offline.zip" in kits_page
    with zipfile.ZipFile(offline_site / "villes-pairs-offline.zip") as archive:
        names = archive.namelist()
        assert all(n.startswith(f"{FOLDER}/") for n in names)
        assert {f"{FOLDER}/kits/{p}" for p in pdfs} <= set(names)
        assert f"{FOLDER}/index.html" in names and f"{FOLDER}/de/index.html" in names


@pytest.mark.slow
@pytest.mark.browser
def test_offline_zip_opens_from_disk_without_network(offline_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(offline_site / "villes-pairs-offline.zip") as archive:
        archive.extractall(tmp_path)
    root = tmp_path / FOLDER
    pages = sorted(root.rglob("*.html"))
    # Every relative link of every page leads to a file on disk.
    broken = []
    for page in pages:
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            path = unquote(urlsplit(href).path)
            if urlsplit(href).scheme or not path or href.startswith("#"):
                continue
            target = (page.parent / path).resolve()
            if not target.is_file():
                broken.append((page.relative_to(root).as_posix(), href))
    assert broken == []
    with browser() as chromium:
        context = chromium.new_context()
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        for page in pages:
            tab.goto(page.as_uri())
        # Follow the links as a visitor would: from the German home to the kits page.
        tab.goto((root / "de" / "index.html").as_uri())
        href = tab.locator("a[href$='kits/index.html']").first.get_attribute("href")
        assert href is not None
        tab.goto(urljoin(tab.url, href))
        assert tab.url.endswith("/de/kits/index.html")
        assert tab.locator("a[href$='.pdf']").count() > 0
        context.close()
    network = [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert network == []
    assert len(requests) >= len(pages)
    assert errors == []
