"""Plausibility, terminology and typography checks (builder.plausibility,
builder.terminology), on the mini project: each implausible input gives a message with the
file, the line and the field; what is surely wrong is an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.catalog import load_catalog
from builder.config import load_config
from builder.fieldref import rows
from builder.plausibility import LIMITS, SURELY_WRONG

TODAY = dt.date(2026, 12, 1)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(mini: Path, today: dt.date | None = TODAY) -> list[str]:
    return [str(p) for p in load_catalog(load_config(mini), today=today, style=True).problems]


def test_every_limit_is_a_field_of_the_reference(mini: Path) -> None:
    config = load_config(mini)
    for kind, path in LIMITS:
        assert path in {r.path for r in rows(kind, config)}, (kind, path)


def test_the_mini_project_is_plausible(mini: Path) -> None:
    assert _problems(mini) == []


def test_dates_in_the_future_depend_on_the_day_given(mini: Path) -> None:
    beta = mini / "case_studies" / "beta.yml"
    _edit(beta, "last_reviewed: 2026-11-01", "last_reviewed: 2026-12-24")
    _edit(beta, "year: 2022", "year: 2027")
    problems = _problems(mini)
    assert (
        "case_studies/beta.yml:4:16: error: last_reviewed: the review date 2026-12-24 is in the "
        "future (today is 2026-12-01) — write the day you last checked the content"
    ) in problems
    assert any(
        p.startswith("case_studies/beta.yml:13:") and "population counted in 2027" in p
        for p in problems
    )
    assert _problems(mini, dt.date(2027, 1, 1)) == []
    assert _problems(mini, None) == []  # a build does not depend on the clock


@pytest.mark.parametrize(
    ("dates", "flagged"),
    [
        (["1986", "1986-12", "1986-12-04", "1990"], []),
        (["1990", "1986"], ["1986"]),
        (["2019-03", "2019"], []),  # the year may be any month of it
        (["2019", "2019-03"], []),
        (["2019-05-02", "2019-05-01"], ["2019-05-01"]),
        (["1990", "2010", "1995", "2000"], ["1995", "2000"]),
    ],
)
def test_timeline_order(mini: Path, dates: list[str], flagged: list[str]) -> None:
    alpha = mini / "case_studies" / "alpha.yml"
    events = "".join(
        f"  - date: {d}\n    text: {{fr: Événement., de: Ereignis.}}\n    source: seed\n"
        for d in dates
    )
    text = alpha.read_text(encoding="utf-8")
    head, _, rest = text.partition("timeline:\n")
    rest = rest[rest.index("challenge:") :]
    alpha.write_text(f"{head}timeline:\n{events}{rest}", encoding="utf-8")
    found = [p for p in _problems(mini) if "comes before the one above it" in p]
    assert [p.split("this event (")[1].split(")")[0] for p in found] == flagged


def test_period_ending_before_it_starts_is_an_error(mini: Path) -> None:
    _edit(
        mini / "case_studies" / "beta.yml",
        "period: {start: 2000}",
        "period: {start: 2000, end: 1999}",
    )
    assert (
        "case_studies/beta.yml:16:28: error: period.end: the period ends (1999) before it "
        "starts (2000) — check both years; leave `end` out while it goes on"
    ) in _problems(mini, None)


def test_texts_too_long_warn_and_far_too_long_fail(mini: Path) -> None:
    beta = mini / "case_studies" / "beta.yml"
    long_teaser = "Eine Stadt. " * 60  # 720 characters: over 600
    _edit(beta, "de: Eine andere Stadt.}", f'de: "{long_teaser.strip()}"}}')
    _edit(beta, "title: {fr: Beta, de: Beta}", f"title: {{fr: Beta, de: {'Beta ' * 100}}}")
    problems = _problems(mini)
    assert any(
        p.startswith("case_studies/beta.yml:6:") and "warning: teaser.de: this text has 719" in p
        for p in problems
    )
    assert SURELY_WRONG * LIMITS[("case-study", "title")] < 100 * 5 - 1
    assert any(
        "error: title.de: this text has 499 characters; its place shows 120" in p for p in problems
    )


def test_glossary_variants_to_avoid_and_quoted_mentions(mini: Path) -> None:
    glossary = mini / "glossary.yml"
    _edit(
        glossary,
        "aliases: {fr: [terrils], de: [Halden]}",
        "aliases: {fr: [terrils], de: [Halden]}\n    avoid: {de: [Bergehalde, schwarzer Berg]}",
    )
    alpha = mini / "case_studies" / "alpha.yml"
    _edit(
        alpha,
        "de: Nach dem Bergbau neu aufbauen.",
        "de: |\n    Nach dem Bergbau neu aufbauen.\n    Die Bergehalde, die „Bergehalde“ genannt wird,\n"
        "    und Schwarzer Berg, `Bergehalde` im Code, Bergehalden.",
    )
    found = [p for p in _problems(mini) if "variant to avoid" in p]
    assert found == [
        "case_studies/alpha.yml:30:9: warning: challenge.de: “Bergehalde” is a variant to avoid: "
        "the glossary says “Halde” — write “Halde” (glossary entry `terril`)",
        "case_studies/alpha.yml:31:9: warning: challenge.de: “Schwarzer Berg” is a variant to "
        "avoid: the glossary says “Halde” — write “Halde” (glossary entry `terril`)",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "flagged"),
    [
        ("de", "rund 20\u00a0000 Einwohner", ["'20 000'"]),
        ("de", "rund 20 000 und 3 500 Einwohner", ["'20 000'", "'3 500'"]),
        ("de", "rund 20.000 Einwohner im Jahr 2010 250 Tage", []),
        ("de", "seit 1990 2000 Mal, 2019/2020 und 3,5 km", []),
        ("fr", "environ 20.000 habitants", ["'20.000'"]),
        ("fr", "environ 20,000 habitants, 3,5 km", ["'20,000'"]),
        ("fr", "environ 20\u00a0000 habitants, en 2010, 2,5 %", []),
        ("fr", "environ 20 000 habitants", ["'20 000': an ordinary space"]),
        ("fr", "version 1.2.3 et 12.05.2020", []),
    ],
)
def test_number_formats(mini: Path, lang: str, text: str, flagged: list[str]) -> None:
    _edit(
        mini / "case_studies" / "beta.yml",
        "teaser: {fr: Une autre ville., de: Eine andere Stadt.}",
        f'teaser: {{fr: "{text if lang == "fr" else "Une ville."}", de: "{text if lang == "de" else "Eine Stadt."}"}}',
    )
    found = [p for p in _problems(mini) if "thousands" in p or "ordinary space" in p]
    assert len(found) == len(flagged), found
    for problem, expected in zip(found, flagged, strict=True):
        assert f"teaser.{lang}: {expected}" in problem


def test_straight_apostrophes_in_french_only(mini: Path) -> None:
    _edit(
        mini / "case_studies" / "beta.yml",
        "teaser: {fr: Une autre ville., de: Eine andere Stadt.}",
        "teaser: {fr: \"L'autre ville, aujourd’hui, d'hier ; `l'code` [lien](https://x.org/l'a)\", de: \"Die 'andere' Stadt\"}",
    )
    found = [p for p in _problems(mini) if "apostrophe" in p]
    assert found == [
        "case_studies/beta.yml:6:15: warning: teaser.fr: 2 straight apostrophe(s) (') in this "
        "French text, e.g. L'autre — write the typographic apostrophe ’ (Windows: Alt+0146, "
        "Mac: Option+Shift+]; or copy it from here)"
    ]
