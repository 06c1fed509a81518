"""Where the cases are: a schematic map (SVG) and the same places as a list by country and
region — the list is what readers get who do not see the map.

The map is an equirectangular projection with its standard parallel at the middle latitude
(so France keeps its shape) of the schematic outlines in :mod:`builder.outlines`, with one
linked, labelled point per case; labels are placed beside their point where they hide
neither another point nor another label.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .i18n import Labels
from .model import CaseStudy
from .outlines import COUNTRIES, NAME_AT, Point
from .svg_kit import ACCENT, MUTED, TEXT, counted, el, figure, num, pick_text, text_width

MAP_BOUNDS = (-5.2, 15.6, 41.3, 55.2)  # lon min, lon max, lat min, lat max
MAP_W = 600.0
MAP_MARGIN = 8.0
LABEL_SIZE = 14
SMALL_COUNTRIES = ("BE", "NL", "LU")
Box = tuple[float, float, float, float]


def _projection(cases: Sequence[CaseStudy]) -> tuple[Callable[[Point], Point], float]:
    """Equirectangular with its standard parallel at the middle latitude (so France is not
    stretched sideways), extended to take in every case; returns (project, height)."""
    lon0, lon1, lat0, lat1 = MAP_BOUNDS
    for case in cases:
        co = case.municipality.coordinates
        lon0, lon1 = min(lon0, co.lon - 0.6), max(lon1, co.lon + 0.6)
        lat0, lat1 = min(lat0, co.lat - 0.6), max(lat1, co.lat + 0.6)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (MAP_W - 2 * MAP_MARGIN) / ((lon1 - lon0) * kx)

    def project(point: Point) -> Point:
        lon, lat = point
        return MAP_MARGIN + (lon - lon0) * kx * scale, MAP_MARGIN + (lat1 - lat) * scale

    return project, (lat1 - lat0) * scale + 2 * MAP_MARGIN


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


class _Boxes:
    """Boxes in insertion order, indexed by a grid so that :meth:`overlap` looks only at the
    boxes near the one asked about: placing N labels stays near-linear instead of comparing
    each with every other (minutes at 5,000 cases). Only boxes that share no grid cell are
    skipped, and those overlap by 0, so the sums — in the same order — are the same."""

    CELL = 32.0

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self.grid: dict[tuple[int, int], list[int]] = {}

    def _cells(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.CELL
        for gx in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1):
            for gy in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1):
                yield gx, gy

    def append(self, box: Box) -> None:
        for cell in self._cells(box):
            self.grid.setdefault(cell, []).append(len(self.boxes))
        self.boxes.append(box)

    def overlap(self, box: Box) -> float:
        """The sum of ``box``'s overlaps with every box, added in insertion order."""
        near = sorted({i for cell in self._cells(box) for i in self.grid.get(cell, ())})
        return sum(_overlap(box, self.boxes[i]) for i in near)


def _place_label(
    x: float, y: float, width: float, taken: _Boxes, avoid: list[Box], height: float
) -> tuple[float, float, str]:
    """(x, y, text-anchor) of a label beside a point: never over what is ``taken`` (points,
    other labels) if it can help, preferably not over what to ``avoid``."""
    options = [
        (x + 11, y + 5, "start"),
        (x - 11, y + 5, "end"),
        (x + 9, y - 8, "start"),
        (x + 9, y + 18, "start"),
        (x, y - 12, "middle"),
        (x, y + 23, "middle"),
        (x - 9, y - 8, "end"),
        (x - 9, y + 18, "end"),
    ]
    best, best_cost = options[0], math.inf
    for tx, ty, anchor in options:
        left = tx - {"start": 0, "middle": width / 2, "end": width}[anchor]
        box = (left - 2, ty - 13, left + width + 2, ty + 4)
        cost = taken.overlap(box)
        cost += 0.2 * sum(_overlap(box, other) for other in avoid)
        if box[0] < 0 or box[2] > MAP_W or box[1] < 0 or box[3] > height:
            cost += 10_000
        if cost < best_cost:
            best, best_cost = (tx, ty, anchor), cost
        if cost == 0:
            break
    return best


