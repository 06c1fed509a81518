"""Filter facets of the case-study index: theme, country, region, kind of territory,
population band, status and period. Each case gets one value per facet (themes: several),
each facet a list of options with counts, labelled and sorted in the page's language
(:mod:`builder.collation`). The index page turns them into checkboxes: several values of
one facet widen the choice (or), facets narrow it (and). The filtering is done by CSS, so
it works without JavaScript; JavaScript mirrors the state in the URL and updates each
option's count to what it would give with the other choices. When the finder is split
into pages, the same checkboxes filter the whole catalogue with JavaScript, through the
finder's JSON index (:mod:`builder.listing_data`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .collation import sort_key
from .i18n import Labels, LanguageService
from .model import CaseStudy, Theme

POP_BANDS = ((5_000, "lt5k"), (20_000, "5k-20k"), (100_000, "20k-100k"))
PERIODS = ((2000, "before-2000"), (2010, "2000s"))
FACETS = ("theme", "country", "region", "territory", "population", "status", "period")
TERRITORIES = ("rural", "small-town", "town", "city", "county")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def population_band(value: int) -> str:
    for limit, band in POP_BANDS:
        if value < limit:
            return band
    return "gt100k"


def period_bucket(start: int) -> str:
    for limit, bucket in PERIODS:
        if start < limit:
            return bucket
    return "since-2010"


def region_name(text: str) -> str:
    """The region itself, without the département or district editors add in brackets."""
    return re.split(r"\s*[(,–]", text, maxsplit=1)[0].strip() or text


def case_values(case: CaseStudy, texts: LanguageService) -> dict[str, list[str]]:
    """Facet → the case's values (ids, the same in every language: a region's id comes
    from its name in the first configured language)."""
    region = texts.pick(case.municipality.region, texts.codes[0], "")[0]
    return {
        "theme": list(case.themes),
        "country": [case.municipality.country],
        "region": [slug(region_name(region))],
        "territory": [case.municipality.territory.value],
        "population": [population_band(case.municipality.population.value)],
        "status": [case.status.value],
        "period": [period_bucket(case.period.start)],
    }


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


def options(
    cases: Iterable[CaseStudy], themes: dict[str, Theme], labels: Labels, lang: str
) -> dict[str, list[Option]]:
    """Facet → options present in the catalogue, labelled in ``lang``, with counts."""
    cases = list(cases)
    counts: dict[str, Counter[str]] = {facet: Counter() for facet in FACETS}
    region_label: dict[str, str] = {}
    for case in cases:
        values = case_values(case, labels.texts)
        for facet, found in values.items():
            counts[facet].update(found)
        region_label[values["region"][0]] = region_name(
            labels.pick(case.municipality.region, "")[0]
        )

    def label(facet: str, value: str) -> str:
        if facet == "theme":
            theme = themes.get(value)
            return labels.pick(theme.label, value)[0] if theme else value
        if facet == "country":
            return labels.get(f"country_{value}", value)
        if facet == "region":
            return region_label.get(value, value)
        key = {
            "territory": "territory_",
            "population": "pop_",
            "status": "status_",
            "period": "period_",
        }[facet]
        return labels.get(key + value, value)

    order = {
        "population": [b for _, b in POP_BANDS] + ["gt100k"],
        "period": [b for _, b in PERIODS] + ["since-2010"],
        "status": ["complete", "partial", "stub"],
        "territory": list(TERRITORIES),
    }
    result: dict[str, list[Option]] = {}
    for facet in FACETS:
        offered = list(counts[facet])
        if facet in order:
            offered.sort(key=order[facet].index)
        else:
            offered.sort(key=lambda v: sort_key(label(facet, v), lang))
        result[facet] = [Option(v, label(facet, v), counts[facet][v]) for v in offered]
    return result


def filter_css(opts: dict[str, list[Option]]) -> str:
    """One rule per facet: when any of its checkboxes is ticked, the cards that have none of
    the ticked values are hidden. Rules of several facets add up (and)."""
    rules = []
    for facet, values in opts.items():
        if not values:
            continue
        matching = ", ".join(
            f'.vp-finder:has(#f-{facet}-{opt.value}:checked) .vp-card[data-{facet}~="{opt.value}"]'
            for opt in values
        )
        rules.append(
            f'.vp-finder:has(input[name="{facet}"]:checked) .vp-card:not(:is({matching}))'
            "{display:none}"
        )
    return "\n".join(rules)
