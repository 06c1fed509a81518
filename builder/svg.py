"""Pictures as static inline SVG, generated at build time: the timeline and the places map.

Pure functions — data in, escaped markup out; no MkDocs, no charting library, no script.
Each picture has a title and description in the page's language (:func:`svg_kit.figure`);
the HTML list or table next to it stays the data fallback. The map and the list of places
live in :mod:`builder.places` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from markupsafe import Markup

from .i18n import Labels
from .model import TimelineEvent
from .places import CountryGroup, RegionGroup, places_by_region, places_svg
from .svg_kit import (
    ACCENT,
    MUTED,
    WIDTH,
    counted,
    el,
    figure,
    uid_of,
)

__all__ = [
    "CountryGroup",
    "RegionGroup",
    "places_by_region",
    "places_svg",
    "timeline_svg",
]


# -- timeline --------------------------------------------------------------------------------
DOT_R = 11.0
LANE_H = 25.0
MARGIN_X = 30.0
MAX_LANES = 5  # dots stacked above one date before the axis wraps
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


def timeline_svg(
    events: Sequence[TimelineEvent], labels: Labels, lang: str, *, uid: str = ""
) -> Markup:
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
        xs = [
            MARGIN_X + (y - start - r * chunk) * scale for y, r in zip(years, row_of, strict=True)
        ]
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
            body.append(
                el(
                    "line",
                    x1=xs[i],
                    x2=xs[i],
                    y1=axis_y - 14 - lanes[i] * LANE_H,
                    y2=axis_y,
                    stroke=ACCENT,
                    stroke_width=1.5,
                )
            )
        for i in here:
            cy = axis_y - 14 - lanes[i] * LANE_H
            body.append(el("circle", cx=xs[i], cy=cy, r=DOT_R, fill=ACCENT))
            body.append(
                el(
                    "text",
                    str(i + 1),
                    x=xs[i],
                    y=cy + 4.3,
                    fill="#fff",
                    font_size=12,
                    font_weight="700",
                    text_anchor="middle",
                )
            )
        top = axis_y + 30
    title = labels("chart_timeline_title")
    desc = counted(
        labels, "chart_timeline_desc", len(events), start=math.floor(first), end=math.floor(last)
    )
    return figure("timeline", uid or uid_of("timeline", years), title, desc, (WIDTH, top), body)


def _lanes_by_row(xs: Sequence[float], row_of: Sequence[int], rows: int) -> list[int]:
    lanes = [0] * len(xs)
    for r in range(rows):
        idx = [i for i in range(len(xs)) if row_of[i] == r]
        for i, lane in zip(idx, _lanes([xs[i] for i in idx]), strict=True):
            lanes[i] = lane
    return lanes


def _axis(a: int, b: int, scale: float, y: float, step: int) -> list[Markup]:
    def x_of(year: int) -> float:
        return MARGIN_X + (year - a) * scale

    out = [el("line", x1=x_of(a), x2=x_of(b), y1=y, y2=y, stroke=MUTED, stroke_width=1.5)]
    for year in range(a, b + 1):
        labelled = year % step == 0
        if labelled or scale >= 6:
            out.append(
                el(
                    "line",
                    x1=x_of(year),
                    x2=x_of(year),
                    y1=y,
                    y2=y + (6 if labelled else 3),
                    stroke=MUTED,
                    stroke_width=1,
                )
            )
        if labelled:
            out.append(
                el(
                    "text",
                    str(year),
                    x=x_of(year),
                    y=y + 20,
                    fill=MUTED,
                    font_size=13,
                    text_anchor="middle",
                )
            )
    return out
