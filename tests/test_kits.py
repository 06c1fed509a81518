"""PDF kits built from the mini fixture: languages, clock times, side by side, handouts,
fonts, metadata, cache, CLI; and the glossary term finder they use. Properties of every
shipped kit (worksheets, QR codes, tags, checkers) are in tests/test_kit_checks.py."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from builder.build import checked_catalog
from builder.catalog import Catalog
from builder.cli import main
from builder.config import load_config
from builder.errors import ContentError
from builder.kits import KitReport, build_kits, kit_jobs, read_manifest
from builder.kits.cache import KitJob, kit_key, templates_digest
from builder.kits.render import counter_css, render_kit
from builder.model import GlossaryTerm
from builder.terms import find_terms, record_terms, terms_in

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def copy_site(dest: Path) -> Path:
    """The mini site, with a glossary term used in ws-one (French alias, German term)."""
    site = dest / "mini"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns("site"))
    module = site / "workshops" / "ws-one.yml"
    text = module.read_text(encoding="utf-8")
    text = text.replace(
        "{fr: Échangez en tandem., de: Tauschen Sie sich im Tandem aus.}",
        "{fr: Échangez en tandem au pied des terrils., "
        "de: Tauschen Sie sich im Tandem über die Halde aus.}",
    )
    module.write_text(text, encoding="utf-8")
    return site


@dataclass
class Built:
    site: Path
    catalog: Catalog
    out: Path
    cache: Path
    report: KitReport

    def pages(self, name: str) -> list[str]:
        """The text of each page; no-break spaces read as spaces (the font draws both with
        one glyph, so the PDF's text says which it was only in the HTML)."""
        return [
            page.extract_text().replace("\u00a0", " ").replace("\u202f", " ")
            for page in PdfReader(self.out / name).pages
        ]

    def text(self, name: str) -> str:
        return "\n".join(self.pages(name))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("kits")
    site = copy_site(base)
    catalog = checked_catalog(load_config(site))
    out, cache = base / "out", base / "cache"
    report = build_kits(catalog, out, cache_dir=cache)
    return Built(site, catalog, out, cache, report)


# -- names and contents ------------------------------------------------------------------


def test_three_kits_per_module_and_programme_and_fillable_handouts(built: Built) -> None:
    names = sorted(p.name for p in built.out.glob("*.pdf"))
    assert names == [
        "day.de.pdf",
        "day.fr-de.pdf",
        "day.fr.pdf",
        "ws-one.de.form.pdf",
        "ws-one.de.pdf",
        "ws-one.fr-de.pdf",
        "ws-one.fr.form.pdf",
        "ws-one.fr.pdf",
    ]
    assert sorted(built.report.generated) == names
    assert built.report.reused == []
    assert str(built.report).startswith("8 kits in ")
    manifest = read_manifest(built.out)
    assert sorted(manifest) == names
    for name, entry in manifest.items():
        assert entry["bytes"] == (built.out / name).stat().st_size
        assert entry["pages"] == len(PdfReader(built.out / name).pages)
        assert re.fullmatch(r"[0-9a-f]{8}", entry["version"])


def test_french_kit_has_french_headings_and_clock_times(built: Built) -> None:
    text = built.text("ws-one.fr.pdf")
    for heading in (
        "KIT D’ANIMATION",
        "Ordre du jour",
        "Déroulé",
        "Liste du matériel",
        "Bilan et suites",
        "Étape 1 · Accueil",
        "Consignes aux participants",
        "Notes pour l’animation",
        "Résultat attendu",
    ):
        assert heading.casefold() in text.casefold(), heading
    assert "09:30–09:45" in text
    assert "09:45–10:15" in text
    assert f"Page 2 sur {len(built.pages('ws-one.fr.pdf'))}" in text
    assert "Ablauf" not in text and "Seite" not in text


def test_german_kit_has_german_headings_and_clock_times(built: Built) -> None:
    text = built.text("ws-one.de.pdf")
    for heading in (
        "MODERATIONSKIT",
        "Tagesordnung",
        "Ablauf",
        "Materialliste",
        "Auswertung und Nachbereitung",
        "Schritt 2 · Tandems",
        "Hinweise für die Moderation",
    ):
        assert heading.casefold() in text.casefold(), heading
    assert "09:30–09:45" in text and "09:45–10:15" in text
    assert f"Seite 3 von {len(built.pages('ws-one.de.pdf'))}" in text
    assert "Déroulé" not in text and "Page 3 sur" not in text


def test_cover_has_duration_group_and_blank_fields(built: Built) -> None:
    cover = built.pages("ws-one.fr.pdf")[0]
    assert "Atelier un" in cover
    assert re.search(r"Durée\s45\s+min", cover), cover
    assert "6–20 participants (5 par table)" in cover
    for field in ("Date", "Lieu", "Animation"):
        assert f"\n{field}\n" in f"\n{cover}\n", field


def test_materials_scaled_to_group_size(built: Built) -> None:
    text = built.text("ws-one.fr.pdf")
    # Feutres: 1 per participant × 20; Paperboard: 1 per table × ceil(20 / 5).
    assert "Feutres\n1 par participant\n20" in text
    assert "Paperboard\n1 par table\n4" in text
    assert "Quantités calculées pour 20 participants, soit 4 tables de 5." in text


def test_bilingual_kit_puts_french_and_german_on_the_same_page(built: Built) -> None:
    pages = built.pages("ws-one.fr-de.pdf")
    together = [
        i
        for i, page in enumerate(pages)
        if "Présentez-vous." in page
        and "Stellen Sie sich vor." in page
        and "Soyez bref." in page
        and "Kurz halten." in page
    ]
    assert together, "no page holds both languages of step 1"
    page = pages[together[0]]
    # Row by row: the French cell comes right before the German one.
    assert page.index("Présentez-vous.") < page.index("Stellen Sie sich vor.")
    assert page.index("Stellen Sie sich vor.") < page.index("Soyez bref.")
    assert f"Page 3 sur {len(pages)} · Seite 3 von {len(pages)}" in pages[2]


def test_bilingual_kit_has_a_glossary_of_the_terms_used(built: Built) -> None:
    text = built.text("ws-one.fr-de.pdf")
    assert "Glossaire FR ↔ DE · Glossar FR ↔ DE" in text
    assert "terril" in text and "Halde" in text
    assert "Colline de résidus miniers." in text
    assert "Glossaire" not in built.text("ws-one.fr.pdf")


def test_each_handout_starts_a_page_numbered_as_in_the_material_list(built: Built) -> None:
    fr = built.pages("ws-one.fr.pdf")
    starts = [i for i, page in enumerate(fr) if page.startswith("Document 1 · ")]
    assert starts == [len(fr) - 1]
    sheet = fr[starts[0]]
    assert "Fiche de présentation" in sheet and "Ma commune" in sheet
    assert "Soyez bref." not in sheet  # no facilitator notes on a participant's sheet
    # The material list names the sheet by its number and title, with its paper.
    assert "Document 1 : Fiche de présentation, format A3" in built.text("ws-one.fr.pdf")
    # A3 in the material list: the sheet is laid out on A3.
    reader = PdfReader(built.out / "ws-one.fr.pdf")
    assert float(reader.pages[starts[0]].mediabox.height) == pytest.approx(1190.55, abs=0.5)
    assert float(reader.pages[0].mediabox.height) == pytest.approx(841.89, abs=0.5)

    both = built.pages("ws-one.fr-de.pdf")
    assert both[-2].startswith("Document 1 · ") and "Fiche de présentation" in both[-2]
    assert both[-1].startswith("Handout 1 · ") and "Steckbrief" in both[-1]
    assert "Meine Kommune" in both[-1] and "Ma commune" not in both[-1]


def test_handout_running_heads_are_for_participants(built: Built) -> None:
    sheet = built.pages("ws-one.de.pdf")[-1]
    assert "Mini" in sheet and "Handout 1" in sheet
    for facilitator_only in ("Auswertung und Nachbereitung", "Workshop eins", "Ablauf"):
        assert facilitator_only not in sheet


def test_bilingual_handout_is_one_sheet_in_every_kit(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    module = site / "workshops" / "ws-one.yml"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace("  - id: fiche\n", "  - id: fiche\n    bilingual: true\n"), encoding="utf-8"
    )
    catalog = checked_catalog(load_config(site))
    out = tmp_path / "out"
    build_kits(catalog, out, only="ws-one", variants=["de", "fr-de"], forms=False)
    de = [p.extract_text() for p in PdfReader(out / "ws-one.de.pdf").pages]
    assert de[-1].startswith("Handout 1 · ")
    assert "Meine Kommune" in de[-1] and "Ma commune" in de[-1]  # German first, then French
    assert de[-1].index("Meine Kommune") < de[-1].index("Ma commune")
    assert "Handout 1: Steckbrief, Format A3, zweisprachig" in "\n".join(de)
    both = [p.extract_text() for p in PdfReader(out / "ws-one.fr-de.pdf").pages]
    assert sum("Ma commune" in page for page in both) == 1  # one sheet, not one per language


def test_footer_has_review_date_version_licence_and_address(built: Built) -> None:
    version = read_manifest(built.out)["ws-one.de.pdf"]["version"]
    footer = f"Stand 1. November 2026 · Version {version} · Lizenz CC BY 4.0 · example.org/mini/de/"
    pages = built.pages("ws-one.de.pdf")
    assert all(footer in page for page in pages), pages[0]
    # The version is the start of the content hash (never the clock): the same content, the
    # same version.
    job = KitJob("module", "ws-one", "de")
    assert version == kit_key(built.catalog, job, templates_digest(built.site))[:8]


def test_cover_qr_code_leads_to_the_page_in_that_language(built: Built, tmp_path: Path) -> None:
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg and pdftoppm are needed: apt-get install zbar-tools poppler-utils")
    assert decoded_qr(built.out / "ws-one.de.pdf", tmp_path) == [
        "https://example.org/mini/de/workshop-module/ws-one/"
    ]
    assert sorted(decoded_qr(built.out / "ws-one.fr-de.pdf", tmp_path)) == [
        "https://example.org/mini/de/workshop-module/ws-one/",
        "https://example.org/mini/fr/ateliers/ws-one/",
    ]
    assert decoded_qr(built.out / "day.fr.pdf", tmp_path) == [
        "https://example.org/mini/fr/programmes/day/"
    ]


def decoded_qr(pdf: Path, tmp_path: Path) -> list[str]:
    """The QR codes zbarimg finds on the first page, rendered by pdftoppm."""
    prefix = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "150", "-png", str(pdf), str(prefix)], check=True
    )
    image = next(tmp_path.glob(f"{pdf.stem}*.png"))
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False
    )
    image.unlink()
    return [line for line in done.stdout.splitlines() if line]


