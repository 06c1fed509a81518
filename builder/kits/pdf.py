"""HTML → PDF with WeasyPrint: tagged PDF/UA-1, fonts embedded, one kit per call.

Kept apart so worker processes only receive strings (WeasyPrint documents do not pickle):
the parent renders the HTML, a worker lays it out and writes the file.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

#: Tagged PDF with the document language and title in the catalogue (PDF/UA-1).
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, target: str) -> float:
    """Write ``html`` as a PDF to ``target`` (atomically); return the seconds it took."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy: only in workers

    started = time.perf_counter()
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        HTML(string=html).write_pdf(partial, pdf_variant=PDF_VARIANT)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - started
