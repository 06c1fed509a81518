"""The live preview rebuilds in place only what an edit changed (builder.preview.Preview): the
result must be the site a full build makes of the edited project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.build import build_site
from builder.config import load_config
from builder.errors import ContentErrors
from builder.preview import Preview


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _same_site(incremental: Path, full: Path) -> None:
    a, b = _tree(incremental), _tree(full)
    assert sorted(a) == sorted(b)
    for name in a:
        if name.endswith("search/search_index.json"):
            docs_a = json.loads(a[name])["docs"]
            docs_b = json.loads(b[name])["docs"]
            key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
            assert sorted(docs_a, key=key) == sorted(docs_b, key=key), name
        else:
            assert a[name] == b[name], name


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_text_rewrites_few_pages_and_gives_the_full_build(
    mini: Path, tmp_path: Path
) -> None:
    preview = Preview()
    preview.rebuild(load_config(mini))
    assert preview.last == "full build"
    before = _tree(mini / "site")

    case = mini / "case_studies" / "alpha.yml"
    text = case.read_text(encoding="utf-8")
    _edit(case, "challenge:\n  fr: ", "challenge:\n  fr: Une phrase ajoutée pendant l'aperçu. ")
    preview.rebuild(load_config(mini))
    assert preview.last.endswith("changed page(s) per language rewritten")
    rewritten = int(preview.last.split()[0])
    assert 1 <= rewritten < 10
    after = _tree(mini / "site")
    changed = {n for n in after if after[n] != before.get(n)}
    assert any("alpha/index.html" in n for n in changed)
    assert "aperçu" in (mini / "site/fr/etudes-de-cas/alpha/index.html").read_text("utf-8")
    assert not any("glossaire" in n or "reference" in n for n in changed)  # no link to alpha

    build_site(load_config(mini), kits=False, out=tmp_path / "full")
    _same_site(mini / "site", tmp_path / "full")
    assert text != case.read_text(encoding="utf-8")


def test_a_structural_edit_rebuilds_everything(mini: Path) -> None:
    preview = Preview()
    preview.rebuild(load_config(mini))
    _edit(mini / "case_studies" / "alpha.yml", "status: ", "status: stub\n_old_status: ")
    with pytest.raises(ContentErrors):  # an unknown key: the site stays as it was
        preview.rebuild(load_config(mini))
    _edit(mini / "case_studies" / "alpha.yml", "\n_old_status: ", "\n# was: ")
    preview.rebuild(load_config(mini))
    assert preview.last == "full build"


def test_moving_a_case_on_the_map_rebuilds_everything(mini: Path) -> None:
    preview = Preview()
    preview.rebuild(load_config(mini))
    _edit(mini / "case_studies" / "alpha.yml", "lat: 50.45", "lat: 50.65")
    preview.rebuild(load_config(mini))
    assert preview.last == "full build"
