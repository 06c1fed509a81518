"""Handouts as sheets people write on: answer space first, fields, bilingual sheets.

A handout's Markdown becomes HTML like any other text (:func:`builder.markdown_safe.to_html`);
this module then reads that HTML as a form:

* **Worksheet tables.** A column whose body cells are mostly empty is an *answer column*; a
  column holding only ``☐`` is a *tick column*; the others are *prompt columns*. Prompt
  columns get the width their text needs (at most 45 % in all), tick columns a narrow one,
  answer columns the rest — never less than half the table. Prompts stay data cells: a
  table split over two pages is tagged as two, and row headers would then outnumber the
  cells they head (checkers take that for a broken table); form fields are named after
  their row's prompt and their column's header instead.
* **Form lines.** Runs of dots (``……``) become a line to write on; ``☐`` becomes a box.
* **Forms** (``form=True``, the fillable PDF for online sessions): answer cells become
  multi-line text fields, lines become text fields, boxes become check boxes, each with
  the name of its question (PDF ``/TU``) so a screen reader says what to fill in.
* **Bilingual sheets** (:func:`bilingual`): two languages of the same handout merged into
  one sheet — every text in the first language with the second under it, one answer space
  for both — when both have the same shape; otherwise ``None`` (the caller puts the
  languages side by side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count

from lxml import html as lh  # type: ignore[import-untyped]
from lxml.etree import SubElement, _Element  # type: ignore[import-untyped]

LEADER = re.compile(r"(?:…|\.{3}){2,}|_{4,}")
TOKEN = re.compile(r"(?P<leader>(?:…|\.{3}){2,}|_{4,})|(?P<box>☐)")
BLOCKS = ("p", "h3", "h4", "h5", "li", "th", "td", "blockquote")
#: Width of a tick column, and the most all prompt columns together may take.
TICK_SHARE = 0.07
PROMPT_MAX = 0.45
WORD_SHARE = 0.0125
TICKS_MAX = 0.3


@dataclass
class Sheet:
    """How one handout is turned into a sheet."""

    prefix: str  # unique start of the form field names, e.g. "h2"
    form: bool = False  # text fields and check boxes instead of lines and boxes
    answer: str = "Answer"  # accessible name of a field without a question of its own
    counter: count[int] = field(default_factory=lambda: count(1))

    def name(self) -> str:
        return f"{self.prefix}-{next(self.counter)}"


def _parse(fragment: str) -> _Element:
    return lh.fragment_fromstring(fragment or "<p></p>", create_parent="div")


def _serialize(root: _Element) -> str:
    head = root.text or ""
    return head + "".join(lh.tostring(child, encoding="unicode") for child in root)


def _text(element: _Element) -> str:
    return " ".join(element.text_content().split())


# -- form lines ----------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    for match in TOKEN.finditer(text):
        if match.start() > pos:
            out.append(("text", text[pos : match.start()]))
        out.append(("leader", match.group()) if match.group("leader") else ("box", "☐"))
        pos = match.end()
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


def _label(text: str) -> str:
    return text.strip().rstrip(":\u00a0\u202f ").strip()


def _fill(sheet: Sheet, size: int, label: str, *, line: bool = False) -> _Element:
    """A space to write in: a ruled line, or a text field in a form."""
    width = f"width: {min(max(size, 4), 60) * 0.85:.1f}em"
    if sheet.form:
        element = lh.Element("input", type="text", name=sheet.name(), title=label or sheet.answer)
        element.set("class", "field field--line" if line else "field")
    else:
        element = lh.Element("span")
        element.set("class", "fill fill--line" if line else "fill")
    if not line:
        element.set("style", width)
    return element


def _box(sheet: Sheet, label: str) -> _Element:
    if sheet.form:
        element = lh.Element("input", type="checkbox", name=sheet.name(), title=label)
        element.set("class", "tick-field")
    else:
        element = lh.Element("span")
        element.set("class", "box")
    return element


def _append_text(parent: _Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _form_line(
    sheet: Sheet, parts: list[list[tuple[str, str]]], langs: list[str], before: str
) -> _Element:
    """A paragraph of labels, lines and boxes; ``parts`` holds the same tokens in each
    language (one list per language), labels are joined as "Commune / Kommune"."""
    p = lh.Element("p")
    only_leader = all(kind != "text" or not value.strip() for kind, value in parts[0])
    p.set("class", "formline formline--line" if only_leader else "formline")
    tokens = parts[0]
    for i, (kind, value) in enumerate(tokens):
        if kind == "text":
            texts = [tokens_[i][1] for tokens_ in parts]
            _text_token(p, texts, langs, label=_next_kind(tokens, i) == "leader")
        elif kind == "leader":
            label = " / ".join(
                dict.fromkeys(_label(t[i - 1][1]) for t in parts if i and t[i - 1][0] == "text")
            )
            _append_node(p, _fill(sheet, len(value), label or before, line=only_leader))
        else:
            after = " / ".join(
                dict.fromkeys(
                    _label(t[i + 1][1]) for t in parts if i + 1 < len(t) and t[i + 1][0] == "text"
                )
            )
            _append_node(p, _box(sheet, after or before or sheet.answer))
    return p


def _next_kind(tokens: list[tuple[str, str]], i: int) -> str:
    return tokens[i + 1][0] if i + 1 < len(tokens) else ""


def _append_node(parent: _Element, node: _Element) -> None:
    parent.append(node)
    node.tail = " " if node.get("class", "").startswith(("fill", "field", "box", "tick")) else ""


def _text_token(p: _Element, texts: list[str], langs: list[str], *, label: bool) -> None:
    """One text between lines and boxes; in several languages "Commune / Kommune"."""
    cleaned = [" ".join(t.split()) for t in texts]
    if len(set(cleaned)) == 1 or len(langs) == 1:
        value = cleaned[0]
        if label:
            span = lh.Element("span")
            span.set("class", "label")
            span.text = value + " "
            _append_node(p, span)
            span.tail = ""
        else:
            _append_text(p, " " + value.strip() + " " if value.strip() else " ")
        return
    span = lh.Element("span")
    span.set("class", "label" if label else "option")
    for i, (text, lang) in enumerate(zip(cleaned, langs, strict=True)):
        part = SubElement(span, "span", lang=lang)
        part.text = _label(text) if label else text.strip()
        if i:
            part.set("class", "l2")
            prev = span[i - 1]
            prev.tail = " / "
    span[-1].tail = " "
    _append_node(p, span)
    span.tail = ""


def _form_lines(root: _Element, sheet: Sheet, other: _Element | None, langs: list[str]) -> None:
    """Turn every paragraph with dots or boxes into a form line (both languages at once
    when ``other`` is the same sheet in the second language)."""
    mine = [p for p in root.iter("p") if TOKEN.search(p.text_content())]
    theirs = (
        [p for p in other.iter("p") if TOKEN.search(p.text_content())] if other is not None else []
    )
    before = ""
    for i, p in enumerate(mine):
        tokens = _tokens(p.text_content())
        parts = [tokens]
        if other is not None and i < len(theirs):
            their_tokens = _tokens(theirs[i].text_content())
            if [k for k, _ in their_tokens] == [k for k, _ in tokens]:
                parts.append(their_tokens)
        previous = p.getprevious()
        if previous is not None and not TOKEN.search(previous.text_content()):
            before = _label(_text(previous))
        line = _form_line(sheet, parts, langs[: len(parts)], before)
        line.tail = p.tail
        p.getparent().replace(p, line)
    _join_lines(root, sheet)


def _join_lines(root: _Element, sheet: Sheet) -> None:
    """Consecutive lines to write on make one block (one multi-line field in a form)."""
    for p in list(root.iter("p")):
        if "formline--line" not in (p.get("class") or "") or p.getparent() is None:
            continue
        run = [p]
        nxt = p.getnext()
        while nxt is not None and "formline--line" in (nxt.get("class") or ""):
            run.append(nxt)
            nxt = nxt.getnext()
        if p.getprevious() is not None and "formline--line" in (p.getprevious().get("class") or ""):
            continue
        if sheet.form and len(run) > 1:
            field_ = run[0].find("input")
            area = lh.Element("textarea", name=field_.get("name"), title=field_.get("title"))
            area.set("class", "field field--area")
            area.set("style", f"height: {len(run) * 9}mm")
            block = lh.Element("p")
            block.set("class", "formline formline--area")
            block.append(area)
            block.tail = run[-1].tail
            parent = p.getparent()
            parent.replace(p, block)
            for extra in run[1:]:
                parent.remove(extra)


# -- worksheet tables ------------------------------------------------------------------------


def _rows(table: _Element) -> tuple[list[_Element], list[_Element]]:
    head = [tr for tr in table.iter("tr") if tr.getparent().tag == "thead"]
    body = [tr for tr in table.iter("tr") if tr.getparent().tag != "thead"]
    if not head and body and all(c.tag == "th" for c in body[0]):
        head, body = body[:1], body[1:]
    return head, body


def column_kinds(table: _Element) -> list[str]:
    """``answer``, ``tick`` or ``prompt`` for each column (see the module docstring)."""
    head, body = _rows(table)
    width = max((len(tr) for tr in head + body), default=0)
    kinds = []
    for j in range(width):
        cells = [_text(tr[j]) for tr in body if j < len(tr)]
        empty = sum(1 for c in cells if not c)
        if cells and empty * 2 >= len(cells):
            kinds.append("answer")
        elif cells and all(c in ("", "☐") for c in cells):
            kinds.append("tick")
        else:
            kinds.append("prompt")
    return kinds


def _unbroken(cells: list[_Element]) -> int:
    """Characters a column needs on one line: its longest word, or its longest short text
    (up to 24 characters: "Tag 31–60" reads badly on two lines)."""
    words = max((len(w) for c in cells for w in _text(c).split()), default=0)
    short = max((len(_text(c)) for c in cells if len(_text(c)) <= 24), default=0)
    return max(words, short)


def column_shares(table: _Element, kinds: list[str]) -> list[float]:
    """Width of each column, as a share of the table: answer columns at least half.

    A prompt column gets room for its text (about 0.45 % of the width per character of its
    longest cell, 7–40 %), a tick column 7 %; neither gets less than its longest word needs
    or its short texts need (about 1.25 % per character, so "Zeitraum" does not break);
    all prompts together at most 45 %. The answer columns share the rest equally: what
    people write is not known in advance, and a short header ("Parade") says nothing
    about it."""
    head, body = _rows(table)
    n_answer = kinds.count("answer")
    fixed: dict[int, float] = {}
    prompt: dict[int, float] = {}
    for j, kind in enumerate(kinds):
        column = [tr[j] for tr in head + body if j < len(tr)]
        word = min(WORD_SHARE * _unbroken(column), 0.25)
        if kind == "tick":
            fixed[j] = max(TICK_SHARE, word)
        elif kind == "prompt":
            longest = max((len(_text(tr[j])) for tr in body if j < len(tr)), default=0)
            prompt[j] = max(min(max(0.0045 * longest, 0.07), 0.40), word)
    ticks = sum(fixed.values())
    if n_answer and ticks > TICKS_MAX:  # long tick headers: they break, answers keep room
        fixed = {j: w * TICKS_MAX / ticks for j, w in fixed.items()}
        ticks = TICKS_MAX
    total = sum(prompt.values())
    limit = min(PROMPT_MAX, 1 - ticks - 0.55) if n_answer else 1 - ticks
    if total > limit > 0:
        prompt = {j: w * limit / total for j, w in prompt.items()}
        total = limit
    answer = (1 - ticks - total) / n_answer if n_answer else 0.0
    shares = [
        answer if kind == "answer" else fixed[j] if kind == "tick" else prompt[j]
        for j, kind in enumerate(kinds)
    ]
    if not n_answer and total:  # no answers: prompts share everything left
        scale = (1 - ticks) / total
        shares = [s * scale if k == "prompt" else s for s, k in zip(shares, kinds, strict=True)]
    return shares


def _worksheet_table(table: _Element, sheet: Sheet, sheet_id: str) -> None:
    kinds = column_kinds(table)
    head, body = _rows(table)
    headers = [_text(c) for c in head[0]] if head else [""] * len(kinds)
    first_prompt = kinds.index("prompt") if "prompt" in kinds else -1
    if "answer" in kinds:
        table.set("class", "worksheet")
        table.set("data-sheet", sheet_id)
        colgroup = lh.Element("colgroup")
        for share, kind in zip(column_shares(table, kinds), kinds, strict=True):
            col = SubElement(colgroup, "col", style=f"width: {share * 100:.1f}%")
            col.set("class", kind)
        table.insert(0, colgroup)
    for tr in body:
        prompt = _text(tr[first_prompt]) if 0 <= first_prompt < len(tr) else ""
        for j, cell in enumerate(tr):
            kind = kinds[j] if j < len(kinds) else "prompt"
            heading = headers[j] if j < len(headers) else ""
            name = " – ".join(x for x in (prompt, heading) if x) or sheet.answer
            if kind == "answer" and not _text(cell):
                cell.set("class", "answer")
                if sheet.form:
                    area = SubElement(cell, "textarea", name=sheet.name(), title=name)
                    area.set("class", "field field--cell")
            elif kind == "tick" or _text(cell) == "☐":
                cell.set("class", "tick-cell")
                for child in list(cell):
                    cell.remove(child)
                cell.text = None
                cell.append(_box(sheet, name))
    header = list(head[0]) if head else []
    if any(_text(th) for th in header):  # an empty corner heads nothing (if others head)
        for th in header:
            if not _text(th):
                th.tag = "td"


def _is_strong_only(element: _Element) -> bool:
    if (element.text or "").strip() or not len(element):
        return False
    for child in element:
        if (child.tail or "").strip():
            return False
        if child.tag == "strong":
            continue
        if child.tag == "span" and "l2" in (child.get("class") or ""):
            if not _is_strong_only(child):
                return False
            continue
        return False
    return True


def _section_headings(root: _Element) -> None:
    """A short paragraph in bold alone ("**A – Le dispositif**") heads what follows: make
    it a heading (``h3``, under the handout's title), so it stays with its table on the
    page and screen readers list it. A bold question followed by lines to write on stays
    a paragraph (class ``prompt``), kept with its lines."""
    for p in list(root):
        text = _text(p)
        if p.tag != "p" or not _is_strong_only(p):
            continue
        nxt = p.getnext()
        if "formline--" in ((nxt.get("class") or "") if nxt is not None else ""):
            p.set("class", "prompt")  # a question with its lines: kept together
            continue
        if len(text) > 90 or text.endswith((".", "?", ":")):
            continue
        p.tag = "h3"
        p.set("class", "sheet-heading")
        for strong in list(p.iter("strong")):
            strong.drop_tag()


def worksheet(fragment: str, sheet: Sheet, sheet_id: str = "") -> str:
    """One language of a handout as a sheet to write on (see the module docstring)."""
    root = _parse(fragment)
    _form_lines(root, sheet, None, [""])
    _section_headings(root)
    for table in root.iter("table"):
        _worksheet_table(table, sheet, sheet_id)
    return _serialize(root)


# -- bilingual sheets ------------------------------------------------------------------------


def _shape(element: _Element) -> object:
    """What must match for two languages to share one sheet: blocks, lists, table grids."""
    if element.tag == "table":
        return ("table", [len(tr) for tr in element.iter("tr")])
    if element.tag in ("ul", "ol"):
        return (element.tag, [_shape(li) for li in element if li.tag == "li"])
    if element.tag in ("p", "li") and TOKEN.search(element.text_content()):
        return (element.tag, [k for k, _ in _tokens(element.text_content())])
    return element.tag


def _pair(first: _Element, second: _Element, lang: str) -> None:
    """Put the content of ``second`` under that of ``first`` (same element), marked with
    its language; equal texts (a year, a name) stay once."""
    if _text(first) == _text(second) or not _text(second):
        return
    moved = lh.Element("span", lang=lang)
    moved.set("class", "l2")
    moved.text = second.text
    for child in list(second):
        moved.append(child)
    if _text(first):
        _append_text(first, " ")  # a word break for readers and text extraction
        first.append(moved)
    else:
        first.text = None
        first.append(moved)


def _merge(first: _Element, second: _Element, lang: str) -> None:
    for a, b in zip(first, second, strict=True):
        if a.tag == "table":
            for ra, rb in zip(a.iter("tr"), b.iter("tr"), strict=True):
                for ca, cb in zip(ra, rb, strict=True):
                    _pair(ca, cb, lang)
        elif a.tag in ("ul", "ol"):
            _merge(a, b, lang)
        elif a.tag in BLOCKS and not TOKEN.search(a.text_content()):
            _pair(a, b, lang)


def bilingual(
    first: str, second: str, langs: tuple[str, str], sheet: Sheet, sheet_id: str = ""
) -> str | None:
    """One sheet in two languages (``first`` in ``langs[0]`` leading), or ``None`` when the
    two texts differ in shape (other blocks, other table grids)."""
    a, b = _parse(first), _parse(second)
    if [_shape(e) for e in a] != [_shape(e) for e in b]:
        return None
    _merge(a, b, langs[1])  # form lines are merged next, by _form_lines
    _form_lines(a, sheet, b, list(langs))
    _section_headings(a)
    for table in a.iter("table"):
        _worksheet_table(table, sheet, sheet_id)
    return _serialize(a)