def test_translation_notice_where_the_text_is_a_draft(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    module = site / "workshops" / "ws-one.yml"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace("last_reviewed:", "translation: {fr: original, de: machine}\nlast_reviewed:"),
        encoding="utf-8",
    )
    catalog = checked_catalog(load_config(site))
    out = tmp_path / "out"
    build_kits(catalog, out, only="ws-one", variants=["fr", "de"], forms=False)
    de = PdfReader(out / "ws-one.de.pdf").pages[0].extract_text()
    notice = "Dieser Text ist eine maschinelle Übersetzung und noch nicht redaktionell geprüft."
    assert notice in de
    assert "traduit" not in PdfReader(out / "ws-one.fr.pdf").pages[0].extract_text()


def test_fillable_handouts_have_named_fields(built: Built) -> None:
    reader = PdfReader(built.out / "ws-one.fr.form.pdf")
    fields = reader.get_fields() or {}
    text_fields = [f for f in fields.values() if f.get("/FT") == "/Tx"]
    assert [f.get("/TU") for f in text_fields] == ["Ma commune – Réponse"]
    assert "Documents à remplir" in reader.pages[0].extract_text()
    assert "Soyez bref." not in "\n".join(p.extract_text() for p in reader.pages)


def test_programme_kit_starts_with_the_day_and_a_contents_page(built: Built) -> None:
    pages = built.pages("day.fr.pdf")
    cover, contents = pages[0], pages[1]
    assert "PROGRAMME DE LA JOURNÉE" in cover
    for field in ("Date", "Lieu", "Animation"):
        assert f"\n{field}\n" in f"\n{cover}\n", field
    assert "09:00–09:45 Atelier un 45 min" in cover
    assert "09:45–10:00 Pause café 15 min" in cover
    assert "10:00–10:45 Atelier un 45 min" in cover
    assert "Contenu et impression" in contents
    # Each module's handout, with the page to print and the copies for the group.
    assert re.search(r"p\.\s\d+ Document 1\.1 Fiche de présentation", contents), contents
    assert re.search(r"p\.\s\d+ Document 2\.1 Fiche de présentation", contents), contents
    assert "20 × A3" in contents
    text = "\n".join(pages)
    assert "Matériel et préparation de la journée" in text
    # The second run of ws-one has its steps timed from 10:00.
    assert "10:00–10:15 · 15 min · plénière" in text
    assert "Avant l'atelier" not in text  # no "before the workshop" in the middle of the day
    assert sum(page.startswith("Document ") for page in pages) == 2


