"""``research/SOURCES.md``: every source cited by every case study, for reviewers.

Written from the records by ``python -m builder sources`` (the records are the reference);
a test fails when the committed file is stale, so the list never drifts from the content.
"""

from __future__ import annotations

from .catalog import Catalog
from .places import sort_key

HEADER = """# Sources used in the case studies

Generated from `case_studies/*.yml` by `python -m builder sources` (the records are the
reference; this list is a convenience for reviewers). The research logs beside this file
list, per record, how each source was used, where sources disagree, and every fact left out
for lack of a source.
"""


def sources_markdown(catalog: Catalog) -> str:
    """The whole file: one section per case study, by municipality, its sources in order."""
    parts = [HEADER]
    cases = sorted(catalog.cases.values(), key=lambda c: (sort_key(c.municipality.name), c.id))
    for case in cases:
        parts.append(f"\n## {case.municipality.name} (`{case.id}`, {case.status.value})\n\n")
        for src in case.sources:
            when = str(src.year) if src.year else "n.d."
            if src.accessed and not src.year:
                when += f", accessed {src.accessed.isoformat()}"
            line = f"- {src.title}. {src.publisher}, {when}."
            if src.url:
                line += f" <{src.url}>"
            parts.append(line + "\n")
    return "".join(parts)
