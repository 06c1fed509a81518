"""The benchmark's generator makes valid projects (timing is the benchmark's job, not ours)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.catalog import load_catalog
from builder.config import load_config

generate = pytest.importorskip("bench.generate", reason="bench/ is not importable here")


def test_generated_project_is_valid(tmp_path: Path) -> None:
    made = generate.generate_project(tmp_path / "project", 5)
    catalog = load_catalog(load_config(made.root))
    assert not catalog.problems.errors, [str(e) for e in catalog.problems.errors]
    assert len(catalog.cases) == 5
    assert len(catalog.modules) == made.modules == 1
    assert len(catalog.programmes) == made.programmes == 1
    assert made.words_per_case > 400  # realistic pages, about 600 words per language
    assert (made.root / "docs" / "fr").is_dir() and (made.root / "docs" / "de").is_dir()


def test_generator_is_deterministic(tmp_path: Path) -> None:
    a = generate.generate_project(tmp_path / "a", 3, seed=7)
    b = generate.generate_project(tmp_path / "b", 3, seed=7)
    files_a = sorted(p.relative_to(a.root) for p in (a.root / "case_studies").iterdir())
    files_b = sorted(p.relative_to(b.root) for p in (b.root / "case_studies").iterdir())
    assert files_a == files_b
    first = files_a[0]
    assert (a.root / first).read_text("utf-8") == (b.root / first).read_text("utf-8")