def test_fonts_are_files_of_the_repository(built: Built) -> None:
    """Every font in every kit is one of builder/fonts (same font, same glyph outlines)."""
    tracked = repository_fonts()
    for pdf in sorted(built.out.glob("*.pdf")):
        for font in embedded_fonts(pdf):
            name = font["name"].getDebugName(6)
            assert font_origin(font, tracked), f"{pdf.name}: {name} is not a font of builder/fonts"


def test_pdf_is_tagged_with_language_and_title(built: Built) -> None:
    for name, lang, title in (
        ("ws-one.fr.pdf", "fr", "Atelier un"),
        ("ws-one.de.pdf", "de", "Workshop eins"),
        ("ws-one.fr-de.pdf", "fr", "Atelier un · Workshop eins"),
        ("day.de.pdf", "de", "Ein Tag"),
    ):
        reader = PdfReader(built.out / name)
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang, name
        assert reader.metadata is not None and reader.metadata.title == title
        assert "/StructTreeRoot" in root, f"{name} is not tagged"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4


# -- cache -------------------------------------------------------------------------------


def test_second_build_regenerates_nothing(built: Built, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str, bool]] = []
    report = build_kits(
        built.catalog,
        tmp_path / "again",
        cache_dir=built.cache,
        progress=lambda *event: seen.append(event),
    )
    assert report.generated == []
    assert len(report.reused) == 8
    assert seen[-1] == (8, 8, seen[-1][2], True)
    for name in report.reused:
        assert (tmp_path / "again" / name).read_bytes() == (built.out / name).read_bytes()


