"""The one error type for content problems, and the list that collects them.

Every problem an editor can cause is a :class:`ContentError` carrying the file, line and
column, the field path and a message in plain words with what to do. Nothing else is raised
for bad content: the CLI prints these and exits 1, the MkDocs adapter turns them into
``PluginError``. Any other exception is a bug in the builder and keeps its traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(order=True, unsafe_hash=True)
class ContentError(Exception):
    """A problem in a content file, located precisely enough to fix it."""

    path: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    severity: Severity = "error"

    def __reduce__(self) -> tuple[type[ContentError], tuple[object, ...]]:
        # Exceptions pickle their args; ours are fields (needed across build processes).
        return (ContentError, tuple(getattr(self, f) for f in self.__dataclass_fields__))

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        subject = f"{self.field}: " if self.field else ""
        text = f"{where}: {self.severity}: {subject}{self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def github(self) -> str:
        """The same problem as a GitHub Actions workflow command (inline PR annotation)."""
        kind = "error" if self.severity == "error" else "warning"
        body = (f"{self.field}: " if self.field else "") + self.message
        if self.hint:
            body += f" — {self.hint}"
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        loc = f"file={self.path}"
        if self.line:
            loc += f",line={self.line},col={self.column or 1}"
        return f"::{kind} {loc}::{body}"


@dataclass
class ErrorList:
    """Collects every problem of a run so all of them are reported at once."""

    items: list[ContentError] = field(default_factory=list)

    def add(self, error: ContentError) -> None:
        self.items.append(error)

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.items.extend(errors)

    def __iter__(self) -> Iterator[ContentError]:
        return iter(sorted(set(self.items)))

    def __len__(self) -> int:
        return len(set(self.items))

    @property
    def errors(self) -> list[ContentError]:
        return [e for e in self if e.severity == "error"]

    @property
    def warnings(self) -> list[ContentError]:
        return [e for e in self if e.severity == "warning"]

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def to_json(self) -> str:
        return json.dumps([asdict(e) for e in self], ensure_ascii=False, indent=2)


class ContentErrors(Exception):
    """Raised once, after validation, when the content has errors."""

    def __init__(self, errors: ErrorList) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors.errors))


def relpath(path: Path, root: Path) -> str:
    """A path as an editor sees it in the repository: relative, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
