"""Issue 12, points 3 and 8: home pages that lead to the content, and the trust and
way-finding pages — Impressum / mentions légales and privacy from the `publisher` block of
mkdocs.yml, footer links on every page, translated 404 pages and a root 404, the
"Mitmachen / Contribuer" section, edit links to a record's YAML file.

Tests on shipped content assert properties (every home links at least three cases, or
every case when there are fewer), never today's data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from builder.build import build_site
from builder.catalog import load_catalog
from builder.cli import main
from builder.config import load_config
from builder.errors import ContentError
from builder.home import CARDS
from builder.site import build_plan

from .browser import browser, serve
from .built_sites import REPO, BuiltSite, mini_site, paged_site, real_site

LANGS = ("fr", "de")
CASE_LINK = re.compile(r'href="((?:\.\./)*(?:etudes-de-cas|fallstudien)/([a-z0-9-]+)/)"')


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _home_case_links(site: Path, lang: str) -> set[str]:
    """Ids of the case pages the home's content links to (not the navigation)."""
    html = _html(site, f"{lang}/index.html")
    content = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return {m.group(2) for m in CASE_LINK.finditer(content) if m.group(2) != "page"}


def _set_option(mini: Path, old: str, new: str) -> None:
    path = mini / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- home ---------------------------------------------------------------------------------------
