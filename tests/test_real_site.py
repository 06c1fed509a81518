"""The real site: one build of the shipped content into tmp_path, and one of the shipped
content plus generated cases of every kind (tests/generated.py). Both languages, resolving
alternates, per-language search, every text of every case on its page. Only properties that
hold for any valid catalogue are asserted: an editor adding a valid case keeps this green."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from builder.build import build_site
from builder.catalog import Catalog, load_catalog
from builder.config import load_config
from builder.i18n import labels_for
from builder.markdown_safe import plain

from .generated import project_with_generated_cases

REPO = Path(__file__).parent.parent
pytestmark = pytest.mark.slow
PROJECTS = ["repository", "with-generated-cases"]


@pytest.fixture(scope="module", params=PROJECTS)
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if request.param == "repository":
        return REPO
    return project_with_generated_cases(tmp_path_factory.mktemp("more") / "project", 20)


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(
        load_config(project), kits=False, out=tmp_path_factory.mktemp("real") / "site"
    )


@pytest.fixture(scope="module")
def catalog(project: Path) -> Catalog:
    cat = load_catalog(load_config(project))
    assert not cat.problems.errors, "\n".join(str(e) for e in cat.problems.errors)
    return cat


def test_every_page_in_both_languages_with_resolving_alternates(site: Path, project: Path) -> None:
    base = load_config(project).site_url
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


def test_search_finds_every_case_in_its_language_only(site: Path, catalog: Catalog) -> None:
    indexes = {
        lang: json.loads((site / f"{lang}/search/search_index.json").read_text(encoding="utf-8"))
        for lang in ("fr", "de")
    }
    for lang, index in indexes.items():
        assert index["config"]["lang"] == [lang]
        locations = {d["location"].split("#")[0] for d in index["docs"]}
        slug = labels_for(lang)("slug_cases")
        for case_id in catalog.cases:
            assert f"{slug}/{case_id}/" in locations, (lang, case_id)
        other = labels_for("de" if lang == "fr" else "fr")("slug_cases")
        assert not any(loc.startswith(f"{other}/") for loc in locations)
    titles = " ".join(d["title"] for d in indexes["de"]["docs"])
    assert "Zeitleiste" in titles and "Chronologie" not in titles


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


class _Text(HTMLParser):
    """The article's text as a reader sees it, without the glossary tooltips (shown on
    hover, inside the sentence that uses the term)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.inside = False
        self.hidden = 0  # depth inside a tooltip

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.inside = True
        if self.hidden or "vp-term__tip" in classes:
            self.hidden += tag not in ("br", "img", "wbr")
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden -= 1
        if tag == "article":
            self.inside = False
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.inside and not self.hidden:
            self.parts.append(data)


def _page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def _texts(data: Any, lang: str, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every text of a record in ``lang``."""
    if isinstance(data, dict):
        if isinstance(data.get(lang), str):
            yield path, data[lang]
        for key, value in data.items():
            if key not in (lang, "translation"):
                yield from _texts(value, lang, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for item in data:
            yield from _texts(item, lang, f"{path}[]")


#: Fields the case page does not show yet: the new case page of branch `site` ("answers
#: first": at a glance, German instruments, frame, resources) shows them. Remove this set when
#: it lands; the test then holds every text of a case to be on its page.
NOT_SHOWN_YET = {
    "at_a_glance.costs",
    "at_a_glance.fits",
    "at_a_glance.preconditions[]",
    "at_a_glance.worked[]",
    "transferability.frame",
    "transferability.instruments[].name",
    "transferability.instruments[].text",
    "transferability.resources",
}


def test_every_text_of_every_case_is_on_its_page(site: Path, catalog: Catalog) -> None:
    """Nothing an editor wrote is dropped: each text of the record, in the page's language,
    appears on the case page (words in order, markup and glossary tooltips aside)."""
    missing: set[str] = set()
    for lang in ("fr", "de"):
        slug = labels_for(lang)("slug_cases")
        for case in catalog.cases.values():
            html = (site / lang / slug / case.id / "index.html").read_text(encoding="utf-8")
            page = " ".join(_words(_page_text(html)))
            for path, text in _texts(case.model_dump(mode="json"), lang):
                if " ".join(_words(plain(text, lang))) not in page:
                    missing.add(path)
    assert not missing - NOT_SHOWN_YET, f"texts not shown on the case pages: {sorted(missing)}"


def test_search_leaves_out_tooltips_and_charts(site: Path, catalog: Catalog) -> None:
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
    for case in catalog.cases.values():  # the running text itself is still found
        first = " ".join(_words(plain(case.teaser["de"], "de"))[:4])
        found = " ".join(
            d["text"] for d in de["docs"] if f"fallstudien/{case.id}/" in d["location"]
        )
        assert first in " ".join(_words(re.sub(r"<[^>]+>", " ", found))), case.id
        html = (site / f"de/fallstudien/{case.id}/index.html").read_text(encoding="utf-8")
        assert "data-search-exclude" not in html


def test_links_between_cases_show_on_both_pages(site: Path, catalog: Catalog) -> None:
    """A case naming another in `related_cases` links to it, and is linked from it."""
    for case in catalog.cases.values():
        for other in case.related_cases:
            for a, b in ((case.id, other), (other, case.id)):
                html = (site / f"de/fallstudien/{a}/index.html").read_text(encoding="utf-8")
                assert f'href="../{b}/"' in html, (a, b)
