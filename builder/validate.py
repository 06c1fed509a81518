"""Turn pydantic's validation errors into messages an editor can act on.

Each error gets the file, the line and column of the offending key or value, the field
path (``themes[2]``) and a plain sentence with what to do; unknown keys get a
"did you mean" hint from the fields that are allowed at that place.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .load import FieldPath, Loaded, dotted
from .messages import Msg, Problem, msg, quoted

M = TypeVar("M", bound=BaseModel)


def close_match(word: str, choices: typing.Iterable[str]) -> str | None:
    """The closest choice, if one is close enough."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean_msg(choice: str) -> Msg:
    return msg("hint_did_you_mean", choice=quoted(choice))


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """``"did you mean 'x'?"`` (in English) for the closest choice, or an empty string."""
    match = close_match(word, choices)
    return str(did_you_mean_msg(match)) if match else ""


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


#: pydantic error type → the message saying what the field should be.
_TYPE_WORDS = {
    "int_parsing": "type_int",
    "int_type": "type_int",
    "int_from_float": "type_int",
    "float_parsing": "type_number",
    "float_type": "type_number",
    "string_type": "type_text",
    "list_type": "type_list",
    "dict_type": "type_group",
    "model_type": "type_group",
    "model_attributes_type": "type_group",
    "bool_type": "type_bool",
    "bool_parsing": "type_bool",
    "date_type": "type_date",
    "date_parsing": "type_date",
    "date_from_datetime_parsing": "type_date",
    "date_from_datetime_inexact": "type_date",
}
_RANGES = {
    "greater_than_equal": ("range_ge", "ge"),
    "greater_than": ("range_gt", "gt"),
    "less_than_equal": ("range_le", "le"),
    "less_than": ("range_lt", "lt"),
}
#: An example of the right kind for an id, by the name of the field that holds it.
EXAMPLE_IDS = {
    "themes": "energy-transition",
    "related_cases": "loos-en-gohelle",
    "related_modules": "transfer-plan",
    "module": "transfer-plan",
    "source": "insee-2017",
    "sources": "insee-2017",
    "handouts": "role-cards",
    "terms": "implication-citoyenne",
}
_RECORD_EXAMPLES = {"CaseStudy": "le-mene", "WorkshopModule": "transfer-plan"}


def _example_id(model: type[BaseModel], loc: FieldPath) -> str:
    """``le-mene`` for a case's id, ``energy-transition`` for a theme …"""
    names = [p for p in loc if isinstance(p, str)]
    if names == ["id"]:
        return _RECORD_EXAMPLES.get(model.__name__, "one-day-villes-pairs")
    if model.__name__ == "ThemeList":
        return "energy-transition"
    for name in reversed(names):
        if name in EXAMPLE_IDS:
            return EXAMPLE_IDS[name]
    return "my-id"


def _choices(expected: str) -> tuple[str, ...]:
    """pydantic's ``'stub', 'partial' or 'complete'`` → the values."""
    return tuple(v for v in re.split(r",\s*|\s+or\s+", expected) if v)


def _friendly(err: Any, model: type[BaseModel]) -> tuple[Msg, Msg | None]:
    """(message, hint) for one pydantic error dict."""
    kind = err["type"]
    loc = tuple(err["loc"])
    name = str(loc[-1]) if loc else ""
    value = err.get("input")
    ctx = err.get("ctx", {})
    if kind == "missing":
        return msg("field_missing", name=quoted(name)), msg("hint_field_missing", name=name)
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = _allowed(parent) if parent else []
        if suggestion := close_match(name, allowed):
            return msg("field_unknown", name=quoted(name)), did_you_mean_msg(suggestion)
        if allowed:
            return msg("field_unknown", name=quoted(name)), msg(
                "hint_allowed_here", allowed=", ".join(allowed)
            )
        return msg("field_unknown", name=quoted(name)), msg("hint_remove_it")
    if kind in _TYPE_WORDS:
        shown = quoted(value) if not isinstance(value, dict | list) else type(value).__name__
        return msg(_TYPE_WORDS[kind], value=shown), None
    if kind in ("literal_error", "enum"):
        choices = _choices(str(ctx.get("expected", "")))
        return msg("value_not_allowed", value=quoted(value)), msg(
            "hint_use_one_of", choices=choices
        )
    if kind == "string_pattern_mismatch":
        if (
            name == "id"
            or "id" in name
            or (loc and isinstance(loc[-1], int))
            or name
            in (
                "source",
                "module",
            )
        ):
            return msg("id_invalid", value=quoted(value)), msg(
                "hint_id_invalid", example=_example_id(model, loc)
            )
        if name in ("url",):
            return msg("url_invalid", value=quoted(value)), msg("hint_url_invalid")
        if name == "start":
            return msg("time_invalid", value=quoted(value)), msg("hint_time_invalid")
        return msg("form_invalid", value=quoted(value)), msg("as_is", text=err["msg"])
    if kind == "too_short":
        if isinstance(value, list | str) and len(value):
            return msg("list_too_short", count=len(value), min=ctx.get("min_length", 1)), None
        return msg("list_empty"), msg("hint_list_empty")
    if kind == "too_long":
        return msg("list_too_long", count=len(value or ()), max=ctx.get("max_length", 0)), None
    if kind == "string_too_short":
        return msg("text_empty"), msg("hint_text_empty")
    if kind in _RANGES:
        key, bound = _RANGES[kind]
        limit = ctx.get(bound, "")
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        return msg(key, value=quoted(value), limit=limit), None
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, Problem):
            return error.message, error.hint
        text, _, hint = str(error or err["msg"]).partition(" — ")
        return msg("as_is", text=text), msg("as_is", text=hint) if hint else None
    return msg("as_is", text=err["msg"]), None


