"""Valid case studies of every kind, generated, to add to a copy of the shipped content:
German and French (and the other countries the model allows), small and large, stub,
partial and complete (every section filled in), old and recent, running and ended, single
municipalities and counties, approximate numbers, linked to each other and to the shipped
modules. An editor may add any of these; no test may turn red because of one.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).parent.parent

COUNTRIES = {
    "DE": ({"fr": "Saxe", "de": "Sachsen"}, {"fr": "Lusace", "de": "Lausitzer Revier"}),
    "FR": (
        {"fr": "Hauts-de-France", "de": "Hauts-de-France"},
        {"fr": "Bassin minier", "de": "Bergbaurevier"},
    ),
    "BE": ({"fr": "Wallonie", "de": "Wallonien"}, None),
    "PL": ({"fr": "Silésie", "de": "Schlesien"}, None),
    "AT": ({"fr": "Styrie", "de": "Steiermark"}, None),
}
#: (territory, inhabitants, approx): every band of the finder's population filter
SIZES = [
    ("rural", 900, False),
    ("small-town", 6_400, True),
    ("town", 45_000, False),
    ("city", 117_000, True),
    ("county", 180_000, False),
]
#: (start, end): every bucket of the finder's period filter, running and ended
PERIODS = [(1990, None), (2004, 2012), (2015, None), (2019, 2024)]
STATUSES = ["stub", "partial", "complete"]


def _text(fr: str, de: str) -> dict[str, str]:
    return {"fr": fr, "de": de}


def _complete_sections(i: int, start: int) -> dict[str, Any]:
    point = _text(f"Un point établi par la source (cas {i}).", f"Ein belegter Punkt (Fall {i}).")
    return {
        "at_a_glance": {
            "worked": [point, point, point],
            "preconditions": [point],
            "fits": _text(
                "Des villes moyennes d’un ancien bassin.", "Mittelstädte in einem früheren Revier."
            ),
            "costs": _text("Deux postes pendant trois ans.", "Zwei Stellen für drei Jahre."),
        },
        "timeline": [
            {
                "date": start,
                "text": _text("Lancement de la démarche.", "Start des Vorhabens."),
                "source": "s",
            },
            {
                "date": f"{start + 1}-03",
                "text": _text("Premier atelier.", "Erster Workshop."),
                "source": "s",
            },
            {
                "date": f"{start + 2}-06-15",
                "text": _text("Bilan public.", "Öffentliche Bilanz."),
                "source": "s",
            },
        ],
        "context": {
            "economic": _text(
                "La mine a fermé ; 2\u00a0000 emplois ont disparu.",
                "Die Grube schloss; 2.000 Arbeitsplätze fielen weg.",
            ),
            "political": _text(
                "Une majorité stable au conseil municipal.", "Eine stabile Mehrheit im Gemeinderat."
            ),
        },
        "challenge": _text(
            "Reconstruire l’économie locale.", "Die örtliche Wirtschaft neu aufbauen."
        ),
        "approach": [
            {
                "title": _text("Associer les habitants", "Die Bürgerschaft beteiligen"),
                "text": _text("Des ateliers **ouverts** à tous.", "Offene Treffen für **alle**."),
            }
        ],
        "results": {
            "summary": _text("Des résultats mesurés.", "Gemessene Ergebnisse."),
            "key_figures": [
                {
                    "label": _text("Emplois créés", "Neue Arbeitsplätze"),
                    "value": 250,
                    "approx": True,
                    "unit": _text("emplois", "Arbeitsplätze"),
                    "year": start + 3,
                    "source": "s",
                },
                {
                    "label": _text("Part d’énergie locale", "Anteil lokaler Energie"),
                    "value": 37.5,
                    "unit": _text("%", "%"),
                    "year": start + 3,
                    "source": "s",
                },
            ],
        },
        "lessons": {
            "success_factors": [point],
            "obstacles": [point],
            "open_questions": [point],
        },
        "transferability": {
            "for_whom": _text(
                "Des communes de 5\u00a0000 à 50\u00a0000 habitants.",
                "Kommunen mit 5.000 bis 50.000 Einwohnerinnen und Einwohnern.",
            ),
            "preconditions": [point],
            "adapt": [point],
            "pitfalls": [point],
            "instruments": [
                {
                    "name": _text("STARK (programme fédéral)", "STARK (Bundesprogramm)"),
                    "text": _text(
                        "Finance des projets de transition.", "Fördert Vorhaben im Strukturwandel."
                    ),
                    "url": "https://www.bafa.de/",
                    "source": "s",
                }
            ],
            "frame": _text("Un cadre national de soutien.", "Ein nationaler Förderrahmen."),
            "resources": _text("Deux postes.", "Zwei Stellen."),
        },
        "contacts": [{"organisation": f"Commune test {i}", "url": "https://example.org/"}],
    }


def valid_case(i: int, themes: list[str], cases: list[str], modules: list[str]) -> dict[str, Any]:
    """The i-th generated case: the first is the one that once turned the suite red (a large
    German city, complete, started after 2010); then the kinds rotate, so any twenty cases
    cover all of them."""
    country = list(COUNTRIES)[i % len(COUNTRIES)] if i % 3 else "DE"
    territory, people, approx = SIZES[i % len(SIZES)]
    start, end = PERIODS[i % len(PERIODS)]
    status = STATUSES[i % len(STATUSES)]
    if i == 0:
        country, (territory, people, approx), (start, end) = "DE", SIZES[3], PERIODS[2]
        status = "complete"
    region, area = COUNTRIES[country]
    case: dict[str, Any] = {
        "schema_version": 1,
        "id": f"gen-{i:03d}",
        "translation": {"fr": "original", "de": ["reviewed", "draft", "machine"][i % 3]},
        "status": status,
        "last_reviewed": "2026-11-01",
        "title": _text(
            f"Commune générée {i} : une transition", f"Generierte Kommune {i}: ein Wandel"
        ),
        "teaser": _text(
            "Une commune de test, avec un résumé de la longueur habituelle d’une étude de cas.",
            "Eine Testkommune, mit einer Kurzbeschreibung von üblicher Länge.",
        ),
        "municipality": {
            "name": f"Gen {i}",
            "territory": territory,
            "country": country,
            "region": region,
            "population": {"value": people + i, "year": 2022, "source": "s", "approx": approx},
            "coordinates": {"lat": 48 + (i % 7) / 2, "lon": 2 + (i % 11)},
        },
        # Every German case shares the first theme: a filter by it and by Germany finds many.
        "themes": sorted(
            {
                themes[0] if country == "DE" else themes[i % len(themes)],
                themes[(i * 3 + 1) % len(themes)],
            }
        ),
        "period": {"start": start, **({"end": end} if end else {})},
        "sources": [
            {
                "id": "s",
                "title": "Source de test",
                "publisher": "Test",
                "year": 2024,
                "url": "https://example.org/s",
            },
            {
                "id": "web",
                "title": "Page web",
                "publisher": "Test",
                "url": "https://example.org/w",
                "accessed": "2026-10-01",
            },
        ],
        "related_cases": [cases[i % len(cases)]] if cases and i % 2 else [],
        "related_modules": [modules[i % len(modules)]] if modules and i % 4 == 1 else [],
    }
    if area is not None:
        case["municipality"]["mining_area"] = area
    if status != "stub":
        case.update(_complete_sections(i, start))
    if status == "partial":
        for optional in ("at_a_glance", "lessons", "transferability"):
            case.pop(optional, None)
    return case


def project_with_generated_cases(dest: Path, count: int) -> Path:
    """A copy of the repository's content (docs and settings too) with ``count`` generated
    cases added, some linking to shipped cases and modules."""
    shutil.copytree(
        REPO,
        dest,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "site", ".cache", "tests", "bench", ".site-*", "*.egg-info"
        ),
    )
    themes = [t["id"] for t in yaml.safe_load((dest / "themes.yml").read_text("utf-8"))["themes"]]
    cases = sorted(p.stem for p in (dest / "case_studies").glob("*.yml"))
    modules = sorted(p.stem for p in (dest / "workshops").glob("*.yml"))
    for i in range(count):
        (dest / "case_studies" / f"gen-{i:03d}.yml").write_text(
            yaml.safe_dump(
                valid_case(i, themes, cases, modules), allow_unicode=True, sort_keys=False
            ),
            encoding="utf-8",
        )
    return dest
