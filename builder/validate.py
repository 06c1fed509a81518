"""Turn pydantic's validation errors into messages an editor can act on.

Each error gets the file, the line and column of the offending key or value, the field
path (``themes[2]``) and a plain sentence with what to do; unknown keys get a
"did you mean" hint from the fields that are allowed at that place.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .load import FieldPath, Loaded, dotted

M = TypeVar("M", bound=BaseModel)


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """``"did you mean 'x'?"`` for the closest choice, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (walks lists, dicts, optionals)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            if field is None:
                return None
            current = field.annotation
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated so we see the model or container underneath."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else members[0]
        else:
            return tp


def _allowed(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


_TYPE_WORDS = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "string_type": "text",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a group of fields (indented `key: value` lines)",
    "model_type": "a group of fields (indented `key: value` lines)",
    "model_attributes_type": "a group of fields (indented `key: value` lines)",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
}


def _friendly(err: Any, model: type[BaseModel]) -> tuple[str, str]:
    """(message, hint) for one pydantic error dict."""
    kind = err["type"]
    loc = tuple(err["loc"])
    name = str(loc[-1]) if loc else ""
    value = err.get("input")
    if kind == "missing":
        return f"required field {name!r} is missing", f"add `{name}:` here"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = _allowed(parent) if parent else []
        hint = did_you_mean(name, allowed) or (
            "allowed here: " + ", ".join(allowed) if allowed else "remove it"
        )
        return f"unknown field {name!r}", hint
    if kind in _TYPE_WORDS:
        shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
        return f"should be {_TYPE_WORDS[kind]}, not {shown}", ""
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"{value!r} is not allowed here", f"use one of: {expected}"
    if kind == "string_pattern_mismatch":
        if name == "id" or "id" in name or (loc and isinstance(loc[-1], int)):
            return (
                f"{value!r} is not a valid id",
                "use lower-case letters, digits and hyphens only, e.g. `grande-synthe`",
            )
        if name in ("url",):
            return f"{value!r} is not a web address", "write a full http:// or https:// URL"
        if name == "start":
            return f"{value!r} is not a time", "write a time such as 09:00"
        return f"{value!r} does not have the expected form", err["msg"]
    if kind == "too_short":
        return "this list is empty", "add at least one item"
    if kind == "string_too_short":
        return "this text is empty", "write something or remove the field"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{value!r} is out of range: {err['msg'].lower()}", ""
    if kind == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        text, _, hint = msg.partition(" — ")
        return text, hint
    return err["msg"], ""


def validate(
    model: type[M], loaded: Loaded, context: dict[str, Any]
) -> tuple[M | None, list[ContentError]]:
    """Validate parsed data against ``model``; every problem becomes a located error."""
    try:
        record = model.model_validate(loaded.data, context=context)
        return (None if loaded.problems else record), []
    except ValidationError as exc:
        errors = []
        reported = {p.field for p in loaded.problems}
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            # A union/optional member name can appear in loc (e.g. 'function-after[...]').
            loc = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
            if any(dotted(loc[:n]) in reported for n in range(1, len(loc) + 1)):
                continue  # the loader already reported this value (bad tag, duplicate key)
            message, hint = _friendly({**err, "loc": loc}, model)
            at_value = err["type"] not in ("missing", "extra_forbidden")
            mark = loaded.value_mark(loc) if at_value else loaded.mark(loc)
            errors.append(
                ContentError(loaded.path, mark.line, mark.column, dotted(loc), message, hint)
            )
        return None, errors
