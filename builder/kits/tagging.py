"""PDF/UA details WeasyPrint's tagged output leaves out, added around it.

* **Languages**: every structure element made from an HTML element with a ``lang``
  attribute gets ``/Lang`` (the German column of a side-by-side kit says it is German).
* **Header cells**: each ``/TH`` gets ``/Scope`` (``Column``, or ``Row`` for
  ``scope="row"``), so readers and checkers know what it heads.
* **Running heads and footers are artifacts**: WeasyPrint marks the text of page margin
  boxes as content but links it to no structure element; :func:`finish_pdf` marks it as
  ``/Artifact /Pagination`` and drops the dangling references.
* **/IDTree**: structure elements that carry an ``/ID`` are listed in the structure tree
  root's ID tree, as PDF 1.7 (14.7.2) asks.
* **Annotations print**: links and form fields get the Print flag (PDF/UA 7.18.1).

The first two hook into WeasyPrint's tag builder (:func:`install_tagging`, checked by the
kit tests on every WeasyPrint upgrade); the last two edit the written file with pikepdf.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any


def install_tagging() -> None:
    """Wrap WeasyPrint's structure builder once per process (see the module docstring)."""
    import pydyf  # type: ignore[import-untyped]
    from weasyprint.pdf import tags  # type: ignore[import-untyped]

    original = tags._build_box_tree
    if getattr(original, "villes_pairs", False):
        return

    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        tag = getattr(box, "element_tag", None)
        lang = element.get("lang") if element is not None and tag not in ("html", "body") else None
        for item in original(box, parent, *args):
            if lang and "Lang" not in item:
                item["Lang"] = pydyf.String(lang)
            if item.get("S") == "/TH" and element is not None and tag == "th":
                scope = "/Row" if element.get("scope") == "row" else "/Column"
                item["A"]["Scope"] = scope
            yield item

    build.villes_pairs = True  # type: ignore[attr-defined]
    tags._build_box_tree = build


def _struct_elements(root: Any) -> Iterator[Any]:
    """Every structure element reachable from the structure tree root, in tree order."""
    import pikepdf

    stack = [root.get("/K")]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue
        key = node.objgen
        if key != (0, 0):
            if key in seen:
                continue
            seen.add(key)
        yield node
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)


def finish_pdf(path: Path) -> None:
    """Margin-box text becomes artifacts; an /IDTree lists the elements with an /ID."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return
        elements = list(_struct_elements(tree))
        reachable = {e.objgen for e in elements if e.objgen != (0, 0)}
        nums = tree.ParentTree.Nums
        by_page = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for index, page in enumerate(pdf.pages):
            marks = by_page.get(int(page.obj.get("/StructParents", index)))
            if marks is None or not isinstance(marks, pikepdf.Array):
                continue
            orphans = {
                mcid
                for mcid, ref in enumerate(marks)
                if isinstance(ref, pikepdf.Dictionary) and ref.objgen not in reachable
            }
            if not orphans:
                continue
            _mark_artifacts(pdf, page, orphans)
            for mcid in orphans:
                marks[mcid] = pikepdf.Object.parse(b"null")
        for page in pdf.pages:  # links and fields print as they show (PDF/UA 7.18.1)
            for annot in page.obj.get("/Annots", []):
                flags = int(annot.get("/F", 0))
                annot.F = (flags | 4) & ~(1 | 2 | 32)  # Print on; Invisible, Hidden, NoView off
        ids = sorted(((bytes(e.ID), e) for e in elements if "/ID" in e), key=lambda pair: pair[0])
        if ids:
            names = pikepdf.Array()
            for ident, element in ids:
                names.append(pikepdf.String(ident))
                names.append(element)
            tree.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
        pdf.save(path, deterministic_id=True)  # the same content, the same bytes


def _mark_artifacts(pdf: Any, page: Any, mcids: set[int]) -> None:
    import pikepdf

    out: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            out.append(instruction)
            continue
        operands, operator = list(instruction.operands), instruction.operator
        if (
            str(operator) == "BDC"
            and len(operands) == 2
            and isinstance(operands[1], pikepdf.Dictionary)
            and int(operands[1].get("/MCID", -1)) in mcids
        ):
            operands = [
                pikepdf.Name.Artifact,
                pikepdf.Dictionary(Type=pikepdf.Name.Pagination),
            ]
        out.append(pikepdf.ContentStreamInstruction(operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))