def places_svg(
    cases: Sequence[CaseStudy],
    labels: Labels,
    lang: str,
    href: Callable[[str], str],
    *,
    uid: str = "cases",
) -> Markup:
    """A schematic map of France, Germany and the Benelux with one linked, labelled point per
    case. ``href(case_id)`` gives each link; links are keyboard-focusable, so the picture is
    a named group (``role="group"``), not an image whose children would be hidden."""
    ordered = sorted(cases, key=lambda c: (sort_key(c.municipality.name), c.id))
    project, height = _projection(ordered)
    body = [el("rect", width=MAP_W, height=height, fill="#fff")]
    for code, polygons in COUNTRIES.items():
        fill = "#f2f2f2" if code in SMALL_COUNTRIES else "#e6edf6"
        for poly in polygons:
            d = "M" + "L".join(f"{num(px)} {num(py)}" for px, py in map(project, poly)) + "Z"
            body.append(
                el(
                    "path",
                    d=d,
                    fill=fill,
                    stroke="#7d8b99",
                    stroke_width=1,
                    stroke_linejoin="round",
                )
            )
    taken = _Boxes()
    avoid: list[Box] = []  # small countries: a label there would hide them
    for code in SMALL_COUNTRIES:
        xs, ys = zip(*map(project, COUNTRIES[code][0]), strict=True)
        avoid.append((min(xs), min(ys), max(xs), max(ys)))
    for code, at in NAME_AT.items():
        name = labels(f"country_{code}").upper()
        x, y = project(at)
        w = text_width(name, 14) + 2 * len(name)
        taken.append((x - w / 2, y - 13, x + w / 2, y + 3))
        body.append(
            el(
                "text",
                name,
                x=x,
                y=y,
                font_size=14,
                fill=MUTED,
                letter_spacing=2,
                text_anchor="middle",
                aria_hidden="true",
            )
        )
    points = [
        project((c.municipality.coordinates.lon, c.municipality.coordinates.lat)) for c in ordered
    ]
    for x, y in points:
        taken.append((x - 9, y - 9, x + 9, y + 9))
    for case, (x, y) in zip(ordered, points, strict=True):
        name = case.municipality.name
        width = text_width(name, LABEL_SIZE)
        tx, ty, anchor = _place_label(x, y, width, taken, avoid, height)
        left = tx - {"start": 0, "middle": width / 2, "end": width}[anchor]
        taken.append((left, ty - 13, left + width, ty + 4))
        title, used = pick_text(case.title, lang)
        body.append(
            el(
                "a",
                [
                    el("title", f"{name} — {title}", lang=None if used == lang else used),
                    el(
                        "circle",
                        cx=x,
                        cy=y,
                        r=7,
                        fill=ACCENT,
                        stroke="#fff",
                        stroke_width=2,
                        class_="vp-map__dot",
                    ),
                    el(
                        "text",
                        name,
                        x=tx,
                        y=ty,
                        font_size=LABEL_SIZE,
                        fill=TEXT,
                        text_anchor=anchor,
                        stroke="#fff",
                        stroke_width=3.5,
                        paint_order="stroke",
                        stroke_linejoin="round",
                        class_="vp-map__label",
                    ),
                ],
                href=href(case.id),
                class_="vp-map__place",
            )
        )
    desc = counted(labels, "places_map_desc", len(ordered))
    return figure(
        "places", uid, labels("places_map_title"), desc, (MAP_W, height), body, role="group"
    )


# -- places as a list ------------------------------------------------------------------------
@dataclass(frozen=True)
class RegionGroup:
    name: str
    cases: tuple[CaseStudy, ...]


@dataclass(frozen=True)
class CountryGroup:
    code: str
    name: str
    regions: tuple[RegionGroup, ...]


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (É sorts with E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def region_name(case: CaseStudy, lang: str) -> str:
    """The region without its details: "Hauts-de-France (département du Nord), …" →
    "Hauts-de-France", so that cases of one region are listed together."""
    text = pick_text(case.municipality.region, lang)[0]
    return text.split(" (", 1)[0].split(",", 1)[0].strip() or text


def places_by_region(cases: Iterable[CaseStudy], labels: Labels, lang: str) -> list[CountryGroup]:
    """Cases grouped by country, then region, each level sorted alphabetically in ``lang``
    (the map's fallback: a list that needs no picture)."""
    tree: dict[str, dict[str, list[CaseStudy]]] = {}
    for case in cases:
        regions = tree.setdefault(case.municipality.country, {})
        regions.setdefault(region_name(case, lang), []).append(case)
    groups = [
        CountryGroup(
            code,
            labels(f"country_{code}"),
            tuple(
                RegionGroup(name, tuple(sorted(found, key=lambda c: sort_key(c.municipality.name))))
                for name, found in sorted(regions.items(), key=lambda kv: sort_key(kv[0]))
            ),
        )
        for code, regions in tree.items()
    ]
    return sorted(groups, key=lambda g: sort_key(g.name))
