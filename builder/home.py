"""What the home page of each language shows, chosen from the catalogue.

* the **featured case** (``featured_case`` in mkdocs.yml, else the first complete case by
  id), with its first image — a photo an editor added with its credit and licence, or the
  project's own drawing — or, without one, a large locator map;
* a few **other cases** (all of them while they are few, else a selection: complete ones
  first, the most recently reviewed first, alternating between countries) and a link to
  the finder, each with a small **locator map**;
* a few **workshop modules** and a link to all of them.

The page never grows with the catalogue: at most :data:`CARDS` cards of each kind, and the
outlines of the locator maps are drawn once per page (an SVG ``<symbol>`` every card's
map reuses), each card adding only its point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .catalog import Catalog
from .i18n import Labels
from .model import CaseStudy, Completeness, WorkshopModule
from .outlines import COUNTRIES, Point
from .places import SMALL_COUNTRIES, projection
from .svg_kit import ACCENT, el, num

#: Cards of each kind on the home page.
CARDS = 6
#: The id of the outlines every locator map of a page reuses.
SYMBOL_ID = "vp-locator-outlines"


@dataclass(frozen=True)
class HomeSelection:
    """The records the home page shows (the same in every language)."""

    featured: CaseStudy | None
    cases: tuple[CaseStudy, ...]
    modules: tuple[WorkshopModule, ...]
    total_cases: int
    total_modules: int


def featured_case(catalog: Catalog) -> CaseStudy | None:
    """The case named by ``featured_case``, else the first complete one by id, else the
    first one."""
    wanted = catalog.config.settings.featured_case
    if wanted and wanted in catalog.cases:
        return catalog.cases[wanted]
    ordered = sorted(catalog.cases.values(), key=lambda c: c.id)
    complete = [c for c in ordered if c.status is Completeness.complete]
    return (complete or ordered or [None])[0]


def select(catalog: Catalog, limit: int = CARDS) -> HomeSelection:
    """The featured case, up to ``limit`` other cases and up to ``limit`` modules."""
    featured = featured_case(catalog)
    others = [c for c in catalog.cases.values() if featured is None or c.id != featured.id]
    rank = {Completeness.complete: 0, Completeness.partial: 1, Completeness.stub: 2}
    others.sort(key=lambda c: c.id)
    others.sort(key=lambda c: c.last_reviewed, reverse=True)
    others.sort(key=lambda c: rank[c.status])
    return HomeSelection(
        featured,
        tuple(_alternate_countries(others)[:limit]),
        tuple(sorted(catalog.modules.values(), key=lambda m: m.id)[:limit]),
        len(catalog.cases),
        len(catalog.modules),
    )


def _alternate_countries(cases: Sequence[CaseStudy]) -> list[CaseStudy]:
    """The same cases, taking in turn from each country (in the order each first appears),
    so that a selection shows French and German examples alike."""
    queues: dict[str, list[CaseStudy]] = {}
    for case in cases:
        queues.setdefault(case.municipality.country, []).append(case)
    out: list[CaseStudy] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                out.append(queue.pop(0))
    return out


# -- locator maps ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LocatorMaps:
    """The outlines of one page's locator maps (drawn once), and each case's map."""

    symbol: Markup
    width: float
    height: float
    points: dict[str, Point]

    def map(self, case: CaseStudy, labels: Labels, *, large: bool = False) -> Markup:
        """A case's locator map: the shared outlines and the case's point, named in the
        page's language (title and description)."""
        x, y = self.points[case.id]
        name = case.municipality.name
        base = f"vp-locator-{case.id}{'-large' if large else ''}"
        title = labels("locator_title").format(name=name)
        desc = labels("locator_desc").format(
            name=name, country=labels(f"country_{case.municipality.country}")
        )
        radius = 14 if large else 30  # a small map shows its point larger, to stay visible
        svg = el(
            "svg",
            [
                el("title", title, id=f"{base}-title"),
                el("desc", desc, id=f"{base}-desc"),
                el("use", href=f"#{SYMBOL_ID}"),
                el("circle", cx=x, cy=y, r=radius * 2.2, fill=ACCENT, opacity="0.2"),
                el("circle", cx=x, cy=y, r=radius, fill=ACCENT, stroke="#fff", stroke_width=8),
            ],
            xmlns="http://www.w3.org/2000/svg",
            viewBox=f"0 0 {num(self.width)} {num(self.height)}",
            role="img",
            aria_labelledby=f"{base}-title {base}-desc",
            class_="vp-locator",
        )
        return Markup(svg)


def locator_maps(cases: Sequence[CaseStudy]) -> LocatorMaps:
    """The outlines of France, Germany and the Benelux, taking in every case given (a place
    outside them widens the map), as one hidden SVG symbol; and each case's point."""
    places = [(c.municipality.coordinates.lon, c.municipality.coordinates.lat) for c in cases]
    project, height = projection(places)
    width = 600.0
    paths = []
    for code, polygons in COUNTRIES.items():
        fill = "#e3e8ee" if code in SMALL_COUNTRIES else "#cdd8e5"
        for poly in polygons:
            d = "M" + "L".join(f"{num(px)} {num(py)}" for px, py in map(project, poly)) + "Z"
            paths.append(el("path", d=d, fill=fill, stroke="#6f7e90", stroke_width=3))
    symbol = el(
        "svg",
        [
            el(
                "symbol",
                paths,
                id=SYMBOL_ID,
                viewBox=f"0 0 {num(width)} {num(height)}",
            )
        ],
        xmlns="http://www.w3.org/2000/svg",
        width=0,
        height=0,
        aria_hidden="true",
        focusable="false",
    )
    points = {case.id: project(place) for case, place in zip(cases, places, strict=True)}
    return LocatorMaps(Markup(symbol), width, height, points)
