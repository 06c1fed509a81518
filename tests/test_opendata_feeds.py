"""Open data, Atom feeds, sitemap and head metadata of the mini site, built once."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config
from builder.feeds import render_feed
from builder.opendata import render_open_data
from builder.site import build_plan

from .conftest import MINI

BASE = "https://example.org/mini/"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _set(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with distinct review dates and a description that needs escaping."""
    root = tmp_path_factory.mktemp("od") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site", ".cache"))
    _set(root / "case_studies/beta.yml", "last_reviewed: 2026-11-01", "last_reviewed: 2026-09-15")
    _set(root / "workshops/ws-one.yml", "last_reviewed: 2026-11-01", "last_reviewed: 2026-10-20")
    _set(
        root / "workshops/programmes/day.yml",
        "last_reviewed: 2026-11-01",
        "last_reviewed: 2026-08-01",
    )
    about = root / "docs/de/about.md"
    about.write_text(
        "---\ndescription: 'Wer wir sind & was \"Partnerstädte\" tun'\n---\n"
        + about.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build_site(load_config(project), kits=False, workers=1)


def _json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def _page(site: Path, url: str) -> Path:
    """The file a site URL (absolute or site-relative) is served from; must exist."""
    rel = url.removeprefix(BASE)
    path = site / rel / "index.html" if rel.endswith("/") or not rel else site / rel
    assert path.is_file(), url
    return path


# -- open data ------------------------------------------------------------------------------
def test_index_lists_every_file_with_checksum(site: Path) -> None:
    index = _json(site / "data/index.json")
    assert isinstance(index, dict)
    paths = [f["path"] for f in index["files"]]
    assert paths == [
        "case-studies.json",
        "workshop-modules.json",
        "programmes.json",
        "themes.json",
        "glossary.json",
        "case-studies.fr.csv",
        "case-studies.de.csv",
        "workshop-modules.fr.csv",
        "workshop-modules.de.csv",
        "LICENCE.txt",
    ]
    for entry in index["files"]:
        data = (site / "data" / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    by_path = {f["path"]: f for f in index["files"]}
    assert by_path["case-studies.json"]["records"] == 2
    assert by_path["case-studies.de.csv"]["language"] == "de"
    assert by_path["case-studies.de.csv"]["media_type"] == "text/csv; charset=utf-8"
    assert by_path["glossary.json"]["description"]["de"] == "Das deutsch-französische Glossar"
    assert index["modified"] == "2026-11-01"
    assert index["pages"] == {"fr": BASE + "fr/donnees-ouvertes/", "de": BASE + "de/offene-daten/"}
    assert [(lic["id"], lic["scope"]) for lic in index["licenses"]] == [
        ("CC-BY-4.0", "data"),
        ("EUPL-1.2", "code"),
    ]
    assert index["schemas"] == [
        f"schemas/{n}.schema.json"
        for n in (
            "case-studies",
            "case-study",
            "glossary",
            "programme",
            "programmes",
            "themes",
            "workshop-modules",
            "workshop",
        )
    ]


def _registry(site: Path) -> Registry:
    schemas = [_json(p) for p in sorted((site / "data/schemas").glob("*.schema.json"))]
    return Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas if isinstance(s, dict)
    )


def test_data_files_validate_against_their_schemas(site: Path) -> None:
    registry = _registry(site)
    index = _json(site / "data/index.json")
    assert isinstance(index, dict)
    checked = []
    for entry in index["files"]:
        if not entry["schema"]:
            continue
        schema = _json(site / "data" / entry["schema"])
        assert isinstance(schema, dict)
        validator = Draft202012Validator(
            schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        errors = [e.message for e in validator.iter_errors(_json(site / "data" / entry["path"]))]
        assert errors == [], entry["path"]
        checked.append(entry["path"])
    assert checked == [
        "case-studies.json",
        "workshop-modules.json",
        "programmes.json",
        "themes.json",
        "glossary.json",
    ]
    # The array schema really reaches the record schema through its $ref.
    cases = _json(site / "data/case-studies.json")
    assert isinstance(cases, list)
    cases[0]["id"] = "Not An Id"
    del cases[1]["municipality"]
    schema = _json(site / "data/schemas/case-studies.schema.json")
    assert isinstance(schema, dict)
    assert schema["$id"] == BASE + "data/schemas/case-studies.schema.json"
    assert schema["items"] == {"$ref": "case-study.schema.json"}
    errors = sorted(
        e.message for e in Draft202012Validator(schema, registry=registry).iter_errors(cases)
    )
    assert errors == [
        "'Not An Id' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'",
        "'municipality' is a required property",
    ]


def test_json_holds_the_full_records(site: Path) -> None:
    raw = (site / "data/case-studies.json").read_text(encoding="utf-8")
    assert "Schließung der Zeche" in raw and "\\u00df" not in raw  # ensure_ascii=False
    cases = json.loads(raw)
    assert [c["id"] for c in cases] == ["alpha", "beta"]
    alpha = cases[0]
    assert list(alpha)[:4] == ["schema_version", "id", "translation", "last_reviewed"]
    assert alpha["title"] == {"fr": "Alpha-sur-Mer : une ville {{ 7*7 }}", "de": "Alpha am Meer"}
    assert alpha["municipality"]["population"] == {
        "value": 6568,
        "approx": False,
        "year": 2017,
        "source": "seed",
    }
    assert alpha["timeline"][0]["date"] == "1986"
    assert alpha["related_modules"] == ["ws-one"]
    programme = _json(site / "data/programmes.json")
    assert isinstance(programme, list)
    assert programme[0]["items"][1]["break"]["minutes"] == 15  # field alias, as in the YAML
    themes = _json(site / "data/themes.json")
    assert isinstance(themes, dict)
    assert [t["label"]["de"] for t in themes["themes"]] == ["Energie", "Erbe"]


def test_csv_has_one_row_per_record_in_its_language(site: Path) -> None:
    rows = {}
    for lang in ("fr", "de"):
        data = (site / f"data/case-studies.{lang}.csv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM, as documented
        rows[lang] = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
        assert [r["id"] for r in rows[lang]] == ["alpha", "beta"]
    alpha_de, beta_de = rows["de"]
    alpha_fr, beta_fr = rows["fr"]
    assert alpha_de["title"] == "Alpha am Meer"
    assert alpha_fr["title"] == "Alpha-sur-Mer : une ville {{ 7*7 }}"
    assert alpha_de["themes"] == "Energie; Erbe"
    assert alpha_fr["themes"] == "Énergie; Patrimoine"
    assert (beta_de["region"], beta_de["mining_area"]) == ("Sachsen", "Lausitz")
    assert (beta_fr["region"], beta_fr["mining_area"]) == ("Saxe", "Lusace")
    assert beta_de == beta_de | {
        "municipality": "Beta",
        "country": "DE",
        "population": "1200",
        "population_year": "2022",
        "lat": "51.2",
        "lon": "14.1",
        "period_start": "2000",
        "period_end": "",
        "status": "stub",
        "last_reviewed": "2026-09-15",
        "url": BASE + "de/fallstudien/beta/",
    }
    assert alpha_fr["url"] == BASE + "fr/etudes-de-cas/alpha/"
    for row in rows["fr"] + rows["de"]:
        _page(site, row["url"])
    modules = list(
        csv.DictReader(
            io.StringIO(
                (site / "data/workshop-modules.de.csv").read_text(encoding="utf-8"), newline=""
            )
        )
    )
    assert modules == [
        {
            "id": "ws-one",
            "title": "Workshop eins",
            "duration_minutes": "45",
            "group_min": "6",
            "group_max": "20",
            "themes": "Erbe",
            "last_reviewed": "2026-10-20",
            "url": BASE + "de/workshop-module/ws-one/",
        }
    ]


def test_licence_statement(site: Path) -> None:
    text = (site / "data/LICENCE.txt").read_text(encoding="utf-8")
    assert "Creative Commons Namensnennung 4.0 International (CC BY 4.0)" in text
    assert "en citant «\u00a0Mini\u00a0»" in text
    assert "data: CC-BY-4.0 <https://creativecommons.org/licenses/by/4.0/>" in text
    assert "code: EUPL-1.2" in text


def test_outputs_are_reproducible(project: Path, site: Path) -> None:
    """Same content, same bytes: nothing depends on the clock or on dict order."""
    plan = build_plan(load_catalog(load_config(project)))
    for name, data in render_open_data(plan).items():
        assert (site / "data" / name).read_bytes() == data, name
    for lang in ("fr", "de"):
        assert (site / lang / "feed.xml").read_bytes() == render_feed(plan, lang)


# -- the Open data page -----------------------------------------------------------------------
class _Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


@pytest.mark.parametrize(
    ("lang", "url", "title"),
    [
        ("de", "de/offene-daten/", "Offene Daten"),
        ("fr", "fr/donnees-ouvertes/", "Données ouvertes"),
    ],
)
def test_open_data_page_links_every_file(site: Path, lang: str, url: str, title: str) -> None:
    page = _page(site, url)
    html = page.read_text(encoding="utf-8")
    assert "<h1 id=" in html and f">{title}<" in html
    hrefs = [a["href"] for tag, a in _tags(page) if tag == "a" and "href" in a]
    data_links = {(page.parent / h).resolve() for h in hrefs if "data/" in h}
    index = _json(site / "data/index.json")
    assert isinstance(index, dict)
    listed = {f["path"] for f in index["files"]} | set(index["schemas"]) | {"index.json"}
    assert data_links == {(site / "data" / p).resolve() for p in listed}
    assert (page.parent / "../feed.xml").resolve() == (site / lang / "feed.xml").resolve()
    assert any(h == "../feed.xml" for h in hrefs)
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[
        0
    ]
    assert title in nav


def test_open_data_page_texts(site: Path) -> None:
    de = _page(site, "de/offene-daten/").read_text(encoding="utf-8")
    assert "Datenstand: 1. November 2026" in de
    assert "„65001: Unicode (UTF-8)“" in de
    assert f'<a href="{BASE}de/offene-daten/">{BASE}de/offene-daten/</a>' in de
    assert "Mini (2026). <cite>Fallstudien und Workshop-Module (offene Daten)</cite>" in de
    fr = _page(site, "fr/donnees-ouvertes/").read_text(encoding="utf-8")
    assert "État des données\u00a0: 1 novembre 2026" in fr
    assert "<cite>Études de cas et modules d’atelier (données ouvertes)</cite>" in fr


# -- feeds ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "titles", "summary"),
    [
        ("de", ["Alpha am Meer", "Workshop eins", "Beta", "Ein Tag"], "Eine Pilotstadt."),
        (
            "fr",
            ["Alpha-sur-Mer : une ville {{ 7*7 }}", "Atelier un", "Beta", "Une journée"],
            "Une ville pilote <script>alert(1)</script>.",
        ),
    ],
)
def test_feed_is_atom_in_its_language(
    site: Path, lang: str, titles: list[str], summary: str
) -> None:
    other = "fr" if lang == "de" else "de"
    feed = ET.parse(site / lang / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == lang
    assert feed.findtext(f"{ATOM}id") == f"{BASE}{lang}/feed.xml"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"  # newest review
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Mini"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == f"{BASE}{lang}/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == titles
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-11-01T00:00:00Z",
        "2026-10-20T00:00:00Z",
        "2026-09-15T00:00:00Z",
        "2026-08-01T00:00:00Z",
    ]
    assert entries[0].findtext(f"{ATOM}summary") == summary
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 4
    for entry in entries:
        assert entry.get(XML_LANG) == lang
        links = {
            link.get("hreflang"): link.get("href")
            for link in entry.findall(f"{ATOM}link[@rel='alternate']")
        }
        assert set(links) == {lang, other}
        assert links[lang].startswith(f"{BASE}{lang}/")
        assert links[other].startswith(f"{BASE}{other}/")
        assert f'<html lang="{lang}"' in _page(site, links[lang]).read_text(encoding="utf-8")
        _page(site, links[other])
        assert entry.findtext(f"{ATOM}id") == links[lang]
    kinds = [e.find(f"{ATOM}category").get("term") for e in entries]  # type: ignore[union-attr]
    assert kinds == ["case", "module", "case", "programme"]


# -- sitemap and head -------------------------------------------------------------------------
def test_sitemap_lists_both_languages_with_alternates(site: Path) -> None:
    urlset = ET.parse(site / "sitemap.xml").getroot()
    urls = urlset.findall(f"{SM}url")
    locs = [u.findtext(f"{SM}loc") or "" for u in urls]
    per_lang = {
        lang: [loc for loc in locs if loc.startswith(BASE + lang + "/")] for lang in ("fr", "de")
    }
    assert len(per_lang["fr"]) == len(per_lang["de"]) == len(locs) // 2 >= 14
    assert BASE + "de/offene-daten/" in locs and BASE + "fr/donnees-ouvertes/" in locs
    for url in urls:
        loc = url.findtext(f"{SM}loc") or ""
        _page(site, loc)
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link[@rel='alternate']")
        }
        assert set(alternates) == {"fr", "de"}, loc
        assert loc in alternates.values()
        for href in alternates.values():
            _page(site, href or "")
    by_loc = {u.findtext(f"{SM}loc"): u for u in urls}
    assert by_loc[BASE + "de/fallstudien/beta/"].findtext(f"{SM}lastmod") == "2026-09-15"
    assert by_loc[BASE + "de/offene-daten/"].find(f"{SM}lastmod") is None


def _head(path: Path) -> dict[str, str]:
    head: dict[str, str] = {}
    for tag, attrs in _tags(path):
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs["property"]
            head[key] = (head[key] + " | " if key in head else "") + attrs.get("content", "")
        elif tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
            key = attrs["rel"] + ":" + (attrs.get("hreflang") or attrs.get("type", ""))
            head[key] = attrs["href"]
    return head


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "de/fallstudien/alpha/",
            {
                "description": "Eine Pilotstadt.",
                "og:description": "Eine Pilotstadt.",
                "og:title": "Alpha am Meer",
                "og:locale": "de_DE",
                "og:locale:alternate": "fr_FR",
                "og:url": BASE + "de/fallstudien/alpha/",
                "canonical:": BASE + "de/fallstudien/alpha/",
                "alternate:fr": BASE + "fr/etudes-de-cas/alpha/",
                "alternate:application/atom+xml": "../../feed.xml",
            },
        ),
        (
            "fr/etudes-de-cas/beta/",
            {
                "description": "Une autre ville.",
                "og:locale": "fr_FR",
                "og:locale:alternate": "de_DE",
                "canonical:": BASE + "fr/etudes-de-cas/beta/",
                "alternate:de": BASE + "de/fallstudien/beta/",
            },
        ),
        ("de/about/", {"description": 'Wer wir sind & was "Partnerstädte" tun'}),
        (
            "fr/about/",
            {  # no description of its own: the site's, in French
                "description": "Études de cas et modules d’atelier franco-allemands sur la transition "
                "des territoires miniers.",
                "og:title": "À propos",
            },
        ),
        (
            "de/offene-daten/",
            {
                "og:title": "Offene Daten",
                "og:locale": "de_DE",
                "alternate:application/atom+xml": "../feed.xml",
            },
        ),
    ],
)
def test_head_is_in_the_page_language(site: Path, url: str, expected: dict[str, str]) -> None:
    head = _head(_page(site, url))
    assert head == head | expected


def test_every_page_links_its_language_feed(site: Path) -> None:
    for lang in ("fr", "de"):
        pages = list((site / lang).rglob("index.html"))
        assert len(pages) >= 14
        for page in pages:
            href = _head(page)["alternate:application/atom+xml"]
            assert (page.parent / href).resolve() == (site / lang / "feed.xml").resolve(), page
