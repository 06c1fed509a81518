"""What a YAML syntax error means for an editor, in plain words, at the line to fix.

PyYAML says what its parser expected (``expected <block end>, but found '<block mapping
start>'``, ``mapping values are not allowed here``) and often where it noticed the problem,
which can be the line after the mistake. :func:`explain` looks at the lines around that spot
and names the mistake an editor makes: a tab, a key indented too far or not enough (which
key, and the line where it starts), a colon inside a text, a missing space after a colon, a
quote or a bracket never closed, text after a closing quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .errors import ContentError
from .messages import msg, quoted

At = Callable[..., ContentError]

_KEY = re.compile(r"(?:-\s+)*([^\s#'\"{\[][^:#]*?|\"[^\"]*\"|'[^']*'):(?:\s|$)")


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def content(self) -> str:
        return self.text.strip()

    @property
    def key(self) -> str | None:
        """The key this line starts, if any (after list dashes)."""
        match = _KEY.match(self.text[self.indent :])
        return match.group(1).strip().strip("'\"") if match else None

    @property
    def name(self) -> str:
        """How the message names the line: its key, or the list item or text it starts with."""
        if self.key:
            return self.key
        content = self.content
        return content if len(content) <= 30 else content[:29] + "…"

    @property
    def value(self) -> str:
        """The text after the key's colon (empty when the key opens a group or a list)."""
        match = _KEY.match(self.text[self.indent :])
        if not match:
            return ""
        rest = self.text[self.indent + match.end() :]
        return re.sub(r"(^|\s)#.*$", "", rest).strip()


def _lines(text: str) -> list[_Line]:
    return [_Line(i + 1, t.rstrip("\r")) for i, t in enumerate(text.split("\n"))]


def _content(line: _Line) -> bool:
    return bool(line.content) and not line.content.startswith("#")


def _before(lines: list[_Line], number: int) -> list[_Line]:
    """Lines with content before line ``number``, nearest first."""
    return [ln for ln in reversed(lines[: number - 1]) if _content(ln)]


def explain(exc: yaml.MarkedYAMLError, text: str, path: str) -> ContentError:
    """One located error, in the editor's terms, for a YAML syntax error."""
    lines = _lines(text)
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return ContentError.of(path, 0, 0, "", msg("yaml_invalid"), msg("hint_yaml_invalid"))
    number, column = mark.line + 1, mark.column + 1
    problem = exc.problem or ""
    context = exc.context or ""
    here = lines[min(number, len(lines)) - 1]

    def at(
        line: int, col: int, what: str, hint: str | None = None, /, **args: object
    ) -> ContentError:
        message, advice = msg(what, **args), msg(hint, **args) if hint else None
        return ContentError.of(path, line, col, "", message, advice)

    tab = next(
        (ln for ln in lines[:number] if "\t" in ln.text[: len(ln.text) - len(ln.text.lstrip())]),
        None,
    )
    if "'\\t'" in problem or tab is not None:
        line = tab or here
        col = line.text.index("\t") + 1 if "\t" in line.text else column
        return at(line.number, col, "yaml_tab", "hint_yaml_tab")
    if problem == "but found another document":
        return at(number, column, "yaml_second_document", "hint_yaml_second_document")
    if "that cannot start any token" in problem or "found undefined alias" in problem:
        char = here.text[mark.column] if mark.column < len(here.text) else "?"
        return at(number, column, "yaml_reserved_start", "hint_yaml_quote_text", char=quoted(char))
    if "unknown escape character" in problem:
        return at(number, column, "yaml_escape", "hint_yaml_escape")
    if "quoted scalar" in context and exc.context_mark is not None:
        cm = exc.context_mark
        return at(cm.line + 1, cm.column + 1, "yaml_unclosed_quote", "hint_yaml_unclosed_quote")
    if "flow mapping" in context or "flow sequence" in context:
        cm = exc.context_mark or mark
        opening = "{" if "mapping" in context else "["
        closing = "}" if opening == "{" else "]"
        return at(
            cm.line + 1,
            cm.column + 1,
            "yaml_unclosed_bracket",
            "hint_yaml_unclosed_bracket",
            opening=opening,
            closing=closing,
        )
    if problem == "mapping values are not allowed here":
        return _mapping_value(lines, here, column, at)
    if problem.startswith("expected <block end>"):
        return _block_end(lines, here, column, problem, at)
    if problem == "could not find expected ':'":
        cm = exc.context_mark or mark
        line = lines[cm.line]
        return at(
            line.number,
            cm.column + 1,
            "yaml_not_key_value",
            "hint_yaml_not_key_value",
            text=line.name,
        )
    return at(number, column, "yaml_invalid", "hint_yaml_invalid")


