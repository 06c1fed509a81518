"""`python -m builder new case-study ID` / `new workshop ID`: a commented file with every
field and TODO placeholders, which `check` refuses until they are replaced. Nothing is
pre-filled that the editor must decide (country, the state of each translation): a value
left as it came would pass `check` and be wrong.

It never overwrites an existing file: an editor's (or a reviewer's) text is never lost.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..config import ProjectConfig
from ..errors import ContentError
from ..messages import msg, quoted

HERE = Path(__file__).parent
KINDS = {
    "case-study": ("case_studies", "case-study.yml"),
    "workshop": ("workshops", "workshop.yml"),
}


def new_record(
    config: ProjectConfig, kind: str, record_id: str, today: dt.date | None = None
) -> Path:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record_id):
        example = "le-mene" if kind == "case-study" else "transfer-plan"
        raise ContentError.of(
            record_id,
            0,
            0,
            "",
            msg("id_invalid", value=quoted(record_id)),
            msg("hint_id_invalid", example=example),
        )
    folder, template = KINDS[kind]
    path = config.root / folder / f"{record_id}.yml"
    rel = f"{folder}/{record_id}.yml"
    if path.exists():
        raise ContentError.of(rel, 0, 0, "", msg("new_exists"), msg("hint_new_exists"))
    text = (HERE / template).read_text(encoding="utf-8")
    text = text.replace("{id}", record_id).replace("{path}", rel)
    text = text.replace("{today}", (today or dt.date.today()).isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    return path
