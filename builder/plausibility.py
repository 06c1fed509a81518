"""What validates but cannot be right, or will not fit where the site shows it.

A date in the future (compared with ``today``, passed in so that tests do not depend on the
clock), a timeline out of order, a period that ends before it starts, a text longer than its
place can show (a teaser of many screens on a finder card). Each problem is a warning with
the file, the line and the field; where it is surely wrong (a population counted in the
future, a review date still to come, a period ending before its start, a text several times
its limit) it is an error.

The limits (:data:`LIMITS`) are stated in the field reference (:mod:`builder.fieldref`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .errors import ContentError, Severity
from .load import FieldPath, Loaded, dotted
from .messages import Msg, Num, msg

#: Characters per language, by record kind and field path as the field reference writes it
#: (``[]`` for every item of a list). For a list of texts, the limit is per item.
LIMITS: dict[tuple[str, str], int] = {
    ("case-study", "title"): 120,
    ("case-study", "teaser"): 600,
    ("case-study", "at_a_glance.worked"): 250,
    ("case-study", "at_a_glance.preconditions"): 250,
    ("case-study", "at_a_glance.fits"): 300,
    ("case-study", "at_a_glance.costs"): 400,
    ("case-study", "approach[].title"): 120,
    ("case-study", "results.key_figures[].label"): 100,
    ("case-study", "results.key_figures[].unit"): 30,
    ("case-study", "transferability.instruments[].name"): 120,
    ("workshop", "title"): 120,
    ("workshop", "summary"): 700,
    ("workshop", "steps[].title"): 120,
    ("workshop", "handouts[].title"): 120,
    ("programme", "title"): 120,
    ("themes", "themes[].label"): 60,
    ("glossary", "terms[].term"): 80,
}
#: A text this many times over its limit is not what the field is for: an error.
SURELY_WRONG = 3


def _texts(data: Any, parts: list[str], loc: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """(path, text) of every text at a field path such as ``results.key_figures[].label``."""
    if not parts:
        if isinstance(data, list):  # a list of texts: each item
            for i, item in enumerate(data):
                yield from _texts(item, [], (*loc, i))
        elif isinstance(data, dict):
            for lang, text in data.items():
                if isinstance(text, str):
                    yield (*loc, lang), text
        return
    head, rest = parts[0], parts[1:]
    name, many = head.removesuffix("[]"), head.endswith("[]")
    value = data.get(name) if isinstance(data, dict) else None
    if many and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, rest, (*loc, name, i))
    elif not many and value is not None:
        yield from _texts(value, rest, (*loc, name))


def text_lengths(kind: str, loaded: Loaded) -> Iterator[ContentError]:
    """Texts longer than their place can show."""
    for (of_kind, path), limit in LIMITS.items():
        if of_kind != kind:
            continue
        for loc, text in _texts(loaded.data, path.split("."), ()):
            size = len(" ".join(text.split()))
            if size > limit:
                on_cards = path in ("teaser", "summary")
                yield _at(
                    loaded,
                    loc,
                    msg("text_too_long", size=Num(size), limit=Num(limit)),
                    msg("hint_text_too_long_card" if on_cards else "hint_text_too_long"),
                    "error" if size > SURELY_WRONG * limit else "warning",
                )


def _at(
    loaded: Loaded, loc: FieldPath, message: Msg, hint: Msg | None, severity: Severity
) -> ContentError:
    mark = loaded.value_mark(loc)
    return ContentError.of(
        loaded.path, mark.line, mark.column, dotted(loc), message, hint, severity
    )


def _span(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a year (``1986``), month (``1986-12``) or date can mean."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def dates(kind: str, record: Any, loaded: Loaded, today: dt.date | None) -> Iterator[ContentError]:
    """A timeline out of order, a period ending before it starts; with ``today``, dates in
    the future too."""
    if today is None:  # far enough ahead that nothing is in the future
        today = dt.date.max
    year = today.year
    if record.last_reviewed > today:
        yield _at(
            loaded,
            ("last_reviewed",),
            msg("review_in_future", date=record.last_reviewed.isoformat(), today=today.isoformat()),
            msg("hint_review_in_future"),
            "error",
        )
    if kind != "case-study":
        return
    pop = record.municipality.population
    if pop.year > year:
        yield _at(
            loaded,
            ("municipality", "population", "year"),
            msg("population_year_future", year=str(pop.year), today=today.isoformat()),
            msg("hint_population_year_future"),
            "error",
        )
    period = record.period
    if period.end is not None and period.end < period.start:
        yield _at(
            loaded,
            ("period", "end"),
            msg("period_end_before_start", end=str(period.end), start=str(period.start)),
            msg("hint_period_end_before_start"),
            "error",
        )
    if period.start > year:
        yield _at(
            loaded,
            ("period", "start"),
            msg("period_start_future", year=str(period.start), today=today.isoformat()),
            msg("hint_period_start_future"),
            "warning",
        )
    if period.end is not None and period.end > year:
        yield _at(
            loaded,
            ("period", "end"),
            msg("period_end_future", year=str(period.end), today=today.isoformat()),
            msg("hint_period_end_future"),
            "warning",
        )
    previous: tuple[int, str, dt.date] | None = None
    for i, event in enumerate(record.timeline):
        first, last = _span(event.date)
        if first > today:
            yield _at(
                loaded,
                ("timeline", i, "date"),
                msg("event_in_future", date=event.date, today=today.isoformat()),
                msg("hint_event_in_future"),
                "warning",
            )
        if previous is not None and last < previous[2]:
            yield _at(
                loaded,
                ("timeline", i, "date"),
                msg(
                    "timeline_order",
                    date=event.date,
                    before=previous[1],
                    line=loaded.value_mark(("timeline", previous[0], "date")).line,
                ),
                msg("hint_timeline_order"),
                "warning",
            )
        if previous is None or first >= previous[2]:
            previous = (i, event.date, first)
    if record.results is not None:
        for i, figure in enumerate(record.results.key_figures):
            if figure.year > year:
                yield _at(
                    loaded,
                    ("results", "key_figures", i, "year"),
                    msg("figure_year_future", year=str(figure.year), today=today.isoformat()),
                    msg("hint_figure_year_future"),
                    "warning",
                )
    for i, source in enumerate(record.sources):
        if source.year is not None and source.year > year:
            yield _at(
                loaded,
                ("sources", i, "year"),
                msg("source_year_future", year=str(source.year), today=today.isoformat()),
                msg("hint_source_year_future"),
                "error",
            )
        if source.accessed is not None and source.accessed > today:
            yield _at(
                loaded,
                ("sources", i, "accessed"),
                msg(
                    "accessed_in_future", date=source.accessed.isoformat(), today=today.isoformat()
                ),
                msg("hint_accessed_in_future"),
                "error",
            )
