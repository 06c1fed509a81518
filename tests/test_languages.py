"""Languages are configuration: a third language needs configuration and labels only."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.build import build_site
from builder.catalog import load_catalog
from builder.config import load_config
from builder.i18n import labels_for


def _add_english(root: Path) -> None:
    cfg = root / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "        - code: de\n          name: Deutsch\n",
            "        - code: de\n          name: Deutsch\n"
            "        - code: en\n          name: English\n          required: false\n",
        ),
        encoding="utf-8",
    )
    (root / "docs" / "en").mkdir()
    (root / "docs/en/index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs/en/about.md").write_text("# About\n", encoding="utf-8")
    alpha = root / "case_studies/alpha.yml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace(
            'de: "Alpha am Meer"}', 'de: "Alpha am Meer", en: "Alpha-on-Sea"}'
        ),
        encoding="utf-8",
    )


def test_every_language_has_every_label() -> None:
    reference = set(labels_for("fr").table)
    for lang in ("de", "en"):
        assert set(labels_for(lang).table) == reference, lang


def test_three_language_site(mini: Path) -> None:
    _add_english(mini)
    config = load_config(mini)
    assert config.codes == ("fr", "de", "en")
    assert not load_catalog(config).problems.errors
    site = build_site(config, kits=False, workers=2)
    en = (site / "en/case-studies/alpha/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en
    assert "Alpha-on-Sea" in en
    # No English teaser: the French one is shown, marked with its own language and a notice.
    assert '<div class="vp-fallback" lang="fr">' in en
    assert "Part of this page is not available in English yet" in en
    for code, href in (
        ("fr", "fr/etudes-de-cas/alpha/"),
        ("de", "de/fallstudien/alpha/"),
        ("en", "en/case-studies/alpha/"),
    ):
        assert f'hreflang="{code}" href="https://example.org/mini/{href}"' in en
    assert (site / "en/search/search_index.json").exists()


def test_required_language_text_is_enforced(mini: Path) -> None:
    _add_english(mini)
    cfg = mini / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("required: false", "required: true"),
        encoding="utf-8",
    )
    problems = load_catalog(load_config(mini)).problems
    messages = [str(e) for e in problems.errors]
    assert (
        "case_studies/beta.yml:5:8: error: title: the en text is missing — add `en: ...`; until"
        " a translation is reviewed, a first one marked `translation: en: draft` (or `machine`)"
        " is fine"
    ) in messages
    assert not any(m.startswith("case_studies/alpha.yml:6:") for m in messages)  # has en


@pytest.mark.parametrize("lang", ["fr", "de", "en"])
def test_numbers_and_dates_follow_the_locale(lang: str) -> None:
    labels = labels_for(lang)
    assert labels.date("2020-03") in {"mars 2020", "März 2020", "March 2020"}
