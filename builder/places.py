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

from . import facets
from .i18n import Labels, LanguageService
from .model import CaseStudy
from .outlines import COUNTRIES, NAME_AT, Point
from .svg_kit import ACCENT, MUTED, TEXT, counted, el, figure, num, pick_text, text_width

MAP_BOUNDS = (-5.2, 15.6, 41.3, 55.2)  # lon min, lon max, lat min, lat max
MAP_W = 600.0
MAP_MARGIN = 8.0
LABEL_SIZE = 14
SMALL_COUNTRIES = ("BE", "NL", "LU")
Box = tuple[float, float, float, float]


def _projection(places: Iterable[Point]) -> tuple[Callable[[Point], Point], float]:
    """Equirectangular with its standard parallel at the middle latitude (so France is not
    stretched sideways), extended to take in every place (lon, lat); returns
    (project, height)."""
    lon0, lon1, lat0, lat1 = MAP_BOUNDS
    for lon, lat in places:
        lon0, lon1 = min(lon0, lon - 0.6), max(lon1, lon + 0.6)
        lat0, lat1 = min(lat0, lat - 0.6), max(lat1, lat + 0.6)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (MAP_W - 2 * MAP_MARGIN) / ((lon1 - lon0) * kx)

    def project(point: Point) -> Point:
        lon, lat = point
        return MAP_MARGIN + (lon - lon0) * kx * scale, MAP_MARGIN + (lat1 - lat) * scale

    return project, (lat1 - lat0) * scale + 2 * MAP_MARGIN


#: The map's projection, for other maps drawn on the same outlines (builder.home).
projection = _projection


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
    lonlat = [(c.municipality.coordinates.lon, c.municipality.coordinates.lat) for c in ordered]
    project, height, body, taken, avoid = _base_map(lonlat, labels)
    points = [project(p) for p in lonlat]
    for x, y in points:
        taken.append((x - 9, y - 9, x + 9, y + 9))
    for case, (x, y) in zip(ordered, points, strict=True):
        name = case.municipality.name
        title, used = pick_text(case.title, labels)
        body.append(
            _marker(
                x,
                y,
                name,
                f"{name} — {title}",
                None if used == lang else used,
                href(case.id),
                taken,
                avoid,
                height,
            )
        )
    desc = counted(labels, "places_map_desc", len(ordered))
    return figure(
        "places", uid, labels("places_map_title"), desc, (MAP_W, height), body, role="group"
    )


def regions_svg(
    regions: Sequence[Region],
    labels: Labels,
    lang: str,
    href: Callable[[str], str],
    *,
    uid: str = "regions",
) -> Markup:
    """The map with one linked point per region instead of one per case — for catalogues
    too large to draw every case: each point sits at the middle of its region's cases and
    is labelled with the region's name and its number of cases; ``href(region_id)`` leads
    to the list of the region's cases."""
    ordered = sorted(regions, key=lambda r: (sort_key(r.name(labels)), r.id))
    lonlat = [r.centre for r in ordered]
    project, height, body, taken, avoid = _base_map(lonlat, labels)
    points = _spread([project(p) for p in lonlat], (MAP_W, height))
    for x, y in points:
        taken.append((x - 9, y - 9, x + 9, y + 9))
    for region, (x, y) in zip(ordered, points, strict=True):
        name = region.name(labels)
        count = labels.number(len(region.cases))
        body.append(
            _marker(
                x,
                y,
                f"{name} ({count})",
                f"{name}: {counted(labels, 'n_cases', len(region.cases))}",
                None,
                href(region.id),
                taken,
                avoid,
                height,
            )
        )
    desc = counted(
        labels,
        "places_map_desc_regions",
        len(ordered),
        cases=labels.number(sum(len(r.cases) for r in ordered)),
    )
    return figure(
        "places", uid, labels("places_map_title"), desc, (MAP_W, height), body, role="group"
    )


