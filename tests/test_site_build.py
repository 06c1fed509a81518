"""A tiny site built into tmp_path: both languages, alternates, switcher, search per language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.build import build_site
from builder.cli import main
from builder.config import load_config


@pytest.fixture
def built(mini: Path) -> Path:
    return build_site(load_config(mini), kits=False, workers=1)


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_page_exists_in_both_languages_with_resolving_alternates(built: Path) -> None:
    fr = {p.relative_to(built / "fr") for p in (built / "fr").rglob("index.html")}
    de = {p.relative_to(built / "de") for p in (built / "de").rglob("index.html")}
    assert len(fr) == len(de) >= 12
    for lang in ("fr", "de"):
        for page in (built / lang).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, page
            links = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html)
            assert {code for code, _ in links} == {"fr", "de"}, page
            for _code, href in links:
                target = href.removeprefix("https://example.org/mini/")
                assert (built / target / "index.html").exists(), (page, href)


def test_switcher_leads_to_the_same_page(built: Path) -> None:
    html = _html(built, "de/fallstudien/alpha")
    links = re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link"', html
    )
    assert ("../../../fr/etudes-de-cas/alpha/", "fr") in links
    target = (built / "de/fallstudien/alpha" / "../../../fr/etudes-de-cas/alpha/").resolve()
    assert (target / "index.html").exists()


def test_search_index_per_language(built: Path) -> None:
    de = json.loads((built / "de/search/search_index.json").read_text(encoding="utf-8"))
    fr = json.loads((built / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert de["config"]["lang"] == ["de"] and fr["config"]["lang"] == ["fr"]
    de_text = " ".join(d["title"] + d["text"] for d in de["docs"])
    assert "Schließung der Zeche" in de_text
    assert "Fermeture de la fosse" not in de_text
    assert all(
        d["location"].startswith(
            (
                "fallstudien",
                "workshop-module",
                "programme",
                "themen",
                "glossar",
                "about",
                "offene-daten",
                "",
            )
        )
        for d in de["docs"]
    )


def test_navigation_stays_small(built: Path) -> None:
    html = _html(built, "de")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1]
    nav = nav.split("md-sidebar--secondary", 1)[0]
    assert "Fallstudien" in nav and "Alpha am Meer" not in nav


def test_root_lets_the_reader_choose(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="fr/"' in html and 'href="de/"' in html
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="de" href="https://example.org/mini/de/fallstudien/alpha/"' in sitemap


def test_no_google_fonts(built: Path) -> None:
    for page in built.rglob("*.html"):
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8"), page


def test_failed_build_keeps_previous_site(
    mini: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = built / "de" / "index.html"
    before = marker.read_bytes()
    (mini / "case_studies" / "alpha.yml").write_text(
        "schema_version: 1\nid: alpha\n", encoding="utf-8"
    )
    code = main(["--root", str(mini), "build", "--no-kits"])
    err = capsys.readouterr().err
    assert code == 1
    assert "case_studies/alpha.yml:1:1: error: title: required field 'title' is missing" in err
    assert "Traceback" not in err
    assert marker.read_bytes() == before
    assert not list(mini.glob(".site-building-*"))


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4830000000049454e44ae426082"
)


def test_images_are_published_with_alt_text_and_credit(mini: Path) -> None:
    (mini / "images").mkdir()
    (mini / "images" / "chevalement.png").write_bytes(PNG_1PX)
    beta = mini / "case_studies" / "beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8")
        + (
            "images:\n  - path: images/chevalement.png\n"
            "    alt: {fr: Le chevalement de la fosse, de: Der Förderturm der Zeche}\n"
            "    credit: Stadt Beta\n    licence: CC BY 4.0\n"
        ),
        encoding="utf-8",
    )
    site = build_site(load_config(mini), kits=False, workers=1)
    html = _html(site, "de/fallstudien/beta")
    assert '<img src="../../../images/chevalement.png" alt="Der Förderturm der Zeche"' in html
    assert "Stadt Beta, CC BY 4.0" in html
    assert (site / "images" / "chevalement.png").read_bytes() == PNG_1PX
