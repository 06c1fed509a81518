"""The one error type for content problems, and the list that collects them.

Every problem an editor can cause is a :class:`ContentError` carrying the file, line and
column, the field path and a message in plain words with what to do. Nothing else is raised
for bad content: the CLI prints these and exits 1, the MkDocs adapter turns them into
``PluginError``. Any other exception is a bug in the builder and keeps its traceback.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .messages import DEFAULT, Msg, msg, render

#: ``note``: something to do before publishing that is not wrong in the content (a
#: placeholder in the site's settings); shown, never fails a check, not even with --strict.
Severity = Literal["error", "warning", "note"]


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
    #: The message and hint as catalogue entries (builder/messages.py), shown in the editor's
    #: language; ``message`` and ``hint`` hold their English text. None: English only.
    msg: Msg | None = dataclasses.field(default=None, compare=False)
    hint_msg: Msg | None = dataclasses.field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        path: str,
        line: int,
        column: int,
        field_path: str,
        message: Msg,
        hint: Msg | None = None,
        severity: Severity = "error",
    ) -> ContentError:
        """A problem whose message (and hint) come from the message catalogue."""
        return cls(
            path,
            line,
            column,
            field_path,
            message.text(DEFAULT),
            hint.text(DEFAULT) if hint else "",
            severity,
            message,
            hint,
        )

    def __reduce__(self) -> tuple[type[ContentError], tuple[object, ...]]:
        # Exceptions pickle their args; ours are fields (needed across build processes).
        return (ContentError, tuple(getattr(self, f) for f in self.__dataclass_fields__))

    def texts(self, lang: str = DEFAULT) -> tuple[str, str]:
        """(message, hint) in ``lang``."""
        message = self.msg.text(lang) if self.msg is not None else self.message
        hint = self.hint_msg.text(lang) if self.hint_msg is not None else self.hint
        return message, hint

    def __str__(self) -> str:
        return self.render(DEFAULT)

    def render(self, lang: str = DEFAULT) -> str:
        """``path:line:col: error: field: message — hint`` in ``lang``."""
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        message, hint = self.texts(lang)
        subject = f"{self.field}: " if self.field else ""
        text = f"{where}: {render('severity_' + self.severity, lang)}: {subject}{message}"
        return f"{text} — {hint}" if hint else text

    def github(self, lang: str = DEFAULT) -> str:
        """The same problem as a GitHub Actions workflow command (inline PR annotation)."""
        kind = {"error": "error", "warning": "warning", "note": "notice"}[self.severity]
        message, hint = self.texts(lang)
        body = (f"{self.field}: " if self.field else "") + message
        if hint:
            body += f" — {hint}"
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

    def to_json(self, lang: str = DEFAULT) -> str:
        return json.dumps([as_dict(e, lang) for e in self], ensure_ascii=False, indent=2)

    def summary(self, lang: str = DEFAULT, *, strict: bool = False) -> str:
        """``2 error(s), 1 warning(s)`` in ``lang``, with a note on --strict."""
        n_err, n_warn = len(self.errors), len(self.warnings)
        text = render("summary", lang, {"errors": n_err, "warnings": n_warn})
        if n_warn and not strict:
            text += " " + render("summary_strict_note", lang)
        return text


def as_dict(error: ContentError, lang: str = DEFAULT) -> dict[str, Any]:
    """One problem for `check --format json`; ``code`` names the message in the catalogue."""
    message, hint = error.texts(lang)
    return {
        "path": error.path,
        "line": error.line,
        "column": error.column,
        "field": error.field,
        "message": message,
        "hint": hint,
        "severity": error.severity,
        "code": error.msg.key if error.msg is not None else "",
    }


class ContentErrors(Exception):
    """Raised once, after validation, when the content has errors."""

    def __init__(self, errors: ErrorList) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors.errors))

    def render(self, lang: str = DEFAULT) -> str:
        return "\n".join(e.render(lang) for e in self.errors.errors)


def located(
    path: str,
    line: int,
    column: int,
    field_path: str,
    key: str,
    hint: str | None = None,
    severity: Severity = "error",
    /,
    **args: Any,
) -> ContentError:
    """Shorthand: ``located(path, 3, 1, "title", "field_missing", "hint_add", name=…)`` —
    the message and the hint share the arguments."""
    return ContentError.of(
        path,
        line,
        column,
        field_path,
        msg(key, **args),
        msg(hint, **args) if hint else None,
        severity,
    )


def relpath(path: Path, root: Path) -> str:
    """A path as an editor sees it in the repository: relative, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
