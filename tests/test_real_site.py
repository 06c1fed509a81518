"""One build of the real site (shipped content) into tmp_path: both languages, resolving
alternates, per-language search, and the content promised by the issues."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config

REPO = Path(__file__).parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(load_config(REPO), kits=False, out=tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="module")
def catalog():
    cat = load_catalog(load_config(REPO))
    assert not cat.problems.errors, "\n".join(str(e) for e in cat.problems.errors)
    return cat


def test_every_page_in_both_languages_with_resolving_alternates(site: Path) -> None:
    base = load_config(REPO).site_url
    counts = {}
    for lang in ("fr", "de"):
        pages = sorted((site / lang).rglob("index.html"))
        counts[lang] = len(pages)
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html
            alts = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
            assert set(alts) == {"fr", "de"}, page
            for href in alts.values():
                assert (site / href.removeprefix(base) / "index.html").exists(), (page, href)
    assert counts["fr"] == counts["de"] > 20


def test_german_search_finds_only_german_pages(site: Path) -> None:
    de = json.loads((site / "de/search/search_index.json").read_text(encoding="utf-8"))
    fr = json.loads((site / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert de["config"]["lang"] == ["de"]
    assert fr["config"]["lang"] == ["fr"]
    de_locations = {d["location"].split("#")[0] for d in de["docs"]}
    assert "fallstudien/loos-en-gohelle/" in de_locations
    assert not any(loc.startswith("etudes-de-cas") for loc in de_locations)
    titles = " ".join(d["title"] for d in de["docs"])
    assert "Zeitleiste" in titles and "Chronologie" not in titles


def _words(html: str) -> int:
    main = html.split('<article class="md-content__inner md-typeset">', 1)[1].split(
        "</article>", 1
    )[0]
    text = re.sub(r"<[^>]+>", " ", main)
    return len(re.findall(r"\w[\w'’-]*", text))


def test_loos_en_gohelle_is_complete(site: Path, catalog) -> None:
    loos = catalog.cases["loos-en-gohelle"]
    assert loos.status.value == "complete"
    assert len(loos.timeline) >= 10
    assert sum(1 for s in loos.sources if s.url) >= 10
    for path in ("fr/etudes-de-cas/loos-en-gohelle", "de/fallstudien/loos-en-gohelle"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert _words(html) >= 1500, path


def test_catalogue_sizes(catalog) -> None:
    assert len(catalog.cases) >= 5
    assert len(catalog.modules) >= 5
    assert len(catalog.programmes) >= 1
    assert len(catalog.glossary) >= 40
    for module in catalog.modules.values():
        assert module.handouts, module.id
        assert {"fr", "de"} <= set(module.title)


def test_search_leaves_out_tooltips_and_charts(site: Path, catalog) -> None:
    """Glossary definitions in tooltips and chart labels would make every page that uses a
    term match a search for its definition: only the glossary page holds definitions."""
    de = json.loads((site / "de/search/search_index.json").read_text(encoding="utf-8"))
    definitions = [
        t.definition["de"] for t in catalog.glossary.values() if len(t.definition["de"]) > 40
    ]
    for doc in de["docs"]:
        if doc["location"].startswith("glossar/"):
            continue
        for definition in definitions:
            assert definition[:40] not in doc["text"], (doc["location"], definition[:40])
        assert "nummeriert wie in der folgenden Liste" not in doc["text"]  # chart description
    loos = " ".join(d["text"] for d in de["docs"] if "loos-en-gohelle" in d["location"])
    assert "Bergbau" in loos  # the running text itself is still found
    html = (site / "de/fallstudien/loos-en-gohelle/index.html").read_text(encoding="utf-8")
    assert 'class="vp-term__tip"' in html and "data-search-exclude" not in html
