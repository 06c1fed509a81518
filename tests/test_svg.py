"""Pictures (builder.svg): timeline, key figures and places map as static, accessible SVG."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from builder.build import build_site
from builder.config import load_config
from builder.i18n import Labels, LanguageService, labels_for
from builder.model import CaseStudy, KeyFigure, TimelineEvent
from builder.svg import decimal_year, key_figures_svg, places_by_region, places_svg, timeline_svg

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & co'


def _svg(markup: str) -> ET.Element:
    """The <svg> inside the returned <div>, parsed as XML (fails if anything is unescaped)."""
    wrapper = ET.fromstring(markup)
    assert wrapper.tag == "div" and wrapper.get("class", "").startswith("vp-chart")
    svg = wrapper.find(f"{NS}svg")
    assert svg is not None
    return svg


def _title_desc(svg: ET.Element) -> tuple[str, str]:
    title, desc = svg.find(f"{NS}title"), svg.find(f"{NS}desc")
    assert title is not None and desc is not None
    ids = {title.get("id"), desc.get("id")}
    assert set((svg.get("aria-labelledby") or "").split()) == ids
    return title.text or "", desc.text or ""


def _labels(lang: str) -> Labels:
    return labels_for(lang, texts=LanguageService(("fr", "de")))


def _event(date: str, fr: str = "Un fait.", de: str = "Ein Ereignis.") -> TimelineEvent:
    return TimelineEvent.model_validate({"date": date, "text": {"fr": fr, "de": de}})


def _figure(
    value: float, unit: str | None, label: str = "Part", year: int = 2020, **more: Any
) -> KeyFigure:
    data: dict[str, Any] = {
        "label": {"fr": label, "de": label},
        "value": value,
        "year": year,
        "source": "s",
        **more,
    }
    if unit is not None:
        data["unit"] = {"fr": unit, "de": unit}
    return KeyFigure.model_validate(data)


def _case(
    case_id: str,
    name: str,
    lat: float,
    lon: float,
    country: str = "FR",
    region: str = "Hauts-de-France (département du Nord)",
) -> CaseStudy:
    return CaseStudy.model_validate(
        {
            "schema_version": 1,
            "id": case_id,
            "status": "stub",
            "last_reviewed": "2026-01-01",
            "title": {"fr": f"{name} : titre", "de": f"{name}: Titel"},
            "teaser": {"fr": "Court.", "de": "Kurz."},
            "municipality": {
                "name": name,
                "country": country,
                "territory": "small-town",
                "region": {"fr": region, "de": region},
                "population": {"value": 1000, "year": 2020, "source": "s"},
                "coordinates": {"lat": lat, "lon": lon},
            },
            "themes": ["energy"],
            "period": {"start": 2000},
            "sources": [{"id": "s", "title": "T", "publisher": "P"}],
        }
    )


def _circles(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{NS}circle"))


# -- timeline --------------------------------------------------------------------------------
EVENTS = [_event("1984"), _event("1986-12-04"), _event("2020-03")]


@pytest.mark.parametrize(
    ("lang", "title", "desc"),
    [
        ("fr", "Frise chronologique", "3 événements de 1984 à 2020"),
        ("de", "Zeitleiste", "3 Ereignisse von 1984 bis 2020"),
    ],
)
def test_timeline_is_an_image_titled_in_the_page_language(lang: str, title: str, desc: str) -> None:
    svg = _svg(timeline_svg(EVENTS, _labels(lang), lang, uid="alpha"))
    assert svg.get("role") == "img"
    got_title, got_desc = _title_desc(svg)
    assert got_title == title and got_desc.startswith(desc)
    assert svg.find(f"{NS}title").get("id") == "vp-timeline-alpha-title"  # type: ignore[union-attr]


def test_timeline_has_one_numbered_dot_per_event_placed_by_date() -> None:
    svg = _svg(timeline_svg(EVENTS, _labels("fr"), "fr", uid="alpha"))
    dots = _circles(svg)
    assert len(dots) == 3
    numbers = [t.text for t in svg.iter(f"{NS}text") if t.get("fill") == "#fff"]
    assert numbers == ["1", "2", "3"]
    xs = [float(d.get("cx", "nan")) for d in dots]
    assert xs == sorted(xs)
    years = [t.text for t in svg.iter(f"{NS}text") if t.get("fill") != "#fff"]
    assert "1985" in years and "2020" in years


def test_partial_dates_sit_in_the_middle_of_their_period() -> None:
    assert decimal_year("1986") == 1986.5
    assert decimal_year("1986-12") == pytest.approx(1986 + 11.5 / 12)
    assert decimal_year("1986-01-01") == pytest.approx(1986 + 0.5 / 365)
    assert decimal_year("2020-12-31") == pytest.approx(2020 + 365.5 / 366)


def test_crowded_timeline_keeps_every_dot_apart() -> None:
    events = [_event("1950")] + [
        _event(f"20{y:02d}-{m:02d}") for y in (19, 20) for m in range(1, 13)
    ]
    svg = _svg(timeline_svg(events, _labels("de"), "de", uid="dense"))
    dots = _circles(svg)
    assert len(dots) == len(events) == 25
    centres = [(float(d.get("cx", "0")), float(d.get("cy", "0"))) for d in dots]
    radius = float(dots[0].get("r", "0"))
    for i, a in enumerate(centres):
        for b in centres[i + 1 :]:
            assert math.dist(a, b) >= 2 * radius, (a, b)


def test_no_events_no_picture() -> None:
    assert timeline_svg([], _labels("fr"), "fr") == ""
    assert key_figures_svg([], _labels("fr"), "fr") == ""


# -- key figures -----------------------------------------------------------------------------
FIGURES = [
    _figure(72, "%", "Part renouvelable"),
    _figure(1234.5, "m²", "Surface"),
    _figure(130, "personnes", "Actionnaires", 2024),
]


@pytest.mark.parametrize(
    ("lang", "title", "number"),
    [
        ("fr", "Chiffres clés en bref", "1\u202f234,5"),
        ("de", "Kennzahlen im Überblick", "1.234,5"),
    ],
)
def test_key_figures_one_tile_each_with_localised_numbers(
    lang: str, title: str, number: str
) -> None:
    svg = _svg(key_figures_svg(FIGURES, _labels(lang), lang, uid="alpha"))
    assert svg.get("role") == "img"
    assert _title_desc(svg)[0] == title
    assert _title_desc(svg)[1].startswith("3 ")
    tiles = [r for r in svg.iter(f"{NS}rect") if r.get("fill") == "#f3f6fb"]
    assert len(tiles) == 3
    texts = ["".join(t.itertext()) for t in svg.iter(f"{NS}text")]
    assert any(t.startswith(number) for t in texts), texts
    assert "2024" in texts


def test_only_percentages_get_a_bar_out_of_100() -> None:
    svg = _svg(key_figures_svg(FIGURES, _labels("fr"), "fr", uid="alpha"))
    track = [r for r in svg.iter(f"{NS}rect") if r.get("fill") == "#d5dce6"]
    bar = [r for r in svg.iter(f"{NS}rect") if r.get("fill") == "#1d4f91"]
    assert len(track) == len(bar) == 1
    assert float(bar[0].get("width", "0")) / float(track[0].get("width", "1")) == (
        pytest.approx(0.72, abs=0.01)
    )


def test_a_label_missing_in_the_page_language_is_marked_with_its_own() -> None:
    fig = KeyFigure.model_validate(
        {
            "label": {"fr": "Seulement en français", "de": ""},
            "value": 3,
            "year": 2020,
            "source": "s",
        },
        context={"languages": ("fr", "de"), "required_languages": ("fr",)},
    )
    svg = _svg(key_figures_svg([fig], _labels("de"), "de", uid="x"))
    marked = [t for t in svg.iter(f"{NS}text") if t.get("lang") == "fr"]
    assert [t.text for t in marked] == ["Seulement en français"]


# -- escaping and determinism ----------------------------------------------------------------
def test_hostile_text_stays_text() -> None:
    outputs = [
        timeline_svg(EVENTS, _labels("fr"), "fr", uid='a"b'),
        key_figures_svg([_figure(1, HOSTILE, HOSTILE)], _labels("fr"), "fr"),
        places_svg(
            [_case("x", HOSTILE, 50, 3)], _labels("fr"), "fr", lambda cid: f'/x?a=1&b="{cid}"'
        ),
    ]
    for markup in outputs:
        assert "<script" not in markup
        svg = _svg(markup)  # parses: nothing broke out of an attribute or element
        assert not list(svg.iter("script")) and not list(svg.iter(f"{NS}script"))
    texts = ["".join(t.itertext()) for t in _svg(outputs[1]).iter(f"{NS}text")]
    assert HOSTILE in " ".join(texts), texts  # the label, wrapped over lines
    link = next(_svg(outputs[2]).iter(f"{NS}a"))
    assert link.get("href") == '/x?a=1&b="x"'


def test_output_is_deterministic() -> None:
    cases = [_case("b", "Beta", 51.2, 14.1, "DE", "Saxe"), _case("a", "Alpha", 50.45, 2.79)]
    for make in (
        lambda: timeline_svg(EVENTS, _labels("fr"), "fr"),
        lambda: key_figures_svg(FIGURES, _labels("de"), "de"),
        lambda: places_svg(cases, _labels("fr"), "fr", lambda cid: cid),
    ):
        assert make() == make()
    assert places_svg(cases, _labels("fr"), "fr", str) == places_svg(
        cases[::-1], _labels("fr"), "fr", str
    )
    unnamed = timeline_svg(EVENTS, _labels("fr"), "fr")
    other = timeline_svg(EVENTS[:2], _labels("fr"), "fr")
    assert re.search(r'id="vp-timeline-[0-9a-f]{10}-title"', unnamed)
    assert _svg(unnamed).find(f"{NS}title").get("id") != (  # type: ignore[union-attr]
        _svg(other).find(f"{NS}title").get("id")
    )  # type: ignore[union-attr]


# -- places ----------------------------------------------------------------------------------
CASES = [
    _case("loos", "Loos-en-Gohelle", 50.4583, 2.7942),
    _case("gs", "Grande-Synthe", 51.0139, 2.3028, region="Hauts-de-France, CUD"),
    _case("neb", "Nebelschütz", 51.2639, 14.1586, "DE", "Saxe (Landkreis de Bautzen)"),
    _case("mou", "Mouans-Sartoux", 43.62, 6.9719, region="Provence-Alpes-Côte d'Azur"),
]


@pytest.mark.parametrize(
    ("lang", "title", "desc"),
    [
        ("fr", "Carte des études de cas", "avec 4 études de cas"),
        ("de", "Karte der Fallstudien", "mit 4 Fallstudien"),
    ],
)
def test_map_has_one_linked_named_point_per_case(lang: str, title: str, desc: str) -> None:
    svg = _svg(places_svg(CASES, _labels(lang), lang, lambda cid: f"../cases/{cid}/"))
    assert svg.get("role") == "group"  # focusable links inside: not a flat image
    got_title, got_desc = _title_desc(svg)
    assert got_title == title and desc in got_desc
    links = list(svg.iter(f"{NS}a"))
    assert sorted(a.get("href") or "" for a in links) == sorted(f"../cases/{c.id}/" for c in CASES)
    for link in links:
        assert len(list(link.iter(f"{NS}circle"))) == 1
        label = link.find(f"{NS}text")
        assert label is not None and label.text in {c.municipality.name for c in CASES}
        name = link.find(f"{NS}title")
        assert name is not None and (name.text or "").startswith(label.text or "?")


def test_map_points_follow_coordinates_without_distortion() -> None:
    svg = _svg(places_svg(CASES, _labels("fr"), "fr", str))
    at = {a.get("href"): next(a.iter(f"{NS}circle")) for a in svg.iter(f"{NS}a")}
    x = {k: float(c.get("cx", "0")) for k, c in at.items()}
    y = {k: float(c.get("cy", "0")) for k, c in at.items()}
    assert x["gs"] < x["loos"] < x["mou"] < x["neb"]
    assert y["neb"] < y["gs"] < y["loos"] < y["mou"]
    # One degree of latitude is longer on the map than one of longitude (cos 48° ≈ 0.67).
    per_lat = (y["mou"] - y["loos"]) / (50.4583 - 43.62)
    per_lon = (x["neb"] - x["loos"]) / (14.1586 - 2.7942)
    assert per_lon / per_lat == pytest.approx(math.cos(math.radians(48.25)), abs=0.01)


def test_map_grows_to_take_in_a_far_case_and_labels_do_not_collide() -> None:
    far = _case("far", "Kraków", 50.06, 19.94, "PL", "Petite-Pologne")
    near = _case("near", "Liévin", 50.42, 2.78)
    svg = _svg(places_svg([*CASES, far, near], _labels("fr"), "fr", str))
    width = float((svg.get("viewBox") or "").split()[2])
    dots = {a.get("href"): next(a.iter(f"{NS}circle")) for a in svg.iter(f"{NS}a")}
    assert 0 < float(dots["far"].get("cx", "0")) < width
    labels = [a.find(f"{NS}text") for a in svg.iter(f"{NS}a")]
    spots = {(t.get("x"), t.get("y")) for t in labels if t is not None}
    assert len(spots) == len(labels)


def test_places_by_region_groups_country_then_region() -> None:
    groups = places_by_region(CASES, _labels("fr"), "fr")
    assert [g.name for g in groups] == ["Allemagne", "France"]
    france = groups[1]
    assert [r.name for r in france.regions] == ["Hauts-de-France", "Provence-Alpes-Côte d'Azur"]
    assert [c.municipality.name for c in france.regions[0].cases] == [
        "Grande-Synthe",
        "Loos-en-Gohelle",
    ]
    de = places_by_region(CASES, _labels("de"), "de")
    assert [g.name for g in de] == ["Deutschland", "Frankreich"]
    assert de[0].regions[0].name == "Saxe"


# -- in the built site -----------------------------------------------------------------------
def _charts(html: str) -> list[ET.Element]:
    blocks = re.findall(r'<div class="vp-chart vp-chart--\w+">.*?</svg>\s*</div>', html, re.S)
    return [ET.fromstring(block) for block in blocks]


def test_places_page_and_timeline_in_both_languages(mini: Path) -> None:
    site = build_site(load_config(mini), kits=False, workers=1)
    for lang, places, case, word in (
        ("fr", "lieux", "etudes-de-cas/alpha", "Lieux"),
        ("de", "orte", "fallstudien/alpha", "Orte"),
    ):
        html = (site / lang / places / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and word in html
        (svg,) = [w.find(f"{NS}svg") for w in _charts(html)]
        assert svg is not None and len(list(svg.iter(f"{NS}a"))) == 2
        assert (
            'href="../fallstudien/beta/"' in html
            if lang == "de"
            else ('href="../etudes-de-cas/beta/"' in html)
        )
        page = (site / lang / case / "index.html").read_text(encoding="utf-8")
        (timeline,) = _charts(page)  # Markdown passed the SVG through intact
        assert timeline.get("class") == "vp-chart vp-chart--timeline"
        nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split(
            "md-sidebar--secondary", 1
        )[0]
        assert word in nav
