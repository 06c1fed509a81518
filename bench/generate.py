"""Synthetic projects: N case studies, N/10 workshop modules, both languages.

The project looks like the real one: themes, glossary and hand-written pages (``docs/fr``,
``docs/de``) are copied from the repository (or the ``mini`` test fixture), ``mkdocs.yml``
keeps the repository's theme and Markdown settings, and every record is valid against
:mod:`builder.model` with about 600 words per language. :func:`self_test` loads the result
with :func:`builder.catalog.load_catalog` and fails on any content error.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.catalog import load_catalog
from builder.config import PLUGIN_NAME, load_config, read_mkdocs_yml

from .text import Prose, words

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
GROUPINGS = ["plenary", "small-groups", "pairs", "tandems", "individual"]
REGIONS = {
    "FR": [
        ("Hauts-de-France", "Hauts-de-France"),
        ("Grand Est", "Grand Est"),
        ("Normandie", "Normandie"),
        ("Bourgogne-Franche-Comté", "Burgund-Franche-Comté"),
    ],
    "DE": [
        ("Brandebourg", "Brandenburg"),
        ("Saxe", "Sachsen"),
        ("Rhénanie-du-Nord-Westphalie", "Nordrhein-Westfalen"),
        ("Sarre", "Saarland"),
    ],
}
PLACE_A = ["Auber", "Halde", "Grube", "Mont", "Fosse", "Neu", "Saint-Éloi", "Kohl", "Brun"]
PLACE_B = ["ville", "bach", "feld", "sur-Lys", "dorf", "les-Mines", "hain", "court", "stein"]


@dataclass
class Generated:
    root: Path
    cases: int
    modules: int
    programmes: int
    words_per_case: float  # mean words of running text per language


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Multi-line Markdown as literal blocks, the way editors write it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(path: Path, data: dict[str, Any]) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _source_dir() -> Path:
    """Where themes, glossary and hand-written pages come from."""
    return REPO if (REPO / "themes.yml").is_file() and (REPO / "docs").is_dir() else MINI


def _mkdocs_yml(source: Path, n: int) -> dict[str, Any]:
    cfg = read_mkdocs_yml(source / "mkdocs.yml")
    keep = (
        "site_description",
        "site_url",
        "copyright",
        "use_directory_urls",
        "theme",
        "plugins",
        "markdown_extensions",
        "validation",
        "extra",
    )
    out: dict[str, Any] = {"site_name": f"Villes pairs · Bench {n}"}
    out.update({k: cfg[k] for k in keep if k in cfg})
    out.setdefault("site_url", "https://bench.example.org/")
    if not any(isinstance(p, dict) and PLUGIN_NAME in p for p in out.get("plugins") or []):
        raise SystemExit(f"{source}/mkdocs.yml does not list the {PLUGIN_NAME} plugin")
    return out


class _Records:
    def __init__(self, n: int, seed: int, themes: list[str]) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.themes = themes
        self.case_ids: list[str] = []
        self.module_ids = [f"module-{i:04d}" for i in range(max(1, n // 10))]

    def _date(self) -> dt.date:
        return dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randrange(330))

    def _list(self, count: int, sentences: int = 1) -> list[dict[str, str]]:
        return [self.prose.both(sentences) for _ in range(count)]

    def case(self, i: int) -> dict[str, Any]:
        r, p = self.rng, self.prose
        name = f"{r.choice(PLACE_A)}{r.choice(PLACE_B)}"
        case_id = f"{name.lower().replace('é', 'e')}-{i:05d}".replace("--", "-")
        country = r.choice(["FR", "DE"])
        region = dict(zip(("fr", "de"), r.choice(REGIONS[country]), strict=True))
        sources = [
            {
                "id": f"src-{k}",
                "title": p.title("fr").capitalize(),
                "publisher": r.choice(["INSEE", "Destatis", "ADEME", "Ville", "Zeitung"]),
                "year": r.randint(1990, 2025),
                "url": f"https://example.org/{case_id}/{k}",
            }
            for k in range(r.randint(4, 8))
        ]
        ids = [s["id"] for s in sources]
        start = r.randint(1986, 2015)
        complete = r.random() < 0.8
        record: dict[str, Any] = {
            "schema_version": 1,
            "id": case_id,
            "translation": {
                "fr": "original",
                "de": r.choice(["original", "reviewed", "reviewed", "draft", "machine"]),
            },
            "last_reviewed": self._date(),
            "status": "complete" if complete else "partial",
            "title": {
                lang: f"{name} : {t}" if lang == "fr" else f"{name}: {t}"
                for lang, t in p.titles().items()
            },
            "teaser": p.both(2),
            "municipality": {
                "name": name,
                "country": country,
                "territory": r.choice(["rural", "small-town", "town", "city", "county"]),
                "region": region,
                "population": {"value": r.randint(2_000, 60_000), "year": 2021, "source": ids[0]},
                "coordinates": {
                    "lat": round(r.uniform(47, 53), 4),
                    "lon": round(r.uniform(1, 14), 4),
                },
            },
            "themes": r.sample(self.themes, k=min(len(self.themes), r.randint(2, 4))),
            "period": {"start": start},
            # Months drawn after the years: sorted afterwards, so the random sequence is
            # unchanged and the timeline is in date order (`check` warns otherwise).
            "timeline": sorted(
                (
                    {
                        "date": y if r.random() < 0.6 else f"{y}-{r.randint(1, 12):02d}",
                        "text": p.both(1),
                        "source": r.choice(ids),
                    }
                    for y in sorted(r.randint(start, 2025) for _ in range(r.randint(5, 7)))
                ),
                key=lambda event: str(event["date"]),
            ),
            "context": {"economic": p.both(2, paragraphs=2), "political": p.both(2)},
            "challenge": p.both(2),
            "approach": [{"title": p.titles(), "text": p.both(2)} for _ in range(3)],
            "results": {
                "summary": p.both(2),
                "key_figures": [
                    {
                        "label": p.titles(),
                        "value": r.randint(5, 5_000),
                        "unit": {"fr": "logements", "de": "Wohnungen"},
                        "year": r.randint(start, 2025),
                        "source": r.choice(ids),
                    }
                    for _ in range(r.randint(1, 3))
                ],
            },
            "lessons": {
                "success_factors": self._list(2),
                "obstacles": self._list(2),
                "open_questions": self._list(1),
            },
            "transferability": {
                "for_whom": p.both(1),
                "preconditions": self._list(2),
                "adapt": self._list(2),
                "pitfalls": self._list(1),
            },
            "contacts": [
                {"organisation": f"Mairie de {name}", "url": f"https://example.org/{case_id}"}
            ],
            "sources": sources,
            "related_cases": r.sample(self.case_ids, k=min(len(self.case_ids), r.randint(0, 3))),
            "related_modules": r.sample(
                self.module_ids, k=min(len(self.module_ids), r.randint(0, 2))
            ),
        }
        if complete:
            # Built from text drawn above (no extra random draws, so the rest of the
            # generated project stays as it was before these fields existed).
            lessons, transfer = record["lessons"], record["transferability"]
            record["at_a_glance"] = {
                "worked": [*lessons["success_factors"], *lessons["obstacles"]][:3],
                "preconditions": transfer["preconditions"],
                "fits": transfer["for_whom"],
            }
            transfer["instruments"] = [
                {
                    "name": record["approach"][0]["title"],
                    "text": transfer["adapt"][0],
                    "url": f"https://example.org/{case_id}/instrument",
                    "source": ids[0],
                }
            ]
            transfer["frame"] = record["context"]["political"]
        else:  # partial records leave sections out, as real ones do
            for key in ("results", "transferability"):
                del record[key]
        self.case_ids.append(case_id)
        return record

    def module(self, module_id: str) -> dict[str, Any]:
        r, p = self.rng, self.prose
        steps = [
            {
                "title": p.titles(),
                "minutes": r.choice([10, 15, 20, 30, 45]),
                "grouping": r.choice(GROUPINGS),
                "instructions": p.both(3),
                "facilitator_notes": p.both(2),
                "output": p.both(1),
            }
            for _ in range(r.randint(4, 6))
        ]
        return {
            "schema_version": 1,
            "id": module_id,
            "translation": {"fr": "original", "de": r.choice(["original", "draft"])},
            "last_reviewed": self._date(),
            "title": p.titles(),
            "summary": p.both(3),
            "enables": p.both(2),
            "objectives": self._list(3),
            "audience": p.both(2),
            "group_size": {"min": 6, "max": r.choice([20, 24, 30]), "per_table": 5},
            "duration_minutes": sum(s["minutes"] for s in steps),
            "languages": {"spoken": ["fr", "de"], "interpretation": "whispered", "note": p.both(2)},
            "room_setup": p.both(2),
            "materials": [
                {
                    "item": p.titles(),
                    "quantity": r.randint(1, 4),
                    "per": r.choice(["session", "table", "participant"]),
                }
                for _ in range(r.randint(2, 5))
            ],
            "preparation": self._list(2),
            "steps": steps,
            "handouts": [
                {"id": f"fiche-{k}", "title": p.titles(), "body": p.both(4)}
                for k in range(r.randint(1, 2))
            ],
            "debrief": p.both(2),
            "follow_up": p.both(2),
            "tips": self._list(2),
            "variations": [{"title": p.titles(), "text": p.both(2)}],
            "related_cases": r.sample(self.case_ids, k=min(len(self.case_ids), 3)),
            "themes": r.sample(self.themes, k=min(len(self.themes), 2)),
        }

    def programme(self, k: int) -> dict[str, Any]:
        items: list[dict[str, Any]] = []
        for j, module_id in enumerate(
            self.rng.sample(self.module_ids, k=min(3, len(self.module_ids)))
        ):
            if j:
                items.append(
                    {"break": {"minutes": 15, "title": {"fr": "Pause café", "de": "Kaffeepause"}}}
                )
            items.append({"module": module_id})
        return {
            "schema_version": 1,
            "id": f"programme-{k:03d}",
            "last_reviewed": self._date(),
            "title": self.prose.titles(),
            "summary": self.prose.both(2),
            "start": "09:00",
            "items": items,
        }


def generate_project(dest: Path, n_cases: int, *, seed: int = 1) -> Generated:
    """Write a synthetic project with ``n_cases`` case studies into ``dest`` (emptied first)."""
    source = _source_dir()
    shutil.rmtree(dest, ignore_errors=True)
    for sub in ("case_studies", "workshops/programmes"):
        (dest / sub).mkdir(parents=True)
    for name in ("themes.yml", "glossary.yml"):
        shutil.copy2(source / name, dest / name)
    shutil.copytree(source / "docs", dest / "docs")
    _dump(dest / "mkdocs.yml", _mkdocs_yml(source, n_cases))
    themes = [t["id"] for t in yaml.safe_load((dest / "themes.yml").read_text("utf-8"))["themes"]]
    gen = _Records(n_cases, seed, themes)
    counted = 0
    for i in range(n_cases):
        record = gen.case(i)
        if i < 50:  # the word count of a sample is enough
            counted += sum(words(v) for v in _localized_texts(record, "fr"))
        _dump(dest / "case_studies" / f"{record['id']}.yml", record)
    for module_id in gen.module_ids:
        _dump(dest / "workshops" / f"{module_id}.yml", gen.module(module_id))
    n_prog = max(1, n_cases // 200)
    for k in range(n_prog):
        _dump(dest / "workshops" / "programmes" / f"programme-{k:03d}.yml", gen.programme(k))
    return Generated(dest, n_cases, len(gen.module_ids), n_prog, counted / max(1, min(n_cases, 50)))


def _localized_texts(data: Any, lang: str) -> list[str]:
    if isinstance(data, dict):
        if lang in data and isinstance(data[lang], str):
            return [data[lang]]
        return [t for v in data.values() for t in _localized_texts(v, lang)]
    if isinstance(data, list):
        return [t for v in data for t in _localized_texts(v, lang)]
    return []


def self_test(root: Path) -> None:
    """Load the generated project like `builder check` does; raise on any content error."""
    catalog = load_catalog(load_config(root))
    if catalog.problems.errors:
        shown = "\n".join(str(e) for e in catalog.problems.errors[:10])
        raise AssertionError(f"the generated project has content errors:\n{shown}")
