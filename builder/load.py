"""Safe YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys and forgets line
numbers. Here we compose the node tree ourselves and build plain Python values from it:

* duplicate keys, object-constructing tags (``!!python/...``, ``!custom``) and
  self-referencing aliases are errors; alias expansion is bounded ("billion laughs");
* files larger than :data:`MAX_BYTES` are refused; a UTF-8 BOM and CRLF line ends are fine;
* every mapping key and value gets a :class:`Mark` (1-based line and column), keyed by its
  field path, so a validation error can point at the exact spot. Marks take about three
  times the memory of the data, and most files never need them: they are worked out from
  the file's text the first time an error asks for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError, located
from .messages import Num, quoted

MAX_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64  # nesting levels; real records use fewer than 10
FieldPath = tuple[str | int, ...]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class Loaded:
    """A parsed file: its data and where each field path starts in the text."""

    path: str
    data: Any
    problems: list[ContentError] = field(default_factory=list)
    text: str = field(default="", repr=False)
    _marks: tuple[dict[FieldPath, Mark], dict[FieldPath, Mark]] | None = field(
        default=None, repr=False
    )
    _line_starts: list[int] | None = field(default=None, repr=False)

    def _all_marks(self) -> tuple[dict[FieldPath, Mark], dict[FieldPath, Mark]]:
        if self._marks is None:
            builder = _Builder(self.path, marks=True)
            done, node = _compose_fast(self.text)
            if not done:
                loader = _DepthLimitedLoader(self.text)
                try:
                    node = loader.get_single_node()
                finally:
                    loader.dispose()
            if node is not None:  # an empty file has no node and no marks
                builder.build(node, (), frozenset())
            self._marks = (builder.keys, builder.values)
        return self._marks

    @property
    def keys(self) -> dict[FieldPath, Mark]:
        """Where each mapping key starts, by field path."""
        return self._all_marks()[0]

    @property
    def values(self) -> dict[FieldPath, Mark]:
        """Where each value starts, by field path."""
        return self._all_marks()[1]

    def mark(self, loc: FieldPath) -> Mark:
        """The best position for a field path: the key if known, else its nearest parent."""
        for end in range(len(loc), -1, -1):
            sub = loc[:end]
            if sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return Mark(1, 1)

    def value_mark(self, loc: FieldPath) -> Mark:
        return self.values.get(loc) or self.mark(loc)

    def mark_of(self, loc: FieldPath, needle: str) -> Mark:
        """Where ``needle`` (a word of the value at ``loc``) is written: its own line inside
        a text of several lines; the value's start when it cannot be found as written
        (folded over two lines, escaped in quotes)."""
        start = self.value_mark(loc)
        if self._line_starts is None:  # where each line starts in the text, worked out once
            self._line_starts = [0, *(i + 1 for i, c in enumerate(self.text) if c == "\n")]
        offset = self._line_starts[min(start.line, len(self._line_starts)) - 1] + start.column - 1
        found = self.text.find(needle, offset)
        if found < 0:
            return start
        line_start = self.text.rfind("\n", 0, found) + 1
        return Mark(self.text.count("\n", 0, found) + 1, found - line_start + 1)


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_STR = "tag:yaml.org,2002:str"


class _TooDeepHere(Exception):
    """Nested deeper than :data:`MAX_DEPTH`: the pure-Python loader says where."""


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _DepthLimit(Composer):
    """PyYAML's composer recurses once per nesting level: stop at :data:`MAX_DEPTH` with a
    clear message instead of a ``RecursionError`` deep inside PyYAML."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[attr-defined]
            node = super().compose_node(parent, index)
            assert node is not None  # PyYAML composes a node for every event it is asked for
            return node
        finally:
            self._depth -= 1


class _DepthLimitedLoader(_DepthLimit, yaml.SafeLoader):
    """The pure-Python loader: checks every character, and says what is wrong."""


