"""Handouts read as forms (builder/kits/sheets.py): answer columns, their share of the width,
lines and boxes, fields with names, bilingual sheets — and the material list that names the
handouts (builder/model.py, builder/catalog.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lh

from builder.catalog import load_catalog
from builder.config import load_config
from builder.kits.sheets import Sheet, bilingual, column_kinds, column_shares, worksheet
from builder.markdown_safe import to_html


def md(text: str, lang: str = "fr") -> str:
    return str(to_html(text, lang))


def table_of(html: str) -> lh.HtmlElement:
    return lh.fragment_fromstring(html, create_parent="div").find(".//table")


def widths(table: lh.HtmlElement) -> list[float]:
    return [float(re.search(r"([\d.]+)%", c.get("style")).group(1)) for c in table.iter("col")]


QUESTIONS = """\
| Question | Notre réponse |
|---|---|
| Qui peut déposer une idée (habitants, groupes, associations, écoles, jeunes…) ? | |
| Ce qu’apporte la commune (matériaux, outils, savoir-faire des services, autorisations, argent, communication) | |
| Critères | |
"""


def test_answer_column_gets_the_width_not_the_long_questions() -> None:
    table = table_of(worksheet(md(QUESTIONS), Sheet("h1"), "1"))
    assert table.get("class") == "worksheet"
    assert [c.get("class") for c in table.iter("col")] == ["prompt", "answer"]
    prompt, answer = widths(table)
    assert answer >= 55 and prompt + answer == pytest.approx(100, abs=0.2)
    assert [td.get("class") for td in table.iter("td") if td.get("class")] == ["answer"] * 3


def test_columns_by_what_people_write_not_by_the_header() -> None:
    text = (
        "| Risque | Probabilité (faible / moyenne / forte) | Parade | Qui surveille ? |\n"
        "|---|---|---|---|\n"
        "| Le projet n’est pas entretenu | | | |\n"
        "| Accident pendant les travaux | | | |\n"
        "| | | | |\n"
    )
    table = table_of(worksheet(md(text), Sheet("h1"), "1"))
    kinds = [c.get("class") for c in table.iter("col")]
    assert kinds == ["prompt", "answer", "answer", "answer"]
    shares = widths(table)
    # "Parade" (a short header) is as wide as the long-headed column: both are for writing.
    assert shares[1] == shares[2] == shares[3]
    assert sum(shares[1:]) >= 55


def test_tick_columns_and_boxes() -> None:
    text = (
        "| Question | Oui | Non |\n|---|---|---|\n| Pertinent ? | ☐ | ☐ |\n| Faisable ? | ☐ | ☐ |\n"
    )
    assert column_kinds(table_of(md(text))) == ["prompt", "tick", "tick"]
    printed = worksheet(md(text), Sheet("h1"), "1")
    assert "☐" not in printed and printed.count('class="box"') == 4  # drawn, not a glyph
    fields = worksheet(md(text), Sheet("h1", form=True), "1")
    boxes = re.findall(r'<input type="checkbox" name="(h1-\d+)" title="([^"]+)"', fields)
    assert [t for _, t in boxes] == [
        "Pertinent ? – Oui",
        "Pertinent ? – Non",
        "Faisable ? – Oui",
        "Faisable ? – Non",
    ]
    assert len({n for n, _ in boxes}) == 4


def test_a_reading_table_is_left_alone() -> None:
    text = "| Année | Jalon |\n|---|---|\n| 1986 | Fin du charbon |\n| 1990 | Culture commune |\n"
    out = worksheet(md(text), Sheet("h1"), "1")
    assert "worksheet" not in out and "<col" not in out and 'class="answer"' not in out


@settings(max_examples=150, deadline=None)
@given(
    prompts=st.lists(st.integers(min_value=0, max_value=300), min_size=0, max_size=4),
    answers=st.integers(min_value=1, max_value=5),
    ticks=st.integers(min_value=0, max_value=3),
    rows=st.integers(min_value=1, max_value=8),
    header=st.integers(min_value=1, max_value=40),
)
def test_answers_always_take_at_least_half(
    prompts: list[int], answers: int, ticks: int, rows: int, header: int
) -> None:
    kinds = ["prompt"] * len(prompts) + ["answer"] * answers + ["tick"] * ticks
    head = "| " + " | ".join(f"H{j}" + "x" * header for j in range(len(kinds))) + " |\n"
    head += "|" + "---|" * len(kinds) + "\n"
    body = ""
    for _ in range(rows):
        cells = ["x" * max(1, n) for n in prompts] + [""] * answers + ["☐"] * ticks
        body += "| " + " | ".join(cells) + " |\n"
    table = table_of(md(head + body))
    assert column_kinds(table) == kinds
    shares = column_shares(table, kinds)
    assert sum(shares) == pytest.approx(1.0, abs=1e-6)
    assert sum(s for s, k in zip(shares, kinds, strict=True) if k == "answer") >= 0.5


def test_dotted_lines_become_lines_or_fields_named_after_their_label() -> None:
    text = "**Commune :** ……………………  **Date :** ………\n\n**Notre projet :**\n\n……………………\n\n……………………"
    printed = worksheet(md(text), Sheet("h1"), "1")
    assert "…" not in printed
    assert printed.count('class="fill"') == 2 and printed.count("fill--line") == 2
    form = worksheet(md(text), Sheet("h1", form=True, answer="Réponse"), "1")
    titles = re.findall(r'title="([^"]+)"', form)
    assert titles[:2] == ["Commune", "Date"]
    # Two lines under a question: one field of two lines, named after the question.
    assert re.search(r'<textarea name="h1-\d+" title="Notre projet"[^>]*style="height: 18mm"', form)


def test_bold_paragraph_alone_heads_its_section() -> None:
    out = worksheet(md("**A – Le dispositif**\n\n| Q | R |\n|---|---|\n| x | |"), Sheet("h1"), "1")
    assert out.startswith('<h3 class="sheet-heading">A – Le dispositif</h3>')
    long = worksheet(
        md("**Au verso : dessinez ce que votre partenaire vous a montré.**"), Sheet("h")
    )
    assert long.startswith("<p>")


def test_bilingual_sheet_one_answer_space_both_languages() -> None:
    fr = md("**Prénom :** ……………\n\n| Question | Réponse |\n|---|---|\n| Votre commune ? | |", "fr")
    de = md("**Vorname:** ……………\n\n| Frage | Antwort |\n|---|---|\n| Ihre Kommune? | |", "de")
    out = bilingual(fr, de, ("fr", "de"), Sheet("h1"), "1")
    assert out is not None
    root = lh.fragment_fromstring(out, create_parent="div")
    line = root.find("p")
    assert [s.get("lang") for s in line.iter("span") if s.get("lang")] == ["fr", "de"]
    assert _text(line) == "Prénom / Vorname"
    assert len(line.find_class("fill")) == 1  # one line to write on, for both
    cells = root.findall(".//tbody//td")
    assert _text(cells[0]) == "Votre commune ? Ihre Kommune?"
    assert cells[0].find("span").get("lang") == "de"
    assert cells[1].get("class") == "answer" and not _text(cells[1])


def test_bilingual_sheet_needs_the_same_shape() -> None:
    fr = md("| Q | R |\n|---|---|\n| a | |\n| b | |")
    de = md("| F | A |\n|---|---|\n| a | |")
    assert bilingual(fr, de, ("fr", "de"), Sheet("h1")) is None


def _text(element: lh.HtmlElement) -> str:
    return " ".join(element.text_content().split())


# -- the material list names handouts --------------------------------------------------------


def _module(site: Path) -> Path:
    return site / "workshops" / "ws-one.yml"


def test_material_lines_name_a_handout_of_the_module(mini: Path) -> None:
    path = _module(mini)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - handout: fiche\n", "  - handout: fichr\n"), "utf-8")
    problems = load_catalog(load_config(mini)).problems
    messages = [str(e) for e in problems.errors]
    assert any(
        "materials[2].handout: no handout has the id 'fichr' — did you mean 'fiche'?" in m
        and m.startswith("workshops/ws-one.yml:")
        for m in messages
    ), messages
    warnings = [str(w) for w in problems.warnings]
    assert any("the handout 'fiche' is not in the material list" in w for w in warnings), warnings


def test_material_needs_item_or_handout(mini: Path) -> None:
    path = _module(mini)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - handout: fiche\n", "  - handout: fiche\n    item: {fr: x, de: y}\n"),
        "utf-8",
    )
    messages = [str(e) for e in load_catalog(load_config(mini)).problems.errors]
    assert any(
        "each material needs either `item:` (a thing to bring) or `handout:`" in m for m in messages
    ), messages


def test_material_list_shows_number_and_title_of_the_handout(mini: Path) -> None:
    catalog = load_catalog(load_config(mini))
    module = catalog.modules["ws-one"]
    line = next(m for m in module.materials if m.handout)
    assert module.handout_number(line.handout) == 1
    assert module.paper("fiche") == "A3"


def test_a_header_row_keeps_its_header_cells() -> None:
    corner = worksheet(md("| | Levier 1 |\n|---|---|\n| Élément | |"), Sheet("h1"), "1")
    assert "<td></td>" in corner and "<th>Levier 1</th>" in corner
    blank = worksheet(md("| | |\n|---|---|\n| Élément | |"), Sheet("h1"), "1")
    assert blank.count("<th></th>") == 2  # a table keeps header cells, even blank ones


def test_a_bold_question_stays_with_its_lines() -> None:
    out = worksheet(md("**Qui décide ?**\n\n……………………\n\n**B – Budget**"), Sheet("h1"), "1")
    assert out.startswith('<p class="prompt"><strong>Qui décide')
    assert '<h3 class="sheet-heading">B – Budget</h3>' in out
