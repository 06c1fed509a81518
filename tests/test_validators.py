"""Two checkers nobody here wrote, on every page of the mini site and of the real site:

* the W3C Nu HTML checker (vnu-jar): 0 errors;
* pa11y with HTML_CodeSniffer, WCAG 2 AA, in the system's Chromium: 0 errors.

Material's templates are patched or overridden where they are invalid
(builder/theme_patches.py, builder/overrides/); these tests keep it that way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import serve
from .built_sites import SITES, site_named
from .checkers import describe_nu, describe_pa11y, nu_check, pa11y

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("which", SITES)
def test_nu_html_checker_finds_no_error_on_any_page(
    which: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = site_named(which, tmp_path_factory)
    pages = built.pages()
    errors = nu_check(built.site)
    assert len(pages) > 20
    assert not errors, f"the Nu HTML checker found {len(errors)} error(s):\n" + describe_nu(
        errors, built.site
    )


@pytest.mark.parametrize("which", SITES)
def test_pa11y_finds_no_error_on_any_page(
    which: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = site_named(which, tmp_path_factory)
    with serve(built.serve_root) as base:
        urls = [base + built.prefix.lstrip("/") + path for path in built.pages()]
        found = pa11y(urls)
    assert set(found) == set(urls), "pa11y did not check every page"
    errors = {url: issues for url, issues in found.items() if issues}
    assert not errors, (
        f"pa11y (HTML_CodeSniffer, WCAG2AA) found errors on {len(errors)} of {len(urls)} "
        "pages:\n" + describe_pa11y(errors)
    )


def test_the_nu_checker_and_pa11y_do_report_errors(tmp_path: Path) -> None:
    """Both checkers, as run here, find what the issue found on Material's own markup."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><input type="checkbox" id="x" autocomplete="off"><label for="nothing" tabindex="">'
        "a</label><h1>t</h1><h3>skipped</h3>"
        '<form><input type="text" name="q" aria-label="q"></form></body></html>',
        encoding="utf-8",
    )
    messages = " | ".join(e["message"] for e in nu_check(tmp_path))
    assert "autocomplete" in messages
    assert "tabindex" in messages
    assert "must be the ID of a non-hidden form control" in messages
    assert "skipping 1 heading level" in messages
    with serve(tmp_path) as base:
        found = pa11y([base + "index.html"])
    codes = " ".join(issue["code"] for issue in found[base + "index.html"])
    assert "H32.2" in codes  # a form without a submit button
    assert "InputCheckbox.Name" in codes  # a checkbox without a name