_FastLoader: Any = None
if getattr(yaml, "__with_libyaml__", False):
    from yaml.constructor import SafeConstructor
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
    from yaml.resolver import Resolver

    class _FastLoader(CParser, SafeConstructor, Resolver):  # type: ignore[no-redef]
        """libyaml's scanner, parser and composer: the same nodes and marks as
        :class:`_DepthLimitedLoader`, many times faster. libyaml (≥ 0.2.5) refuses to nest
        deeper than 1,000 levels; :class:`_Builder` stops at :data:`MAX_DEPTH` and lets the
        pure-Python loader say so."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


def _compose_fast(text: str) -> tuple[bool, Node | None]:
    """(True, node) when libyaml composed the text; (False, None) leaves it, and any error,
    to the pure-Python loader, so that every message stays exactly as it was."""
    if _FastLoader is None:
        return False, None
    loader = None
    try:
        loader = _FastLoader(text)
        return True, loader.get_single_node()
    except Exception:
        return False, None
    finally:
        if loader is not None:
            loader.dispose()


class _Builder:
    def __init__(self, path: str, *, marks: bool = False) -> None:
        self.path = path
        self.marks = marks
        self.keys: dict[FieldPath, Mark] = {}
        self.values: dict[FieldPath, Mark] = {}
        self.count = 0
        self.problems: list[ContentError] = []
        self.scalars = yaml.SafeLoader("")  # used only to construct plain scalars

    def error(
        self, node: Node, key: str, hint: str | None = None, loc: FieldPath = (), /, **args: Any
    ) -> ContentError:
        m = _mark(node)
        return located(self.path, m.line, m.column, _dotted(loc), key, hint, **args)

    def fail(
        self, node: Node, key: str, hint: str | None = None, loc: FieldPath = (), /, **args: Any
    ) -> None:
        """Record a problem and go on, so one run reports every problem of the file."""
        self.problems.append(self.error(node, key, hint, loc, **args))

    def build(self, node: Node, loc: FieldPath, active: frozenset[int]) -> Any:
        if len(loc) >= MAX_DEPTH:
            raise _TooDeepHere()
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(node, "yaml_too_many_values", "hint_yaml_too_many_values")
        if id(node) in active:
            raise self.error(node, "yaml_recursive_alias", "hint_yaml_recursive_alias", loc)
        if node.tag not in _ALLOWED_TAGS:
            return self.fail(
                node, "yaml_tag", "hint_yaml_tag", loc, tag=quoted(_short_tag(node.tag))
            )
        if self.marks:
            self.values.setdefault(loc, _mark(node))
        if isinstance(node, ScalarNode):
            if node.tag == _STR:  # most values: the text as written
                return node.value
            try:
                return self.scalars.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):
                # e.g. 2019-02-29 looks like a date but is none: keep the text, and let
                # validation say what the field expects.
                return node.value
        inner = active | {id(node)}
        if isinstance(node, SequenceNode):
            return [self.build(child, (*loc, i), inner) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.error(key_node, "yaml_merge_key", "hint_yaml_merge_key")
            if not isinstance(key_node, ScalarNode):
                raise self.error(key_node, "yaml_complex_key", "hint_yaml_complex_key", loc)
            if key_node.tag not in _ALLOWED_TAGS:
                self.fail(
                    key_node, "yaml_tag", "hint_yaml_tag", loc, tag=quoted(_short_tag(key_node.tag))
                )
                continue
            # A key is the text as written: `no:` or `null:` must not become False or None.
            key = key_node.value
            child = (*loc, key)
            if key in result:
                first = _mark(next(k for k, _ in node.value if k.value == key))
                self.fail(
                    key_node,
                    "yaml_duplicate_key",
                    "hint_yaml_duplicate_key",
                    child,
                    key=quoted(key),
                    first=first.line,
                )
                continue
            if self.marks:
                self.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child, inner)
        return result


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _dotted(loc: FieldPath) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def parse_text(text: str, path: str, *, fast: bool = True) -> Loaded:
    """Parse YAML text into plain data with marks; raise :class:`ContentError` on problems."""
    text = text.removeprefix("\ufeff")
    loader: _DepthLimitedLoader | None = None
    done, node = _compose_fast(text) if fast else (False, None)
    try:
        if not done:
            loader = _DepthLimitedLoader(text)  # checks every character first
            node = loader.get_single_node()
    except _TooDeep as exc:
        raise located(
            path,
            exc.mark.line + 1,
            exc.mark.column + 1,
            "",
            "yaml_too_deep",
            "hint_yaml_too_deep",
            levels=MAX_DEPTH,
        ) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else "?"
        raise located(
            path, line, column, "", "yaml_bad_char", "hint_yaml_bad_char", char=char
        ) from None
    except yaml.MarkedYAMLError as exc:
        from .yaml_errors import explain

        raise explain(exc, text, path) from None
    except yaml.YAMLError:
        raise located(path, 0, 0, "", "yaml_invalid", "hint_yaml_invalid") from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise located(path, 1, 1, "", "file_empty", "hint_file_empty")
    builder = _Builder(path)
    try:
        data = builder.build(node, (), frozenset())
    except RecursionError:
        raise located(
            path, 1, 1, "", "yaml_too_deep", "hint_yaml_too_deep", levels=MAX_DEPTH
        ) from None
    except _TooDeepHere:
        if done:  # composed by libyaml: the pure-Python loader stops at the exact spot
            return parse_text(text, path, fast=False)
        raise located(
            path, 1, 1, "", "yaml_too_deep", "hint_yaml_too_deep", levels=MAX_DEPTH
        ) from None
    return Loaded(path, data, builder.problems, text)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character index."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def read_yaml(file: Path, root: Path) -> Loaded:
    """Read and parse one content file, refusing what is unsafe to read."""
    from .errors import relpath

    try:  # the path as listed, even when a link leads elsewhere
        rel = file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        rel = relpath(file, root)
    # Through a linked file or a linked folder: never read outside the repository.
    if not file.resolve().is_relative_to(root.resolve()):
        raise located(rel, 0, 0, "", "file_outside", "hint_file_outside")
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise located(
            rel,
            0,
            0,
            "",
            "file_too_large",
            "hint_file_too_large",
            size=Num(size),
            limit=Num(MAX_BYTES),
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise located(rel, line, 1, "", "file_not_utf8", "hint_file_not_utf8") from None
    return parse_text(text, rel)
