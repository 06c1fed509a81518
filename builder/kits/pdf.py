"""HTML → PDF with WeasyPrint: tagged PDF/UA-1, the fonts of ``builder/fonts`` embedded, one
kit per call, and what the layout measured (pages, worksheet columns, page fill).

Kept apart so worker processes only receive strings (WeasyPrint documents do not pickle):
the parent renders the HTML, a worker lays it out and writes the file. WeasyPrint may read
files under ``builder/fonts`` only — no network, no other file — so a kit looks the same on
every machine. The PDF is then finished by :mod:`builder.kits.tagging`.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .tagging import finish_pdf, install_tagging

#: Tagged PDF with the document language and title in the catalogue (PDF/UA-1).
PDF_VARIANT = "pdf/ua-1"
#: The only folder WeasyPrint reads files from (fonts and their CSS).
FONTS = Path(__file__).resolve().parent.parent / "fonts"
#: Base URL of a kit's HTML: its ``<link>`` to the fonts' CSS is relative to it.
BASE_URL = FONTS.as_uri() + "/"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: A section whose last page is filled less than this is set tighter (at most three times).
LOOSE_FILL = 0.25
FIT_LEVELS = 3


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class FontsOnly(URLFetcher):  # type: ignore[misc]
        """Files under ``builder/fonts`` and ``data:`` URLs; anything else is refused."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_relative_to(FONTS):
                    return super().fetch(url, headers)
            elif scheme == "data":
                return super().fetch(url, headers)
            raise ValueError(f"kits read only files under builder/fonts, not {url}")

    return FontsOnly()


