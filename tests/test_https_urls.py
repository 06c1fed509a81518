"""`check` offers https for plain http:// links whose host is known to serve it."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main
from builder.https_urls import KNOWN_HTTPS, upgrade


def _add_source(mini: Path, url: str) -> None:
    beta = mini / "case_studies" / "beta.yml"
    text = beta.read_text(encoding="utf-8")
    text = text.replace(
        "sources:\n",
        "sources:\n"
        "  - id: web\n"
        "    title: Seite\n"
        "    publisher: Gemeinde\n"
        "    year: 2020\n"
        f"    url: {url}\n",
        1,
    )
    beta.write_text(text, encoding="utf-8")


def test_a_host_cited_elsewhere_with_https_gets_the_https_address_as_the_fix(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # alpha.yml cites https://example.org/seed: example.org serves https.
    _add_source(mini, "http://example.org/page?a=1#top")
    assert main(["--root", str(mini), "check"]) == 0  # a warning, not an error
    out = capsys.readouterr().err
    assert (
        "case_studies/beta.yml:22:10: warning: sources[0].url: http://example.org/page?a=1#top"
        " uses http:// but example.org serves https — write https://example.org/page?a=1#top"
    ) in out
    assert main(["--root", str(mini), "check", "--strict"]) == 1


def test_a_host_without_evidence_is_left_alone(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_source(mini, "http://unknown.example.net/page")
    assert main(["--root", str(mini), "check", "--strict"]) == 0
    assert "serves https" not in capsys.readouterr().err


def test_upgrade_keeps_the_rest_of_the_address() -> None:
    known = frozenset(KNOWN_HTTPS)
    assert upgrade("http://www.sz-online.de/sachsen/x.html", known) == (
        "https://www.sz-online.de/sachsen/x.html"
    )
    assert upgrade("HTTP://www.sz-online.de/x", known) == "https://www.sz-online.de/x"
    assert upgrade("https://www.sz-online.de/x", known) is None
    assert upgrade("http://www.sz-online.de.evil.example/x", known) is None
