"""`python -m builder status`: translation completeness per record, field and language.

A record states, per language, whether its text is the original, a reviewed translation, a
draft or a machine translation (``translation:``). A field may also lack a language that
is not required yet (a language added with ``required: false``). Both show on the site as a
notice; this report lists them for editors and reviewers, with totals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .load import FieldPath, dotted
from .model import TranslationState

UNREVIEWED = (TranslationState.draft, TranslationState.machine)


@dataclass(frozen=True)
class RecordStatus:
    path: str
    states: dict[str, str]  # lang -> original/reviewed/draft/machine/unstated
    missing: dict[str, list[str]]  # lang -> field paths without text in that language


def _localized(
    data: Any, loc: FieldPath, codes: tuple[str, ...]
) -> list[tuple[FieldPath, dict[str, Any]]]:
    found: list[tuple[FieldPath, dict[str, Any]]] = []
    if isinstance(data, dict):
        if (
            data
            and set(data) <= set(codes)
            and all(isinstance(v, str | list) for v in data.values())
        ):
            found.append((loc, data))
        else:
            for key, value in data.items():
                if key != "translation":
                    found += _localized(value, (*loc, key), codes)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _localized(value, (*loc, i), codes)
    return found


def translation_status(catalog: Catalog) -> list[RecordStatus]:
    codes = catalog.config.codes
    rows = []
    for (_kind, _rid), path in sorted(catalog.paths.items(), key=lambda kv: kv[1]):
        data = catalog.files[path].data
        stated = data.get("translation") or {}
        states = {lang: str(stated.get(lang, "unstated")) for lang in codes}
        missing: dict[str, list[str]] = {lang: [] for lang in codes}
        for loc, texts in _localized(data, (), codes):
            for lang in codes:
                if not texts.get(lang):
                    missing[lang].append(dotted(loc))
        rows.append(RecordStatus(path, states, missing))
    return rows


def format_status(rows: list[RecordStatus], codes: tuple[str, ...]) -> str:
    lines = []
    totals: Counter[str] = Counter()
    for row in rows:
        problems = []
        for lang in codes:
            state = row.states[lang]
            if state in UNREVIEWED or state == "unstated":
                problems.append(f"  {lang}: {state} — needs a human review")
                totals[f"{lang} unreviewed records"] += 1
            for field in row.missing[lang]:
                problems.append(f"  {lang}: missing text in {field}")
                totals[f"{lang} missing fields"] += 1
        if problems:
            lines.append(row.path)
            lines += problems
        else:
            totals["complete records"] += 1
    lines.append("")
    lines.append(f"{len(rows)} records: {totals['complete records']} complete in every language")
    for lang in codes:
        lines.append(
            f"  {lang}: {totals[f'{lang} unreviewed records']} records unreviewed, "
            f"{totals[f'{lang} missing fields']} fields missing"
        )
    return "\n".join(lines)