def html_to_pdf(html: str, target: str, forms: bool = False) -> dict[str, Any]:
    """Write ``html`` as a PDF to ``target`` (atomically). With ``forms``, HTML inputs become
    PDF form fields. A section (``data-fit``) whose last page would hold only a few of its
    lines is set tighter, up to three times (:func:`tighten`). Returns the layout report (see
    :func:`layout_report`) with ``seconds``."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy: only in workers

    install_tagging()
    started = time.perf_counter()
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    options: dict[str, Any] = {"pdf_variant": PDF_VARIANT, "pdf_forms": forms}
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render(**options)
        report = layout_report(document)
        for level in range(1, FIT_LEVELS + 1):
            if not report["loose"]:
                break
            html = tighten(html, report["loose"], level)
            document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render(
                **options
            )
            report = layout_report(document)
        ranged = page_ranges(html, report["ranges"])
        if ranged != html:  # the contents say where each multi-page handout ends
            html = ranged
            document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render(
                **options
            )
            report = layout_report(document)
        document.write_pdf(partial, **options)
        finish_pdf(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


def tighten(html: str, sections: list[str], level: int) -> str:
    """Set the ``data-fit`` sections named tighter (``data-fit-level``, see kit.css), so the
    few lines that spilled onto a page of their own move back."""
    for name in sections:
        html = re.sub(
            rf'data-fit="{re.escape(name)}"(?: data-fit-level="\d")?',
            f'data-fit="{name}" data-fit-level="{level}"',
            html,
        )
    return html


def page_ranges(html: str, ranges: dict[str, list[int]]) -> str:
    """Fill ``<span class="pagerange" data-for="X"></span>`` with "–12" where part X (a
    handout) runs over several pages, so the contents can say "p. 10–12"."""

    def fill(match: re.Match[str]) -> str:
        first, last = ranges.get(match.group(2), [0, 0])
        return match.group(1) + (f"–{last}" if last > first else "") + match.group(3)

    return re.sub(r'(<span class="pagerange" data-for="([^"]+)">)[^<]*(</span>)', fill, html)


# -- what the layout measured --------------------------------------------------------------


def _walk(
    box: Any, heading: bool = False, fit: str = "", part: str = ""
) -> Iterator[tuple[Any, bool, str, str]]:
    """A box and its descendants, without the page's margin boxes (running heads), each
    with whether it sits in a heading, the ``data-fit`` section and the ``data-range``
    part (a handout) it belongs to."""
    element = getattr(box, "element", None)
    if element is not None and type(box).__name__ != "PageBox":
        heading = heading or element.tag in _HEADINGS
        fit = element.get("data-fit") or fit
        part = element.get("data-range") or part
    yield box, heading, fit, part
    for child in getattr(box, "children", ()):
        if type(child).__name__ != "MarginBox":
            yield from _walk(child, heading, fit, part)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None:
        return set()
    return set((element.get("class") or "").split())


#: Boxes that are content without text: lines and boxes to write in, form fields.
_DRAWN = {"fill", "fill--line", "answer", "line", "box", "field", "tick-field", "fields__line"}


def _is_leaf_content(box: Any) -> bool:
    """Text, a replaced element (QR code), or a line or box to write in: what a reader
    sees on a page."""
    name = type(box).__name__
    return name == "TextBox" or "Replaced" in name or bool(_classes(box) & _DRAWN)


def layout_report(document: Any) -> dict[str, Any]:
    """Facts about a laid-out kit, for the build's manifest and the tests.

    ``pages``; ``sizes`` (page size names in order, e.g. ``["A4", "A3"]``); ``worksheets``:
    for each worksheet table (class ``worksheet``, see :mod:`builder.kits.sheets`) on each
    page, the share of its width taken by answer columns (cells of class ``answer``) and the
    height of its shortest answer row in mm; ``fill``: how far down each page the content
    reaches (0–1); ``orphan_headings``: pages whose last content is a heading (its text
    follows overleaf); ``loose``: ``data-fit`` sections whose last page holds only a few
    lines of them (see :func:`html_to_pdf`); ``ranges``: first and last page of each
    ``data-range`` part (the handouts).
    """
    pages = document.pages
    report: dict[str, Any] = {"pages": len(pages), "sizes": [], "worksheets": [], "fill": []}
    orphans: list[int] = []
    spans: dict[str, list[int]] = {}
    ranges: dict[str, list[int]] = {}
    last_fit: dict[int, str] = {}
    px_per_mm = 96 / 25.4
    for number, page in enumerate(pages, 1):
        box = page._page_box
        report["sizes"].append("A3" if page.width / px_per_mm > 250 else "A4")
        top, height = box.content_box_y(), box.height
        bottom, last_heading = top, False
        for child, heading, fit, part in _walk(box):
            if part:
                ranges.setdefault(part, [number, number])[1] = number
            if _is_leaf_content(child):
                bottom = max(bottom, child.position_y + child.height)
                last_heading = heading
                if fit:
                    last_fit[number] = fit
                    if number not in spans.setdefault(fit, []):
                        spans[fit].append(number)
            if "worksheet" in _classes(child) and type(child).__name__ == "TableBox":
                report["worksheets"].append(_worksheet(child, number, px_per_mm))
        report["fill"].append(round(min(1.0, (bottom - top) / height), 3) if height else 0)
        if last_heading and number < len(pages):
            orphans.append(number)
    report["orphan_headings"] = orphans
    report["ranges"] = ranges
    report["loose"] = sorted(
        fit
        for fit, numbers in spans.items()
        if len(numbers) > 1
        and (
            fit == "cover"  # a cover is one page
            or (last_fit.get(numbers[-1]) == fit and report["fill"][numbers[-1] - 1] < LOOSE_FILL)
        )
    )
    return report


def _worksheet(table: Any, page: int, px_per_mm: float) -> dict[str, Any]:
    """Answer share of a worksheet table's width, from the first row laid out on the page."""
    width = table.width
    answer = 0.0
    rows = [b for b, *_ in _walk(table) if type(b).__name__ == "TableRowBox"]
    body_rows = [r for r in rows if any("answer" in _classes(c) for c in r.children)]
    if body_rows:
        for cell in body_rows[0].children:
            if "answer" in _classes(cell):
                answer += cell.border_width()
    heights = [r.height / px_per_mm for r in body_rows]
    caption = table.element.get("data-sheet", "") if table.element is not None else ""
    return {
        "page": page,
        "sheet": caption,
        "answer_share": round(answer / width, 3) if width else 0.0,
        "min_row_mm": round(min(heights), 1) if heights else 0.0,
    }