def test_each_home_links_its_cases_with_locator_maps(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = mini_site(tmp_path_factory)
    cases = set(load_catalog(load_config(_project(built))).cases)
    for lang in LANGS:
        html = _html(built.site, f"{lang}/index.html")
        assert _home_case_links(built.site, lang) == cases  # few cases: all of them
        # The outlines once, each card's map reusing them; named in the page's language.
        assert html.count('<symbol id="vp-locator-outlines"') == 1
        assert html.count('<use href="#vp-locator-outlines"/>') == len(cases)
        assert ("Lage von" if lang == "de" else "Situation de") in html
        # The three ways in, and the modules.
        assert html.count('class="vp-home-path ') == 3
        assert "vp-home-cards--modules" in html


@pytest.mark.slow
def test_real_homes_link_at_least_three_cases(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = real_site(tmp_path_factory)
    n_cases = len(load_catalog(load_config(_project(built))).cases)
    for lang in LANGS:
        linked = _home_case_links(built.site, lang)
        assert len(linked) >= min(3, n_cases), (lang, linked)
        assert len(linked) <= CARDS + 1


def test_home_does_not_grow_with_the_catalogue(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Twelve cases: the featured one, a selection of the others, and the finder's link
    with the whole count."""
    built = paged_site(tmp_path_factory)
    n_cases = len(load_catalog(load_config(_project(built))).cases)
    assert n_cases > CARDS + 1
    for lang in LANGS:
        linked = _home_case_links(built.site, lang)
        assert len(linked) == CARDS + 1
        html = _html(built.site, f"{lang}/index.html")
        finder = "Alle 12 Fallstudien" if lang == "de" else "les 12 études de cas"
        assert finder in html


def test_featured_case_with_its_image_alt_and_credit(mini: Path) -> None:
    (mini / "images").mkdir()
    (mini / "images" / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>',
        encoding="utf-8",
    )
    beta = mini / "case_studies" / "beta.yml"
    beta.write_text(
        beta.read_text(encoding="utf-8")
        + "images:\n  - path: images/drawing.svg\n"
        + "    alt: {fr: Dessin du chevalement, de: Zeichnung des Fördergerüsts}\n"
        + "    credit: Projekt Mini\n    licence: CC BY 4.0\n",
        encoding="utf-8",
    )
    _set_option(mini, "      publisher:", "      featured_case: beta\n      publisher:")
    site = build_site(load_config(mini), kits=False, workers=1)
    de = _html(site, "de/index.html")
    featured = de.split('class="vp-home-featured"', 1)[1].split("</section>", 1)[0]
    assert (
        '<img src="../images/drawing.svg" alt="Zeichnung des Fördergerüsts" width="4" height="3">'
    ) in featured  # its size from the viewBox: the space is kept while it loads
    assert "Bild: Projekt Mini, CC BY 4.0" in featured
    assert 'href="fallstudien/beta/"' in featured
    fr = _html(site, "fr/index.html")
    assert 'alt="Dessin du chevalement"' in fr and "Image\u00a0: Projekt Mini, CC BY 4.0" in fr


def test_an_unknown_featured_case_is_a_warning(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_option(mini, "      publisher:", "      featured_case: alfa\n      publisher:")
    assert main(["--root", str(mini), "check"]) == 0
    assert main(["--root", str(mini), "check", "--strict"]) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"mkdocs.yml:\d+:1: warning: featured_case: there is no case study 'alfa': the home "
        r"pages feature the first complete case study instead — did you mean 'alpha'\?",
        err,
    ), err


def test_generated_home_without_a_hand_written_one(mini: Path) -> None:
    for lang in LANGS:
        (mini / "docs" / lang / "index.md").unlink()
    site = build_site(load_config(mini), kits=False, workers=1)
    html = _html(site, "de/index.html")
    assert "<h1" in html and 'class="vp-home-featured"' in html
    assert _home_case_links(site, "de") == {"alpha", "beta"}


# -- footer, legal pages ----------------------------------------------------------------------
def test_every_page_has_the_footer_links_and_no_made_with(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = mini_site(tmp_path_factory)
    legal = {"fr": ("mentions-legales/", "confidentialite/"), "de": ("impressum/", "datenschutz/")}
    pages = [p for lang in LANGS for p in (built.site / lang).rglob("*.html")]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = page.relative_to(built.site).parts[0]
        assert "Made with" not in html, page
        footer = html.split('<nav class="vp-footer__nav"', 1)[1].split("</nav>", 1)[0]
        targets = set()
        for href in re.findall(r'href="([^"]+)"', footer):
            if href.startswith("http"):
                continue
            if href.startswith("/"):  # a 404 page: absolute, under the site's path
                target = (built.serve_root / href.lstrip("/")).resolve()
            else:
                target = (page.parent / href).resolve()
            assert (target / "index.html").exists(), (page, href)
            targets.add(target.relative_to(built.site.resolve()).as_posix())
        assert {f"{lang}/{slug}".rstrip("/") for slug in legal[lang]} <= targets, (page, targets)
        meta = html.split('<div class="md-copyright vp-footer">', 1)[1].split("</footer>", 1)[0]
        publisher = "Herausgegeben von" if lang == "de" else "Site édité par"
        assert f"{publisher} Verein Mini e. V." in meta, page


def test_imprint_and_privacy_from_the_publisher_block(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = mini_site(tmp_path_factory)
    imprint = _html(built.site, "de/impressum/index.html")
    for text in (
        "Angaben gemäß § 5 DDG",
        "Verein Mini e. V.<br>",
        "Hauptstraße 1<br>",
        '<a href="mailto:kontakt@example.org">',
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
        "Erika Mustermann (Vorsitzende)",
        "Vertreten durch: Erika Mustermann",
        "Beispiel Hosting GmbH",
    ):
        assert text in imprint, text
    assert "vp-placeholder" not in imprint
    mentions = _html(built.site, "fr/mentions-legales/index.html")
    assert "Directeur ou directrice de la publication" in mentions
    assert "Hébergement" in mentions and "Beispiel Hosting GmbH" in mentions
    privacy = _html(built.site, "de/datenschutz/index.html")
    assert "keine Cookies" in privacy and "nach 7 Tagen gelöscht" in privacy
    assert "Art. 6 Abs. 1 Buchst. f DSGVO" in privacy
    assert "vp-lang" in privacy  # what the browser keeps, named
    confidentialite = _html(built.site, "fr/confidentialite/index.html")
    assert "aucun cookie" in confidentialite and "au bout de 7\u00a0jours" not in confidentialite
    assert "effacés au bout de 7 jours" in confidentialite


def test_a_public_body_has_its_own_legal_basis(mini: Path) -> None:
    _set_option(mini, "        responsible:", "        public_body: true\n        responsible:")
    site = build_site(load_config(mini), kits=False, workers=1)
    assert "Art. 6 Abs. 1 Buchst. e DSGVO" in _html(site, "de/datenschutz/index.html")
    assert "point e) du RGPD" in _html(site, "fr/confidentialite/index.html")


def test_placeholders_are_notes_and_show_on_the_pages(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_option(mini, "name: Verein Mini e. V.", 'name: "TODO: publisher"')
    _set_option(mini, "log_retention_days: 7", "log_retention_days:")
    # To do before publishing, not a content problem: shown, never failing, even --strict.
    assert main(["--root", str(mini), "check", "--strict"]) == 0
    err = capsys.readouterr().err
    lines = (mini / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    name_line = next(i for i, row in enumerate(lines, 1) if "TODO: publisher" in row)
    assert (
        f"mkdocs.yml:{name_line}:1: note: publisher.name: still a placeholder: the "
        "Impressum and privacy pages show it as “to be filled in” — write the real value: "
        "the publishing body with its legal form"
    ) in err
    assert "note: publisher.hosting.log_retention_days: still a placeholder" in err
    site = build_site(load_config(mini), kits=False, workers=1)
    imprint = _html(site, "de/impressum/index.html")
    assert "Diese Seite ist noch nicht veröffentlichungsreif" in imprint
    assert '<mark class="vp-placeholder">[noch einzutragen]</mark>' in imprint
    assert "TODO" not in imprint.split("<article", 1)[1]
    privacy = _html(site, "fr/confidentialite/index.html")
    assert '<mark class="vp-placeholder">[à compléter]</mark>' in privacy
    # A placeholder publisher is not named in the footer.
    assert "Herausgegeben von" not in _html(site, "de/index.html")


def test_no_publisher_block_is_one_note(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (mini / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("      publisher:")
    end = text.index("markdown_extensions:")
    (mini / "mkdocs.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    assert main(["--root", str(mini), "check"]) == 0
    err = capsys.readouterr().err
    assert err.count("note: publisher") == 1
    assert "mkdocs.yml: note: publisher: the site names no publisher" in err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "email: kontakt@example.org",
            "email: kontakt-at-example.org",
            r"mkdocs.yml:(\d+):1: error: publisher.email: 'kontakt-at-example.org' is not an "
            r"e-mail address — contact e-mail address, e.g. kontakt@example.org",
        ),
        (
            "        hosting:",
            "        hostng:",
            r"mkdocs.yml:(\d+):1: error: publisher.hostng: unknown setting — did you mean "
            r"'hosting'\? the settings under `publisher:` are: name, address",
        ),
        (
            "address: [Hauptstraße 1, 01234 Beispielstadt, Deutschland]",
            "address: Hauptstraße 1, 01234 Beispielstadt",
            r"mkdocs.yml:(\d+):1: error: publisher.address: write the address as a list of "
            r"lines, one `- line` each",
        ),
        (
            "          log_retention_days: 7",
            "          log_retention_days: a week",
            r"mkdocs.yml:(\d+):1: error: publisher.hosting.log_retention_days: must be a whole "
            r"number, not 'a week' — days the web host keeps its server logs",
        ),
        (
            "        responsible: Erika Mustermann (Vorsitzende)\n",
            "",
            r"mkdocs.yml:(\d+):1: error: publisher.responsible: this setting is missing — add "
            r"`responsible:` under `publisher:` \(name \(and role\) of that person\)",
        ),
    ],
)
def test_a_bad_publisher_block_is_a_clear_error(
    mini: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    _set_option(mini, old, new)
    with pytest.raises(ContentError):
        load_config(mini)
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    found = re.search(expected, err)
    assert found, err
    assert "Traceback" not in err
    # The line named is the field's own (or its block's, when it is missing).
    line = (mini / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[int(found[1]) - 1]
    field = expected.split("error: publisher.")[1].split(":")[0].split(".")[-1]
    assert line.strip().startswith((f"{field}:", "publisher:")), line


# -- 404 ----------------------------------------------------------------------------------------
def test_translated_404_pages_and_the_root_one(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = mini_site(tmp_path_factory)
    expected = {
        "fr": ("Page introuvable", "/mini/fr/etudes-de-cas/", "/mini/de/"),
        "de": ("Seite nicht gefunden", "/mini/de/fallstudien/", "/mini/fr/"),
    }
    for lang, (title, cases, other_home) in expected.items():
        html = _html(built.site, f"{lang}/404.html")
        assert f'<html lang="{lang}"' in html
        assert f"<h1>{title}</h1>" in html and f"<title>{title} – Mini</title>" in html
        assert "404 - Not found" not in html
        form = html.split('<form class="vp-404-search"', 1)[1].split("</form>", 1)[0]
        assert f'action="/mini/{lang}/"' in form and 'name="q"' in form and "<label" in form
        links = html.split('<ul class="vp-404-links">', 1)[1].split("</ul>", 1)[0]
        hrefs = re.findall(r'href="([^"]+)"', links)
        assert f"/mini/{lang}/" in hrefs and cases in hrefs and other_home in hrefs
        for href in hrefs:
            assert (built.serve_root / href.lstrip("/") / "index.html").exists(), href
    root = _html(built.site, "404.html")
    assert 'lang="fr"' in root and 'lang="de"' in root
    assert 'href="/mini/fr/"' in root and 'href="/mini/de/"' in root
    assert "Page introuvable" in root and "Seite nicht gefunden" in root


# -- contributing: navigation, edit links, values in pages -----------------------------------
def test_contribute_section_and_edit_links(mini: Path) -> None:
    for lang, text in (
        ("fr", "Guide\n\n`git clone {{ repo_url }}`\n"),
        ("de", "Leitfaden\n\n`git clone {{ repo_url }}` und `cd {{ repo_folder }}`\n"),
    ):
        (mini / "docs" / lang / "guide.md").write_text(f"# {text}", encoding="utf-8")
    site = build_site(load_config(mini), kits=False, workers=1)
    home = _html(site, "de/index.html")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary")[0]
    before, section = re.split(r">\s*Mitmachen\s*<", nav, maxsplit=1)
    assert "Leitfaden für die Redaktion" in section and "Feldreferenz" in section
    assert 'href="https://code.example.org/villes-pairs/mini"' in section
    assert "Leitfaden für die Redaktion" not in before
    guide = _html(site, "de/guide/index.html")
    assert "git clone https://code.example.org/villes-pairs/mini</code>" in guide
    assert "cd mini</code>" in guide
    case = _html(site, "de/fallstudien/alpha/index.html")
    assert (
        '<a href="https://code.example.org/villes-pairs/mini/edit/main/case_studies/alpha.yml"'
        ' rel="edit">Diese Seite auf code.example.org bearbeiten</a>'
    ) in case
    assert "(Datei case_studies/alpha.yml)" in case
    about = _html(site, "fr/about/index.html")
    assert "/edit/main/docs/fr/about.md" in about
    glossary = _html(site, "de/glossar/index.html")
    assert "/edit/main/glossary.yml" in glossary
    assert 'rel="edit"' not in _html(site, "de/fallstudien/index.html")  # a listing
    assert 'data-md-component="source"' not in home  # no call to the code host's API


def test_no_edit_links_without_a_repository(mini: Path) -> None:
    _set_option(mini, "repo_url: https://code.example.org/villes-pairs/mini\n", "")
    site = build_site(load_config(mini), kits=False, workers=1)
    for page in ("de/fallstudien/alpha/index.html", "fr/about/index.html", "de/index.html"):
        assert 'rel="edit"' not in _html(site, page)
    footer = _html(site, "de/index.html").split('<div class="md-copyright vp-footer">', 1)[1]
    assert "Repository" not in footer and "Impressum" in footer


def test_unknown_values_in_pages_are_errors(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini / "docs" / "de" / "about.md").write_text(
        "# Über uns\n\nQuelle: {{ repo_ulr }}\n", encoding="utf-8"
    )
    assert main(["--root", str(mini), "check"]) == 1
    err = capsys.readouterr().err
    assert (
        "docs/de/about.md:3:9: error: unknown value '{{ repo_ulr }}' — did you mean "
        "'repo_url'? the values a page can quote are: repo_folder, repo_url, site_name"
    ) in err


def test_plan_has_legal_pages_in_every_language(mini: Path) -> None:
    plan = build_plan(load_catalog(load_config(mini)))
    assert plan.alternates("imprint") == {"fr": "fr/mentions-legales/", "de": "de/impressum/"}
    assert plan.alternates("privacy") == {"fr": "fr/confidentialite/", "de": "de/datenschutz/"}


# -- the privacy page is true: no cookie, nothing stored but the language -------------------------
@pytest.mark.browser
def test_no_cookie_and_only_the_language_is_stored(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = mini_site(tmp_path_factory)
    with browser() as chromium, serve(built.serve_root) as base:
        context = chromium.new_context()
        page = context.new_page()
        root = base + built.prefix.lstrip("/")
        for path in ("", "de/", "fr/etudes-de-cas/alpha/", "de/datenschutz/", "de/404.html"):
            page.goto(root + path, wait_until="load")
        page.fill("#vp-404-query", "alpha")
        page.click(".vp-404-search button")
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        stored: Any = page.evaluate("Object.keys(localStorage)")
        session: Any = page.evaluate("Object.keys(sessionStorage)")
        assert context.cookies() == []
        assert set(stored) <= {"vp-lang"}, stored
        assert session == [], session
        context.close()


def _project(built: BuiltSite) -> Path:
    """The project a shared site was built from (the repository for the real site)."""
    project = built.serve_root.parent / "project"
    return project if project.is_dir() else REPO


def test_the_preview_rewrites_the_home_when_a_case_on_it_changes(
    mini: Path, tmp_path: Path
) -> None:
    from builder.preview import Preview

    preview = Preview()
    preview.rebuild(load_config(mini))
    case = mini / "case_studies" / "alpha.yml"
    text = case.read_text(encoding="utf-8")
    assert "Alpha-sur-Mer : une ville" in text
    case.write_text(
        text.replace("Alpha-sur-Mer : une ville", "Alpha-sur-Mer : une ville (revu)"), "utf-8"
    )
    preview.rebuild(load_config(mini))
    assert preview.last.endswith("changed page(s) per language rewritten")
    assert "(revu)" in _html(mini / "site", "fr/index.html")
    full = build_site(load_config(mini), kits=False, out=tmp_path / "full", workers=1)
    assert _html(mini / "site", "fr/index.html") == _html(full, "fr/index.html")