def _spread(
    points: Sequence[Point], size: tuple[float, float], gap: float = 30.0, rounds: int = 60
) -> list[Point]:
    """Points moved apart until no two are closer than ``gap`` (or ``rounds`` are done):
    a region's point stands for many places, so a small shift keeps every point and its
    label readable where the middles of neighbouring regions nearly coincide."""
    out = [list(p) for p in points]
    for _ in range(rounds):
        moved = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                dx, dy = out[j][0] - out[i][0], out[j][1] - out[i][1]
                dist = math.hypot(dx, dy)
                if dist >= gap:
                    continue
                if dist < 1e-6:  # the same spot: part along a fixed direction per pair
                    angle = (i * 7 + j * 3) % 12 * math.pi / 6
                    dx, dy, dist = math.cos(angle), math.sin(angle), 1.0
                push = (gap - dist) / 2 / dist
                out[i][0] -= dx * push
                out[i][1] -= dy * push
                out[j][0] += dx * push
                out[j][1] += dy * push
                moved = True
        for p in out:
            p[0] = min(max(p[0], MAP_MARGIN), size[0] - MAP_MARGIN)
            p[1] = min(max(p[1], MAP_MARGIN), size[1] - MAP_MARGIN)
        if not moved:
            break
    return [(x, y) for x, y in out]


def _base_map(
    lonlat: Sequence[Point], labels: Labels
) -> tuple[Callable[[Point], Point], float, list[Markup], _Boxes, list[Box]]:
    """The outlines and country names, projected to take in every place: (project,
    height, elements, boxes taken by the names, boxes of small countries to keep clear)."""
    project, height = _projection(lonlat)
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
    return project, height, body, taken, avoid


def _marker(
    x: float,
    y: float,
    label: str,
    title: str,
    title_lang: str | None,
    link: str,
    taken: _Boxes,
    avoid: list[Box],
    height: float,
) -> Markup:
    """One linked point with its label beside it, where it hides least."""
    width = text_width(label, LABEL_SIZE)
    tx, ty, anchor = _place_label(x, y, width, taken, avoid, height)
    left = tx - {"start": 0, "middle": width / 2, "end": width}[anchor]
    taken.append((left, ty - 13, left + width, ty + 4))
    return el(
        "a",
        [
            el("title", title, lang=title_lang),
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
                label,
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
        href=link,
        class_="vp-map__place",
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


def region_name(case: CaseStudy, labels: Labels) -> str:
    """The region without its details: "Hauts-de-France (département du Nord), …" →
    "Hauts-de-France", so that cases of one region are listed together."""
    text = pick_text(case.municipality.region, labels)[0]
    return text.split(" (", 1)[0].split(",", 1)[0].strip() or text


def places_by_region(cases: Iterable[CaseStudy], labels: Labels, lang: str) -> list[CountryGroup]:
    """Cases grouped by country, then region, each level sorted alphabetically in ``lang``
    (the map's fallback: a list that needs no picture)."""
    tree: dict[str, dict[str, list[CaseStudy]]] = {}
    for case in cases:
        regions = tree.setdefault(case.municipality.country, {})
        regions.setdefault(region_name(case, labels), []).append(case)
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


# -- regions: the places page of a large catalogue ------------------------------------------
@dataclass(frozen=True)
class Region:
    """The cases of one region of one country. ``id`` (``de-saxe``: country and the region
    facet of the case finder) is the same in every language; names come from the cases."""

    id: str
    country: str
    cases: tuple[CaseStudy, ...]  # by id

    def name(self, labels: Labels) -> str:
        return region_name(self.cases[0], labels)

    @property
    def centre(self) -> Point:
        """The middle of the region's cases (lon, lat): where its point goes on the map."""
        n = len(self.cases)
        return (
            sum(c.municipality.coordinates.lon for c in self.cases) / n,
            sum(c.municipality.coordinates.lat for c in self.cases) / n,
        )


def regions_of(cases: Iterable[CaseStudy], texts: LanguageService) -> dict[str, Region]:
    """Cases grouped by country and region (as the case finder's region filter groups them),
    by id; cases in a region by id."""
    groups: dict[tuple[str, str], list[CaseStudy]] = {}
    for case in sorted(cases, key=lambda c: c.id):
        region = facets.case_values(case, texts)["region"][0]
        groups.setdefault((case.municipality.country, region), []).append(case)
    return {
        f"{country.lower()}-{region}": Region(f"{country.lower()}-{region}", country, tuple(found))
        for (country, region), found in sorted(groups.items())
    }


def regions_by_country(
    regions: Iterable[Region], labels: Labels, lang: str
) -> list[tuple[str, str, list[Region]]]:
    """(country code, country name, its regions) sorted by name in ``lang``."""
    tree: dict[str, list[Region]] = {}
    for region in regions:
        tree.setdefault(region.country, []).append(region)
    out = [
        (
            code,
            labels(f"country_{code}"),
            sorted(found, key=lambda r: (sort_key(r.name(labels)), r.id)),
        )
        for code, found in tree.items()
    ]
    return sorted(out, key=lambda g: sort_key(g[1]))
