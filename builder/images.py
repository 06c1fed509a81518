"""The intrinsic size of a record's picture, written into its ``<img width height>`` so that
the browser reserves its space before it arrives (no layout shift: Lighthouse's CLS).

SVG: the root element's ``width``/``height`` in pixels, else its ``viewBox``. Other
pictures: Pillow reads the size from the file's header (it comes with WeasyPrint). A
picture whose size cannot be read is shown without the attributes, as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError

_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_LENGTH = r'\s*=\s*["\']\s*([0-9.]+)\s*(?:px)?\s*["\']'
_WIDTH = re.compile(r"\swidth" + _LENGTH)
_HEIGHT = re.compile(r"\sheight" + _LENGTH)
_VIEWBOX = re.compile(
    r'\sviewBox\s*=\s*["\']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)'
)


def intrinsic_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels, or None."""
    try:
        if path.suffix.lower() == ".svg":
            return _svg_size(path.read_text(encoding="utf-8", errors="replace")[:4000])
        with Image.open(path) as picture:
            width, height = picture.size
            return (width, height) if width and height else None
    except (OSError, UnidentifiedImageError):
        return None


def _svg_size(head: str) -> tuple[int, int] | None:
    root = _SVG_ROOT.search(head)
    if not root:
        return None
    tag = root.group(0)
    width, height = _WIDTH.search(tag), _HEIGHT.search(tag)
    if width and height:
        size = (round(float(width.group(1))), round(float(height.group(1))))
    elif box := _VIEWBOX.search(tag):
        size = (round(float(box.group(1))), round(float(box.group(2))))
    else:
        return None
    return size if size[0] > 0 and size[1] > 0 else None