def test_glossary_change_regenerates_only_bilingual_kits(built: Built, tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    glossary = site / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(
            "Colline de résidus miniers.", "Colline de déblais des mines."
        ),
        encoding="utf-8",
    )
    catalog = checked_catalog(load_config(site))
    cache = tmp_path / "cache"
    shutil.copytree(built.cache, cache)
    report = build_kits(catalog, tmp_path / "out", cache_dir=cache)
    assert sorted(report.generated) == ["day.fr-de.pdf", "ws-one.fr-de.pdf"]
    assert len(report.reused) == 6
    assert "Colline de déblais des mines." in "\n".join(
        p.extract_text() for p in PdfReader(tmp_path / "out" / "ws-one.fr-de.pdf").pages
    )
    # Only the current version of each kit stays in the cache.
    assert len(list(cache.glob("ws-one.fr-de.*.pdf"))) == 1


def test_cache_key_of_a_programme_follows_its_modules(built: Built, tmp_path: Path) -> None:
    templates = templates_digest(built.site)
    job = KitJob("programme", "day", "fr")
    before = kit_key(built.catalog, job, templates)
    site = copy_site(tmp_path)
    module = site / "workshops" / "ws-one.yml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("Soyez bref.", "Soyez concis."), encoding="utf-8"
    )
    catalog = checked_catalog(load_config(site))
    assert kit_key(catalog, job, templates) != before
    assert kit_key(catalog, job, templates) == kit_key(catalog, job, templates)