def _colon_in_content(line: _Line) -> int:
    """Column (0-based, in the line) of the first colon followed by a space or the end."""
    match = re.search(r":(\s|$)", line.text)
    return match.start() if match else -1


def _mapping_value(lines: list[_Line], here: _Line, column: int, at: At) -> ContentError:
    """``mapping values are not allowed here``: a colon PyYAML cannot take as a key's."""
    first = _colon_in_content(here)
    if 0 <= first < column - 1:  # an earlier ": " on the line: this colon is inside the text
        return at(
            here.number,
            column,
            "yaml_colon_in_text",
            "hint_yaml_colon_in_text",
            key=here.key or "…",
        )
    before = _before(lines, here.number)
    previous = before[0] if before else None
    if (
        previous is not None
        and re.search(r"\w:[^\s/]", previous.content)
        and ": " not in previous.content
    ):
        glued = previous.content.lstrip("- ")
        name, _, value = glued.partition(":")
        return at(
            previous.number,
            previous.indent + 1,
            "yaml_colon_space",
            "hint_yaml_colon_space",
            text=glued,
            fixed=f"{name}: {value}",
        )
    parent = next((ln for ln in before if ln.indent < here.indent and ln.key), None)
    if parent is not None and parent.value:
        return at(
            here.number,
            here.indent + 1,
            "yaml_under_value",
            "hint_yaml_under_value",
            key=here.name,
            parent=parent.key,
            parent_line=parent.number,
        )
    return at(
        here.number, column, "yaml_colon_in_text", "hint_yaml_colon_in_text", key=here.key or "…"
    )


def _block_end(lines: list[_Line], here: _Line, column: int, problem: str, at: At) -> ContentError:
    """``expected <block end>, but found …``: a line that does not fit the indentation of
    the block around it, or text after a closing quote."""
    before_mark = here.text[: column - 1].rstrip()
    if "'<scalar>'" in problem and before_mark.endswith(("'", '"')):
        return at(here.number, column, "yaml_text_after_quote", "hint_yaml_text_after_quote")
    if "found ':'" in problem:
        return at(here.number, column, "yaml_missing_key", "hint_yaml_missing_key")
    before = _before(lines, here.number)
    inner = next((ln for ln in before if ln.indent > here.indent), None)
    outer = next((ln for ln in before if ln.indent < here.indent), None)
    if "found '-'" in problem and inner is None:
        return at(here.number, column, "yaml_list_here", "hint_yaml_list_here")
    if inner is not None and outer is not None:
        return at(
            here.number,
            here.indent + 1,
            "yaml_misaligned",
            "hint_yaml_misaligned",
            key=here.name,
            spaces=here.indent,
            inner=inner.name,
            inner_line=inner.number,
            inner_spaces=inner.indent,
            outer=outer.name,
            outer_line=outer.number,
            outer_spaces=outer.indent,
        )
    above = before[0] if before else None
    if above is not None:
        return at(
            here.number,
            here.indent + 1,
            "yaml_misaligned_one",
            "hint_yaml_misaligned_one",
            key=here.name,
            spaces=here.indent,
            other=above.name,
            other_line=above.number,
            other_spaces=above.indent,
        )
    return at(here.number, column, "yaml_invalid", "hint_yaml_invalid")
