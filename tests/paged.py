"""Projects whose listings are split into pages: the mini fixture plus generated cases and a
small ``page_size`` in its mkdocs.yml (see builder/paging.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from builder.catalog import load_catalog
from builder.config import load_config
from builder.site import build_plan

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
#: Regions the generated cases are spread over (fr, de names): a fixed set, so the places
#: page and the region filter do not grow with the number of cases.
REGIONS = {
    "FR": [("Hauts-de-France", "Hauts-de-France"), ("Grand Est", "Grand Est")],
    "DE": [("Saxe", "Sachsen"), ("Brandebourg", "Brandenburg")],
}
LISTING_KINDS = ("list-cases", "compare", "theme", "places", "region")


def generated_case(i: int) -> dict:
    country = "DE" if i % 2 else "FR"
    fr, de = REGIONS[country][(i // 2) % 2]
    return {
        "schema_version": 1,
        "id": f"gen-{i:03d}",
        "status": ["stub", "partial"][i % 2],
        "last_reviewed": "2026-11-01",
        "title": {"fr": f"Commune générée {i}", "de": f"Generierte Kommune {i}"},
        "teaser": {
            "fr": "Une commune de test, avec un résumé de la longueur habituelle d'un cas.",
            "de": "Eine Testkommune, mit einer Kurzbeschreibung von üblicher Länge.",
        },
        "municipality": {
            "name": f"Gen {i}",
            "country": country,
            "territory": "town",
            "region": {"fr": fr, "de": de},
            "population": {"value": 1000 + 997 * i, "year": 2020, "source": "s"},
            "coordinates": {"lat": 48 + (i % 7) / 2, "lon": 2 + (i % 11)},
        },
        "themes": [["energy"], ["heritage"], ["energy", "heritage"]][i % 3],
        "period": {"start": 1990 + i % 30},
        "sources": [{"id": "s", "title": "Test", "publisher": "Test", "year": 2024}],
    }


def set_page_size(project: Path, size: int) -> None:
    """Write ``page_size`` under the villes-pairs plugin of the project's mkdocs.yml."""
    mk = project / "mkdocs.yml"
    text = mk.read_text(encoding="utf-8")
    text = re.sub(r"\n\s*page_size: \d+", "", text)
    text, n = re.subn(
        r"( *)- villes-pairs:\n", lambda m: f"{m.group(0)}{m.group(1)}    page_size: {size}\n", text
    )
    assert n == 1, "no villes-pairs plugin in mkdocs.yml"
    mk.write_text(text, encoding="utf-8")


def paged_project(dest: Path, cases: int, page_size: int, modules: int = 1) -> Path:
    """The mini fixture with ``cases`` case studies (2 of its own) and ``modules`` workshop
    modules (1 of its own, the others copies of it on the same theme) in ``dest``."""
    shutil.copytree(MINI, dest, ignore=shutil.ignore_patterns("site", ".cache"))
    set_page_size(dest, page_size)
    for i in range(cases - 2):
        (dest / "case_studies" / f"gen-{i:03d}.yml").write_text(
            yaml.safe_dump(generated_case(i), allow_unicode=True), encoding="utf-8"
        )
    module = (dest / "workshops" / "ws-one.yml").read_text(encoding="utf-8")
    for i in range(modules - 1):
        (dest / "workshops" / f"ws-gen-{i}.yml").write_text(
            module.replace("id: ws-one", f"id: ws-gen-{i}").replace("related_cases: [alpha]", ""),
            encoding="utf-8",
        )
    catalog = load_catalog(load_config(dest))
    assert not catalog.problems.errors, catalog.problems.errors
    assert (len(catalog.cases), len(catalog.modules)) == (cases, modules)
    return dest


def listing_paths(project: Path) -> dict[str, list[str]]:
    """kind → URL paths (``de/fallstudien/page/2/``) of every listing page of the project."""
    plan = build_plan(load_catalog(load_config(project)))
    out: dict[str, list[str]] = {}
    for lang, pages in plan.pages.items():
        for spec in pages.values():
            if spec.kind in LISTING_KINDS:
                out.setdefault(spec.kind, []).append(f"{lang}/{spec.url}")
    return out
