"""Pictures get their intrinsic size on the page (no layout shift while they load)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from builder.images import intrinsic_size


def test_svg_size_from_width_and_height_else_viewbox(tmp_path: Path) -> None:
    sized = tmp_path / "a.svg"
    sized.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="800px" height="500">', "utf-8")
    boxed = tmp_path / "b.svg"
    boxed.write_text('<?xml version="1.0"?>\n<svg viewBox="0 0 640.5 320" xmlns="x">', "utf-8")
    neither = tmp_path / "c.svg"
    neither.write_text('<svg width="100%" height="100%">', "utf-8")
    assert intrinsic_size(sized) == (800, 500)
    assert intrinsic_size(boxed) == (640, 320)
    assert intrinsic_size(neither) is None


def test_raster_size_from_the_header_and_none_for_a_broken_file(tmp_path: Path) -> None:
    png = tmp_path / "p.png"
    Image.new("RGB", (321, 123)).save(png)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    assert intrinsic_size(png) == (321, 123)
    assert intrinsic_size(broken) is None
    assert intrinsic_size(tmp_path / "missing.png") is None
