"""`python -m builder new case-study ID` / `new workshop ID`: a commented file with every
field and TODO placeholders, which `check` refuses until they are replaced.

It never overwrites an existing file: an editor's (or a reviewer's) text is never lost.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..config import ProjectConfig
from ..errors import ContentError

HERE = Path(__file__).parent
KINDS = {
    "case-study": ("case_studies", "case-study.yml"),
    "workshop": ("workshops", "workshop.yml"),
}


def new_record(
    config: ProjectConfig, kind: str, record_id: str, today: dt.date | None = None
) -> Path:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record_id):
        raise ContentError(
            record_id,
            0,
            0,
            "",
            f"{record_id!r} is not a valid id",
            "use lower-case letters, digits and hyphens, e.g. `grande-synthe`",
        )
    folder, template = KINDS[kind]
    path = config.root / folder / f"{record_id}.yml"
    rel = f"{folder}/{record_id}.yml"
    if path.exists():
        raise ContentError(
            rel,
            0,
            0,
            "",
            "this file already exists and was left untouched",
            "choose another id, or edit the existing file",
        )
    text = (HERE / template).read_text(encoding="utf-8")
    text = text.replace("{id}", record_id).replace("{path}", rel)
    text = text.replace("{today}", (today or dt.date.today()).isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
