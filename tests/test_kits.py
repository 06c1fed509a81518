"""PDF kits built from the mini fixture: languages, clock times, side by side, handouts,
fonts, metadata, cache, CLI; and the glossary term finder they use."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.build import checked_catalog
from builder.catalog import Catalog
from builder.cli import main
from builder.config import load_config
from builder.errors import ContentError
from builder.kits import KitReport, build_kits, kit_jobs
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
        return [page.extract_text() for page in PdfReader(self.out / name).pages]

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


def test_three_kits_per_module_and_programme(built: Built) -> None:
    names = sorted(p.name for p in built.out.glob("*.pdf"))
    assert names == [
        "day.de.pdf",
        "day.fr-de.pdf",
        "day.fr.pdf",
        "ws-one.de.pdf",
        "ws-one.fr-de.pdf",
        "ws-one.fr.pdf",
    ]
    assert sorted(built.report.generated) == names
    assert built.report.reused == []
    assert str(built.report).startswith("6 kits in ")


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
    assert "Page 2 sur 5" in text
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
    assert "Seite 3 von 5" in text
    assert "Déroulé" not in text and "Page 3 sur" not in text


def test_cover_has_duration_group_and_blank_fields(built: Built) -> None:
    cover = built.pages("ws-one.fr.pdf")[0]
    assert "Atelier un" in cover
    assert "Durée 45\u00a0min" in cover
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


def test_each_handout_starts_a_page_without_facilitator_notes(built: Built) -> None:
    fr = built.pages("ws-one.fr.pdf")
    starts = [i for i, page in enumerate(fr) if page.startswith("Fiche de présentation\n")]
    assert starts == [len(fr) - 1]
    assert "Soyez bref." not in fr[starts[0]]
    assert "Ma commune" in fr[starts[0]]

    both = built.pages("ws-one.fr-de.pdf")
    assert both[-2].startswith("Fiche de présentation\n")
    assert both[-1].startswith("Steckbrief\n")
    assert "Meine Kommune" in both[-1] and "Ma commune" not in both[-1]


def test_programme_kit_has_the_day_and_each_module(built: Built) -> None:
    pages = built.pages("day.fr.pdf")
    text = "\n".join(pages)
    assert "PROGRAMME DE LA JOURNÉE" in text
    assert "09:00–09:45 45\u00a0min Atelier un" in text
    assert "09:45–10:00 15\u00a0min Pause café" in text
    assert "10:00–10:45 45\u00a0min Atelier un" in text
    # The second run of ws-one has its steps timed from 10:00.
    assert "10:00–10:15 · 15\u00a0min · plénière" in text
    assert sum(page.startswith("Fiche de présentation\n") for page in pages) == 2


def test_fonts_are_embedded(built: Built) -> None:
    for name in ("ws-one.fr.pdf", "ws-one.fr-de.pdf", "day.de.pdf"):
        fonts = {}
        for page in PdfReader(built.out / name).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                if "/DescendantFonts" in font:  # composite (Type0) font: the glyphs' font
                    font = font["/DescendantFonts"][0].get_object()
                descriptor = font["/FontDescriptor"].get_object()
                fonts[str(font["/BaseFont"])] = sorted(
                    k for k in descriptor if k.startswith("/FontFile")
                )
        assert fonts, name
        assert all("DejaVu" in base for base in fonts), fonts
        assert all(files for files in fonts.values()), f"{name}: not embedded: {fonts}"


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
    assert len(report.reused) == 6
    assert seen[-1] == (6, 6, seen[-1][2], True)
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
    assert len(report.reused) == 4
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
    assert "[1/1] ws-one.de.pdf" in err
    assert [p.name for p in out.iterdir()] == ["ws-one.de.pdf"]
    assert main(argv) == 0
    assert "[1/1] ws-one.de.pdf (cached)" in capsys.readouterr().err


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
    assert '@top-left { content: "Atelier \\"un\\" \\3c /style>\\3c b>x"; }' in html
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
