"""Pictures as static inline SVG, generated at build time: timeline, key figures, places map.

Pure functions — data in, escaped markup out; no MkDocs, no charting library, no script.
Every picture carries ``<title>`` and ``<desc>`` in the page's language, referenced by
``aria-labelledby`` with ids derived from the record id and the kind of picture (so the
output is deterministic); the HTML list or table next to it stays the data fallback.
Colours meet WCAG AA: text is #1a1a1a or #4d4d4d on white or near-white, white on the
#1d4f91 accent. Text sizes are estimated from character classes, which is enough to wrap
labels and keep them from overlapping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from .i18n import Labels
from .markdown_safe import plain
from .model import CaseStudy, KeyFigure, TimelineEvent
from .outlines import COUNTRIES, NAME_AT, Point

ACCENT = "#1d4f91"  # 8.2:1 on white; white on it: 8.2:1
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"  # 8.5:1 on white
TILE = "#f3f6fb"  # accent on it: 7.5:1
WIDTH = 720
Content = str | Markup | Iterable[Markup] | None


# -- small helpers ---------------------------------------------------------------------------
def _num(value: float) -> str:
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _el(tag: str, content: Content = None, /, **attrs: object) -> Markup:
    """One element; attribute values and text are escaped. ``class_`` → ``class``,
    ``font_size`` → ``font-size``; ``None`` drops the attribute."""
    head = [tag]
    for key, value in attrs.items():
        if value is None:
            continue
        shown = _num(value) if isinstance(value, float) else value
        head.append(f'{key.rstrip("_").replace("_", "-")}="{escape(shown)}"')
    start = " ".join(head)
    if content is None:
        return Markup(f"<{start}/>")
    if not isinstance(content, str):
        content = Markup("\n").join(content)
    return Markup(f"<{start}>{escape(content)}</{tag}>")


def text_width(text: str, size: float) -> float:
    """Rough rendered width of ``text`` in a sans-serif font (a little generous)."""
    em = 0.0
    for ch in text:
        if ch in "iljtfrI.,;:'!|()[] \u00a0\u202f":
            em += 0.32
        elif ch in "mwMW@%—":
            em += 0.86
        elif ch.isupper() or ch.isdigit():
            em += 0.64
        else:
            em += 0.54
    return em * size


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to lines no wider than ``width`` (a single long word may be)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and text_width(trial, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def _pick(value: Mapping[str, str] | None, lang: str) -> tuple[str, str]:
    """(plain text, its language): the page's language, else the first one given."""
    if not value:
        return "", lang
    used = lang if value.get(lang) else next((k for k, v in value.items() if v), lang)
    return plain(value.get(used, ""), used), used


def _uid(kind: str, data: object) -> str:
    return hashlib.sha1(f"{kind}:{data!r}".encode()).hexdigest()[:10]


def _counted(labels: Labels, key: str, count: int, **values: object) -> str:
    template = labels(f"{key}_one") if count == 1 else labels(key)
    return template.format(count=labels.number(count), **values)


def _figure(kind: str, uid: str, title: str, desc: str, size: tuple[float, float],
            body: Sequence[Markup], *, role: str = "img") -> Markup:
    base = f"vp-{kind}-{uid}"
    width, height = size
    svg = _el(
        "svg",
        [_el("title", title, id=f"{base}-title"), _el("desc", desc, id=f"{base}-desc"), *body],
        xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {_num(width)} {_num(height)}",
        width=float(width), height=float(height), role=role, class_="vp-chart__svg",
        aria_labelledby=f"{base}-title {base}-desc", font_family="inherit",
    )
    return Markup('<div class="vp-chart vp-chart--{0}">\n{1}\n</div>\n').format(kind, svg)