def test_project_templates_override_the_package(built: Built, tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    before = templates_digest(site)
    (site / "templates" / "kits").mkdir(parents=True)
    (site / "templates" / "kits" / "kit.css").write_text(
        "/* our own print style */ html { font-family: 'DejaVu Serif', serif; }", encoding="utf-8"
    )
    catalog = checked_catalog(load_config(site))
    html = render_kit(catalog, "module", "ws-one", ("fr",))
    assert "/* our own print style */" in html
    assert "Print CSS of the workshop kits" not in html
    assert templates_digest(site) != before


# -- selection and CLI -------------------------------------------------------------------


def test_kit_jobs_select_by_id_and_variant(built: Built) -> None:
    jobs = kit_jobs(built.catalog, only="day", variants=["fr-de"])
    assert [j.filename for j in jobs] == ["day.fr-de.pdf"]
    with pytest.raises(ContentError, match=r"no module or programme has the id 'ws-on'") as err:
        kit_jobs(built.catalog, only="ws-on")
    assert err.value.hint == "did you mean 'ws-one'?"
    with pytest.raises(ContentError, match=r"there is no kit in 'en'"):
        kit_jobs(built.catalog, variants=["en"])


def test_cli_builds_one_kit_with_progress(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pdf"
    argv = [
        "--root",
        str(built.site),
        "kits",
        "--only",
        "ws-one",
        "--lang",
        "de",
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    err = capsys.readouterr().err
    # The kit and its fillable handouts, in the order they are done.
    assert re.search(r"\[[12]/2\] ws-one\.de\.pdf\n", err), err
    assert re.search(r"\[[12]/2\] ws-one\.de\.form\.pdf\n", err), err
    names = sorted(p.name for p in out.iterdir())
    assert names == ["kits.json", "ws-one.de.form.pdf", "ws-one.de.pdf"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "ws-one.de.pdf (cached)" in err and "ws-one.de.form.pdf (cached)" in err


def test_cli_reports_unknown_id_and_content_errors(
    built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(built.site), "kits", "--only", "ws-on", "--out", str(tmp_path)]) == 1
    assert (
        "workshops: error: no module or programme has the id 'ws-on' — did you mean 'ws-one'?"
    ) in capsys.readouterr().err
    broken = copy_site(tmp_path)
    module = broken / "workshops" / "ws-one.yml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("duration_minutes: 45", "duration_minutes: 50"),
        encoding="utf-8",
    )
    assert main(["--root", str(broken), "kits", "--out", str(tmp_path / "x")]) == 1
    assert "duration_minutes is 50 but the steps add up to 45" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_titles_cannot_break_out_of_the_print_css(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    module = site / "workshops" / "ws-one.yml"
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            "title: {fr: Atelier un,", "title: {fr: 'Atelier \"un\" </style><b>x',"
        ),
        encoding="utf-8",
    )
    catalog = checked_catalog(load_config(site))
    assert catalog.modules["ws-one"].title["fr"] == 'Atelier "un" </style><b>x'
    html = render_kit(catalog, "module", "ws-one", ("fr",))
    assert html.count("</style>") == 2  # the package CSS and the running headers
    assert '@top-left { content: "Atelier \\"un\\" \\3c /style>\\3c b>x"; width: 100%; }' in html
    assert "<title>Atelier &#34;un&#34; &lt;/style&gt;&lt;b&gt;x</title>" in html


def test_page_counter_css() -> None:
    assert counter_css("Page {page} sur {pages}") == '"Page " counter(page) " sur " counter(pages)'
    assert counter_css('{page}/{pages} "x"') == 'counter(page) "/" counter(pages) " \\"x\\""'


# -- glossary terms ----------------------------------------------------------------------


def _term(ident: str, fr: str, de: str, aliases_fr: list[str] | None = None) -> GlossaryTerm:
    return GlossaryTerm.model_validate(
        {
            "id": ident,
            "term": {"fr": fr, "de": de},
            "definition": {"fr": "…", "de": "…"},
            **({"aliases": {"fr": aliases_fr, "de": [de]}} if aliases_fr else {}),
        }
    )


TERMS = [
    _term("terril", "terril", "Halde", ["terrils"]),
    _term("changement", "changement", "Wandel"),
    _term("conduite", "conduite du changement", "Gestaltung des Wandels"),
]


def test_find_terms_whole_words_any_case_longest_first() -> None:
    text = "Les Terrils et la conduite du\nchangement ; terrillon, changements."
    hits = find_terms(text, TERMS, "fr")
    assert [(h.term.id, h.text) for h in hits] == [
        ("terril", "Terrils"),
        ("conduite", "conduite du\nchangement"),
    ]
    assert text[hits[0].start : hits[0].end] == "Terrils"


def test_terms_in_texts_per_language() -> None:
    assert [t.id for t in terms_in(["Die Halde.", "Der Wandel."], TERMS, "de")] == [
        "terril",
        "changement",
    ]
    assert terms_in(["Die Halde."], TERMS, "fr") == []


def test_record_terms_of_a_module(built: Built) -> None:
    module = built.catalog.modules["ws-one"]
    found = record_terms([module], built.catalog.glossary.values(), ("fr", "de"))
    assert [t.id for t in found] == ["terril"]
    assert record_terms([module], built.catalog.glossary.values(), ("en",)) == []


# -- fonts: what is embedded comes from builder/fonts ------------------------------------------

REPO = Path(__file__).parent.parent


def repository_fonts() -> list[TTFont]:
    files = subprocess.run(
        ["git", "ls-files", "builder/fonts"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    fonts = [TTFont(REPO / f) for f in files if f.endswith((".woff2", ".woff", ".ttf", ".otf"))]
    assert fonts, "no font tracked under builder/fonts"
    return fonts


def embedded_fonts(pdf: Path) -> list[TTFont]:
    out, seen = [], set()
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                glyphs = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = glyphs.FontDescriptor
                key = next(k for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor)
                out.append(TTFont(io.BytesIO(descriptor[key].read_bytes())))
    return out


def font_origin(embedded: TTFont, tracked: list[TTFont]) -> TTFont | None:
    """The tracked font the embedded subset was made from: same PostScript name and dates,
    and the same outlines for the characters the subset holds."""
    name = embedded["name"].getDebugName(6)
    head = embedded["head"]
    for font in tracked:
        if font["name"].getDebugName(6) != name or font["head"].created != head.created:
            continue
        mine, theirs = embedded.getBestCmap(), font.getBestCmap()
        shared = sorted(set(mine) & set(theirs))[:40]
        if shared and all(_outline(embedded, mine[c]) == _outline(font, theirs[c]) for c in shared):
            return font
    return None


def _outline(font: TTFont, glyph: str) -> object:
    glyf = font["glyf"]
    coordinates, ends, _ = glyf[glyph].getCoordinates(glyf)
    return (list(coordinates), list(ends))


# -- layout: a section's last lines do not stand alone on a page --------------------------------


def test_a_few_spilled_lines_are_pulled_back_by_a_tighter_setting(tmp_path: Path) -> None:
    from weasyprint import HTML  # type: ignore[import-untyped]

    from builder.kits.pdf import BASE_URL, html_to_pdf, layout_report
    from builder.kits.render import PACKAGE_KIT_TEMPLATES

    css = (PACKAGE_KIT_TEMPLATES / "kit.css").read_text(encoding="utf-8")
    lines = "".join(f"<p>Ligne {i} du texte de la section.</p>" for i in range(38))
    html = (
        f'<html lang="fr"><head><title>t</title><style>{css}</style></head>'
        f'<body><section data-fit="x">{lines}</section></body></html>'
    )
    loose = layout_report(HTML(string=html, base_url=BASE_URL).render())
    assert loose["pages"] == 2 and loose["loose"] == ["x"], loose["fill"]
    report = html_to_pdf(html, str(tmp_path / "t.pdf"))
    assert report["pages"] == 1 and report["loose"] == []
    assert len(PdfReader(tmp_path / "t.pdf").pages) == 1
