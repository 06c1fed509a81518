"""Filter facets of the case-study index: theme, country, region, population band, status and
period. Each case gets one value per facet (themes: several), each facet a list of options
with counts; the index page turns them into radio buttons whose filtering is done by CSS
(so it works without JavaScript) and whose state JavaScript mirrors in the URL. When the
finder is split into pages, the same radio buttons filter the whole catalogue with
JavaScript, through the finder's JSON index (:mod:`builder.listing_data`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import Labels, LanguageService
from .model import CaseStudy, Theme

POP_BANDS = ((5_000, "lt5k"), (20_000, "5k-20k"), (100_000, "20k-100k"))
PERIODS = ((2000, "before-2000"), (2010, "2000s"))
FACETS = ("theme", "country", "region", "population", "status", "period")


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
        key = {"population": "pop_", "status": "status_", "period": "period_"}[facet]
        return labels.get(key + value, value)

    order = {
        "population": [b for _, b in POP_BANDS] + ["gt100k"],
        "period": [b for _, b in PERIODS] + ["since-2010"],
        "status": ["complete", "partial", "stub"],
    }
    result: dict[str, list[Option]] = {}
    for facet in FACETS:
        values = list(counts[facet])
        if facet in order:
            values.sort(key=order[facet].index)
        else:
            values.sort(key=lambda v, f=facet: label(f, v).casefold())
        result[facet] = [Option(v, label(facet, v), counts[facet][v]) for v in values]
    return result


def filter_css(opts: dict[str, list[Option]]) -> str:
    """One rule per option: when its radio is checked, cards without that value are hidden."""
    rules = []
    for facet, values in opts.items():
        for opt in values:
            rules.append(
                f".vp-finder:has(#f-{facet}-{opt.value}:checked) "
                f'.vp-card:not([data-{facet}~="{opt.value}"]){{display:none}}'
            )
    return "\n".join(rules)