def _misindented(
    model: type[BaseModel], loaded: Loaded, loc: FieldPath, name: str, languages: tuple[str, ...]
) -> tuple[Msg, Msg, FieldPath] | None:
    """When the unknown key ``name`` at ``loc`` is a field of a group around it (indented too
    far) or of the field just above it (not indented enough): the message saying so, and the
    field path of the group it wrongly sits in or should go into."""
    for depth in range(len(loc) - 2, -1, -1):
        holder = _model_at(model, loc[:depth])
        if holder is not None and name in _allowed(holder):
            inside = loc[: depth + 1]
            named = [p for p in inside if isinstance(p, str)]
            if not named:
                return None
            mark = loaded.mark(inside)
            return (
                msg("field_misindented_in", name=name, inside=named[-1], line=mark.line),
                msg("hint_field_misindented_in", name=name, inside=named[-1]),
                inside,
            )
    here = loaded.keys.get(loc)
    if here is None:
        return None
    parent = loc[:-1]
    siblings = [
        (mark.line, key[-1])
        for key, mark in loaded.keys.items()
        if len(key) == len(loc) and key[:-1] == parent and mark.line < here.line
    ]
    if not siblings:
        return None
    line, above = max(siblings)
    target = (*parent, above)
    holder = _model_at(model, target)
    value = _value_at(loaded.data, target)
    belongs = (holder is not None and name in _allowed(holder)) or (
        name in languages and value is None
    )
    if not belongs:
        return None
    return (
        msg("field_misindented_out", name=name, into=above, line=line),
        msg("hint_field_misindented_out", name=name, into=above),
        target,
    )


def _value_at(data: Any, loc: FieldPath) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(
    model: type[M], loaded: Loaded, context: dict[str, Any]
) -> tuple[M | None, list[ContentError]]:
    """Validate parsed data against ``model``; every problem becomes a located error."""
    try:
        record = model.model_validate(loaded.data, context=context)
        return (None if loaded.problems else record), []
    except ValidationError as exc:
        languages = tuple(context.get("languages", ()))
        errors: list[tuple[FieldPath, str, ContentError]] = []
        reported = {p.field for p in loaded.problems}
        quiet: set[tuple[FieldPath, str]] = set()  # (group, field) explained by an indentation
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            # A union/optional member name can appear in loc (e.g. 'function-after[...]').
            loc = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
            if any(dotted(loc[:n]) in reported for n in range(1, len(loc) + 1)):
                continue  # the loader already reported this value (bad tag, duplicate key)
            message, hint = _friendly({**err, "loc": loc}, model)
            at_value = err["type"] not in ("missing", "extra_forbidden")
            mark = loaded.value_mark(loc) if at_value else loaded.mark(loc)
            unknown = _unknown_key(err, message, loc)
            if unknown is not None:
                key_loc = (*loc, unknown) if err["type"] == "value_error" else loc
                found = _misindented(model, loaded, key_loc, unknown, languages)
                if found is not None:
                    message, hint, group = found
                    mark = loaded.mark(key_loc)
                    loc = key_loc
                    quiet.add((group[:-1], unknown))  # "required field missing" next to it
                    quiet.add((group, ""))  # the group it should have gone into
            error = ContentError.of(loaded.path, mark.line, mark.column, dotted(loc), message, hint)
            errors.append((loc, err["type"], error))
        kept = [
            e
            for loc, kind, e in errors
            if not (kind == "missing" and (loc[:-1], str(loc[-1])) in quiet)
            and not (kind != "extra_forbidden" and (loc, "") in quiet)
        ]
        return None, kept


def _unknown_key(err: Any, message: Msg, loc: FieldPath) -> str | None:
    """The key an editor wrote where it is not allowed: an unknown field, or an unknown
    language inside a text (often a field indented one level too far)."""
    if err["type"] == "extra_forbidden" and loc:
        return str(loc[-1])
    if message.key == "localized_unknown_language":
        return str(dict(message.args).get("lang", "")).strip("'") or None
    return None