# -- timeline --------------------------------------------------------------------------------
DOT_R = 10.0
LANE_H = 24.0
MARGIN_X = 30.0
MAX_LANES = 3
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def decimal_year(date: str) -> float:
    """Position of a partial date on a year axis: the middle of its year, month or day."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    day = dt.date(parts[0], parts[1], parts[2])
    days = (dt.date(parts[0] + 1, 1, 1) - dt.date(parts[0], 1, 1)).days
    return parts[0] + (day.timetuple().tm_yday - 0.5) / days


def _lanes(xs: Sequence[float]) -> list[int]:
    """Lane per position (0 = on the axis) so that dots in one lane never touch."""
    ends: list[float] = []
    lanes = [0] * len(xs)
    for i in sorted(range(len(xs)), key=lambda i: (xs[i], i)):
        free = next((k for k, end in enumerate(ends) if xs[i] - end >= 2 * DOT_R + 2), None)
        if free is None:
            ends.append(xs[i])
            free = len(ends) - 1
        ends[free] = xs[i]
        lanes[i] = free
    return lanes


def timeline_svg(events: Sequence[TimelineEvent], labels: Labels, lang: str, *,
                 uid: str = "") -> Markup:
    """A year axis with one numbered dot per event (numbers = the list's order). Dense
    stretches stack dots in lanes; long, crowded periods wrap onto several axes."""
    if not events:
        return Markup("")
    years = [decimal_year(e.date) for e in events]
    first, last = min(years), max(years)
    start, end = math.floor(first), math.floor(last) + 1
    pad = max(0, 4 - (end - start))
    start, end = start - pad // 2, end + pad - pad // 2
    plot_w = WIDTH - 2 * MARGIN_X
    for rows in range(1, 5):  # fewest axes on which no stack is more than MAX_LANES high
        chunk = math.ceil((end - start) / rows)
        scale = plot_w / chunk
        row_of = [min(int((y - start) // chunk), rows - 1) for y in years]
        xs = [MARGIN_X + (y - start - r * chunk) * scale
              for y, r in zip(years, row_of, strict=True)]
        lanes = _lanes_by_row(xs, row_of, rows)
        if max(lanes) < MAX_LANES:
            break
    body: list[Markup] = []
    top = 6.0
    step = next((s for s in TICK_STEPS if s * scale >= 48), TICK_STEPS[-1])
    for r in range(rows):
        here = [i for i in range(len(events)) if row_of[i] == r]
        height = (max((lanes[i] for i in here), default=0) + 1) * LANE_H
        axis_y = top + height + 8
        a, b = start + r * chunk, min(start + (r + 1) * chunk, end)
        body += _axis(a, b, scale, axis_y, step)
        for i in here:  # leaders first, dots on top
            body.append(_el("line", x1=xs[i], x2=xs[i], y1=axis_y - 14 - lanes[i] * LANE_H,
                            y2=axis_y, stroke=ACCENT, stroke_width=1.5))
        for i in here:
            cy = axis_y - 14 - lanes[i] * LANE_H
            body.append(_el("circle", cx=xs[i], cy=cy, r=DOT_R, fill=ACCENT))
            body.append(_el("text", str(i + 1), x=xs[i], y=cy + 4, fill="#fff", font_size=11,
                            font_weight="700", text_anchor="middle"))
        top = axis_y + 30
    title = labels("chart_timeline_title")
    desc = _counted(labels, "chart_timeline_desc", len(events), start=math.floor(first),
                    end=math.floor(last))
    return _figure("timeline", uid or _uid("timeline", years), title, desc, (WIDTH, top), body)


def _lanes_by_row(xs: Sequence[float], row_of: Sequence[int], rows: int) -> list[int]:
    lanes = [0] * len(xs)
    for r in range(rows):
        idx = [i for i in range(len(xs)) if row_of[i] == r]
        for i, lane in zip(idx, _lanes([xs[i] for i in idx]), strict=True):
            lanes[i] = lane
    return lanes


def _axis(a: int, b: int, scale: float, y: float, step: int) -> list[Markup]:
    x_of = lambda year: MARGIN_X + (year - a) * scale  # noqa: E731
    out = [_el("line", x1=x_of(a), x2=x_of(b), y1=y, y2=y, stroke=MUTED, stroke_width=1.5)]
    for year in range(a, b + 1):
        labelled = year % step == 0
        if labelled or scale >= 6:
            out.append(_el("line", x1=x_of(year), x2=x_of(year), y1=y,
                           y2=y + (6 if labelled else 3), stroke=MUTED, stroke_width=1))
        if labelled:
            out.append(_el("text", str(year), x=x_of(year), y=y + 19, fill=MUTED, font_size=12,
                           text_anchor="middle"))
    return out


# -- key figures -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tile:
    value: str
    unit: str
    unit_lines: list[str]  # empty when the unit fits next to the number
    share: float | None  # 0..1 for percentages, drawn as a bar
    label: list[str]
    label_lang: str
    year: int

    @property
    def height(self) -> float:
        return (44 + 19 * len(self.unit_lines) + (20 if self.share is not None else 0)
                + 17 * len(self.label) + 28)


def _tile(fig: KeyFigure, labels: Labels, lang: str, inner: float) -> _Tile:
    value = labels.number(fig.value)
    unit = _pick(fig.unit, lang)[0].strip()
    label, label_lang = _pick(fig.label, lang)
    beside = text_width(value, 30) * 1.08 + 6 + text_width(unit, 15) <= inner
    share = fig.value / 100 if unit == "%" and 0 <= fig.value <= 100 else None
    return _Tile(value, unit, [] if beside else wrap(unit, 15, inner), share,
                 wrap(label, 13, inner), label_lang, fig.year)


def key_figures_svg(figures: Sequence[KeyFigure], labels: Labels, lang: str, *,
                    uid: str = "") -> Markup:
    """One tile per figure: the number large, its unit, a bar out of 100 for percentages,
    the label and year. Figures in different units are never put on one scale."""
    if not figures:
        return Markup("")
    cols, gap, pad = min(3, len(figures)), 12.0, 12.0
    tile_w = (WIDTH - gap * (cols - 1)) / cols
    tiles = [_tile(f, labels, lang, tile_w - 2 * pad) for f in figures]
    body: list[Markup] = []
    y = 0.0
    for row in range(0, len(tiles), cols):
        height = max(t.height for t in tiles[row:row + cols])
        for col, tile in enumerate(tiles[row:row + cols]):
            body += _draw_tile(tile, col * (tile_w + gap), y, tile_w, height, pad, lang)
        y += height + gap
    desc = _counted(labels, "chart_figures_desc", len(figures))
    return _figure("figures", uid or _uid("figures", [f.model_dump() for f in figures]),
                   labels("chart_figures_title"), desc, (WIDTH, y - gap), body)


def _draw_tile(t: _Tile, x: float, y: float, w: float, h: float, pad: float,
               lang: str) -> list[Markup]:
    out = [_el("rect", x=x, y=y, width=w, height=h, rx=6, fill=TILE, stroke="#c9d3e0")]
    left, line_y = x + pad, y + pad + 28
    number = [_el("tspan", t.value, font_size=30, font_weight="700", fill=ACCENT)]
    if t.unit and not t.unit_lines:
        number.append(_el("tspan", f"\u00a0{t.unit}", font_size=15, fill=TEXT))
    out.append(_el("text", number, x=left, y=line_y))
    for part in t.unit_lines:
        line_y += 19
        out.append(_el("text", part, x=left, y=line_y, font_size=15, fill=TEXT))
    if t.share is not None:
        out.append(_el("rect", x=left, y=line_y + 10, width=w - 2 * pad, height=8, rx=4,
                       fill="#d5dce6"))
        out.append(_el("rect", x=left, y=line_y + 10, width=(w - 2 * pad) * t.share, height=8,
                       rx=4, fill=ACCENT))
        line_y += 20
    line_y += 6
    for part in t.label:
        line_y += 17
        out.append(_el("text", part, x=left, y=line_y, font_size=13, fill=TEXT,
                       lang=t.label_lang if t.label_lang != lang else None))
    out.append(_el("text", str(t.year), x=left, y=y + h - pad, font_size=12, fill=MUTED))
    return out


# -- places ----------------------------------------------------------------------------------
MAP_BOUNDS = (-5.2, 15.6, 41.3, 55.2)  # lon min, lon max, lat min, lat max
MAP_W = 600.0
MAP_MARGIN = 8.0
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


def _place_label(x: float, y: float, width: float, taken: list[Box], height: float) -> tuple[
        float, float, str]:
    """(x, y, text-anchor) of a 13 px label beside a point, avoiding what is taken."""
    options = [(x + 10, y + 4.5, "start"), (x - 10, y + 4.5, "end"), (x + 8, y - 7, "start"),
               (x + 8, y + 16, "start"), (x, y - 11, "middle"), (x, y + 21, "middle"),
               (x - 8, y - 7, "end"), (x - 8, y + 16, "end")]
    best, best_cost = options[0], math.inf
    for tx, ty, anchor in options:
        left = tx - {"start": 0, "middle": width / 2, "end": width}[anchor]
        box = (left - 2, ty - 12, left + width + 2, ty + 3)
        cost = sum(_overlap(box, other) for other in taken)
        if box[0] < 0 or box[2] > MAP_W or box[1] < 0 or box[3] > height:
            cost += 10_000
        if cost < best_cost:
            best, best_cost = (tx, ty, anchor), cost
        if cost == 0:
            break
    return best


def places_svg(cases: Sequence[CaseStudy], labels: Labels, lang: str,
               href: Callable[[str], str], *, uid: str = "cases") -> Markup:
    """A schematic map of France, Germany and the Benelux with one linked, labelled point per
    case. ``href(case_id)`` gives each link; links are keyboard-focusable, so the picture is
    a named group (``role="group"``), not an image whose children would be hidden."""
    ordered = sorted(cases, key=lambda c: (_sort_key(c.municipality.name), c.id))
    project, height = _projection(ordered)
    body = [_el("rect", width=MAP_W, height=height, fill="#fff")]
    for code, polygons in COUNTRIES.items():
        fill = "#e6edf6" if code in ("FR", "DE") else "#f2f2f2"
        for poly in polygons:
            d = "M" + "L".join(f"{_num(px)} {_num(py)}" for px, py in map(project, poly)) + "Z"
            body.append(_el("path", d=d, fill=fill, stroke="#7d8b99", stroke_width=1,
                            stroke_linejoin="round"))
    taken: list[Box] = []
    for code, at in NAME_AT.items():
        name = labels(f"country_{code}").upper()
        x, y = project(at)
        w = text_width(name, 14) + 2 * len(name)
        taken.append((x - w / 2, y - 13, x + w / 2, y + 3))
        body.append(_el("text", name, x=x, y=y, font_size=14, fill=MUTED, letter_spacing=2,
                        text_anchor="middle", aria_hidden="true"))
    points = [project((c.municipality.coordinates.lon, c.municipality.coordinates.lat))
              for c in ordered]
    taken += [(x - 8, y - 8, x + 8, y + 8) for x, y in points]
    for case, (x, y) in zip(ordered, points, strict=True):
        name = case.municipality.name
        tx, ty, anchor = _place_label(x, y, text_width(name, 13), taken, height)
        width = text_width(name, 13)
        left = tx - {"start": 0, "middle": width / 2, "end": width}[anchor]
        taken.append((left, ty - 12, left + width, ty + 3))
        title, _ = _pick(case.title, lang)
        body.append(_el("a", [
            _el("title", f"{name} — {title}"),
            _el("circle", cx=x, cy=y, r=6, fill=ACCENT, stroke="#fff", stroke_width=2,
                class_="vp-map__dot"),
            _el("text", name, x=tx, y=ty, font_size=13, fill=TEXT, text_anchor=anchor,
                stroke="#fff", stroke_width=3.5, paint_order="stroke", stroke_linejoin="round",
                class_="vp-map__label"),
        ], href=href(case.id), class_="vp-map__place"))
    desc = _counted(labels, "places_map_desc", len(ordered))
    return _figure("places", uid, labels("places_map_title"), desc, (MAP_W, height), body,
                   role="group")


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


def _sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (É sorts with E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def region_name(case: CaseStudy, lang: str) -> str:
    """The region without its details: "Hauts-de-France (département du Nord), …" →
    "Hauts-de-France", so that cases of one region are listed together."""
    text = _pick(case.municipality.region, lang)[0]
    return text.split(" (", 1)[0].split(",", 1)[0].strip() or text


def places_by_region(cases: Iterable[CaseStudy], labels: Labels, lang: str) -> list[CountryGroup]:
    """Cases grouped by country, then region, each level sorted alphabetically in ``lang``
    (the map's fallback: a list that needs no picture)."""
    tree: dict[str, dict[str, list[CaseStudy]]] = {}
    for case in cases:
        regions = tree.setdefault(case.municipality.country, {})
        regions.setdefault(region_name(case, lang), []).append(case)
    groups = [
        CountryGroup(code, labels(f"country_{code}"), tuple(
            RegionGroup(name, tuple(sorted(found, key=lambda c: _sort_key(c.municipality.name))))
            for name, found in sorted(regions.items(), key=lambda kv: _sort_key(kv[0]))
        ))
        for code, regions in tree.items()
    ]
    return sorted(groups, key=lambda g: _sort_key(g.name))
