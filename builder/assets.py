"""Lighter style sheets and scripts for the first visit to any page (issue 13: ≤ 300 KB).

* Our own ``villes-pairs.css``, ``home-and-trust.css`` and ``villes-pairs.js`` are minified
  with **rcssmin** and **rjsmin** (ndparker's, kept since 2011, C speed-ups, no
  dependencies). They only remove comments and white space — no renaming, no rewriting — so
  what runs is what we wrote; the whole-page minifiers (minify-html, ...) rewrite HTML too,
  which ``compact.py`` already trims safely, and would add a native build for a few KB more.
* Material's style sheets (about 150 KB, most of it for features this site does not use:
  code blocks, tabs, admonitions, annotations, other colour palettes) lose the rules that
  cannot match any page of the build: a rule stays when one of its selectors needs only
  classes that occur in the built pages or in the scripts that build markup (Material's
  bundle, ours). Parsing is tinycss2's (WeasyPrint's own CSS parser, already installed).
  The live preview, which rewrites only some pages, remembers what the others showed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import rcssmin
import rjsmin
import tinycss2
from tinycss2 import ast

_CLASS_ATTR = re.compile(r'class="([^"]*)"')  # a literal first: fast
_TAG = re.compile(r"<([a-z][a-z0-9-]*)")  # the theme and our templates write lower case
_VAR = re.compile(r"--[A-Za-z0-9_-]+")
_COLOR_ATTR = re.compile(r'(data-md-color-[a-z]+)="([^"]*)"')
_JS_WORD = re.compile(r"[A-Za-z_][\w-]*")
# At-rules holding rules, filtered like the sheet itself; any other is kept as it is.
_NESTING = frozenset({"media", "supports", "layer", "container", "document"})


def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text))


def minify_js(text: str) -> str:
    return str(rjsmin.jsmin(text, keep_bang_comments=True))


# Classes that Material's bundle names but adds only for a feature of its own: they count
# when a page has a class of that family or one of the features is on (theme.features, or
# a pseudo-feature for the configuration: "repo_url", "version", "tags").
GATED: dict[str, tuple[str, ...]] = {
    "md-tooltip": (
        "content.tooltips",
        "content.footnote.tooltips",
        "content.code.annotate",
        "navigation.instant.preview",
    ),
    "md-annotation": ("content.code.annotate",),
    "md-code": ("content.code.copy", "content.code.select", "content.code.annotate"),
    "md-clipboard": ("content.code.copy",),
    "md-version": ("version",),
    "md-source": ("repo_url",),
    "md-tag": ("tags",),
    "tabbed-": ("content.tabs.link",),
    "mermaid": (),
}


@dataclass
class UsedNames:
    """The class names and Material colour attributes that pages and scripts can show."""

    features: frozenset[str] = frozenset()
    classes: set[str] = field(default_factory=set)  # in the pages
    script_classes: set[str] = field(default_factory=set)  # any word of a script
    prefixes: set[str] = field(default_factory=set)  # from scripts' `md-x--${...}`
    tags: set[str] = field(default_factory=set)
    _families: dict[str, bool] = field(default_factory=dict)
    _scripts: set[str] = field(default_factory=set)
    colors: set[tuple[str, str]] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)  # custom properties named outside CSS

    def add_html(self, html: str) -> None:
        """Called for every page written: plain searches with a literal first (fast)."""
        for value in set(_CLASS_ATTR.findall(html)):
            self.classes.update(value.split())
        self.tags.update(_TAG.findall(html))
        if "data-md-color-" in html:
            self.colors.update(_COLOR_ATTR.findall(html))
        if "var(" in html:  # inline styles and <style> blocks
            self.variables.update(_VAR.findall(html))
        start = html.find("<script")
        while start >= 0:
            open_end = html.find(">", start)
            end = html.find("</script>", open_end)
            if open_end < 0 or end < 0:
                break
            script = html[open_end + 1 : end]
            if script not in self._scripts:  # the theme's are the same on every page
                self._scripts.add(script)
                self.add_js(script)
            start = html.find("<script", end)

    def add_js(self, code: str) -> None:
        """A script may create elements and set classes named anywhere in it."""
        for word in _JS_WORD.findall(code):
            self.script_classes.add(word)
            self.tags.add(word.lower())
            if word.endswith(("-", "_")):
                self.prefixes.add(word)
        self.variables.update(_VAR.findall(code))

    def add_css(self, css: str) -> None:
        """A style sheet kept whole (ours) may use Material's custom properties."""
        self.variables.update(_VAR.findall(css))

    def dump(self) -> str:
        """What the pages showed, for the next incremental build (see :func:`lighten`)."""
        return json.dumps(
            {
                "classes": sorted(self.classes),
                "tags": sorted(self.tags),
                "colors": sorted(self.colors),
                "variables": sorted(self.variables),
                "scripts": sorted(self._scripts),
            }
        )

    def load(self, text: str) -> None:
        """Add what an earlier build's pages showed (the pages a rebuild leaves alone)."""
        data = json.loads(text)
        self.classes.update(data["classes"])
        self.tags.update(data["tags"])
        self.colors.update((name, value) for name, value in data["colors"])
        self.variables.update(data["variables"])
        for script in data["scripts"]:
            if script not in self._scripts:
                self._scripts.add(script)
                self.add_js(script)

    def has_class(self, name: str) -> bool:
        if name in self.classes:
            return True
        if not (name in self.script_classes or any(name.startswith(p) for p in self.prefixes)):
            return False
        for family, features in GATED.items():
            if name.startswith(family):
                return self._family_on(family, features)
        return True

    def _family_on(self, family: str, features: tuple[str, ...]) -> bool:
        if family not in self._families:
            self._families[family] = bool(self.features.intersection(features)) or any(
                c.startswith(family) for c in self.classes
            )
        return self._families[family]


def purge_css(sheets: dict[str, str], used: UsedNames) -> dict[str, str]:
    """Each sheet without the rules none of whose selectors can match (see the module
    doc), then without the declarations of Material's custom properties (``--md-…``)
    that nothing uses any more (icons of admonitions, colours of other palettes …)."""
    out = {
        name: "".join(
            _kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
        )
        for name, css in sheets.items()
    }
    while True:  # a property may be used only by another one that goes
        needed = set(used.variables)
        for css in out.values():
            needed.update(_VAR_USE.findall(css))
        pruned = {name: _without_variables(css, needed) for name, css in out.items()}
        if pruned == out:
            return out
        out = pruned


_VAR_USE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def _without_variables(css: str, needed: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_pruned(rules, needed))


def _pruned(rules: Iterable[ast.Node], needed: set[str]) -> Iterator[str]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            body = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            kept = [
                d
                for d in body
                if not (
                    isinstance(d, ast.Declaration)
                    and d.name.startswith("--md-")
                    and d.name not in needed
                )
            ]
            if kept:
                yield (
                    tinycss2.serialize(rule.prelude).strip()
                    + "{"
                    + ";".join(d.serialize().strip() for d in kept)
                    + "}"
                )
        elif (
            isinstance(rule, ast.AtRule)
            and rule.lower_at_keyword in _NESTING
            and rule.content is not None
        ):
            inner = "".join(_pruned(_rules_in(rule), needed))
            if inner:
                yield f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{inner}}}"
        else:
            yield tinycss2.serialize([rule])


def _kept(rules: Iterable[ast.Node], used: UsedNames) -> Iterator[str]:
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [s for s in _split(rule.prelude) if _may_match(s, used)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                yield f"{prelude}{{{tinycss2.serialize(rule.content)}}}"
        elif isinstance(rule, ast.AtRule):
            if rule.lower_at_keyword in _NESTING and rule.content is not None:
                inner = "".join(_kept(_rules_in(rule), used))
                if inner:
                    prelude = tinycss2.serialize(rule.prelude).strip()
                    yield f"@{rule.at_keyword} {prelude}{{{inner}}}"
            else:
                yield tinycss2.serialize([rule])


def _rules_in(rule: ast.AtRule) -> list[ast.Node]:
    """The rules inside ``@media``, ``@supports`` …"""
    return tinycss2.parse_rule_list(rule.content or [], skip_comments=True, skip_whitespace=True)


def _split(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A selector list split at its top-level commas."""
    out: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return [s for s in out if any(not isinstance(t, ast.WhitespaceToken) for t in s)]


def _may_match(selector: list[ast.Node], used: UsedNames) -> bool:
    """False only when the selector needs a class, an element, or a Material colour
    attribute value that no page or script has. Only top-level tokens count: the
    arguments of :is(), :not(), :has() … are function blocks, never taken as required."""
    previous: ast.Node | None = None
    for i, token in enumerate(selector):
        if (
            isinstance(token, ast.IdentToken)
            and (
                previous is None
                or isinstance(previous, ast.WhitespaceToken)
                or (isinstance(previous, ast.LiteralToken) and previous.value in ">+~")
            )
            and token.lower_value not in used.tags
        ):
            return False
        previous = token
        if (
            isinstance(token, ast.LiteralToken)
            and token.value == "."
            and i + 1 < len(selector)
            and isinstance(selector[i + 1], ast.IdentToken)
            and not used.has_class(selector[i + 1].value)  # type: ignore[attr-defined]
        ):
            return False
        if isinstance(token, ast.SquareBracketsBlock) and not _color_used(token, used):
            return False
    return True


def _color_used(block: ast.SquareBracketsBlock, used: UsedNames) -> bool:
    """``[data-md-color-primary=pink]`` needs that value on some page (no palette toggle
    here, so no script sets it)."""
    parts = [t for t in block.content if not isinstance(t, ast.WhitespaceToken)]
    if (
        len(parts) == 3
        and isinstance(parts[0], ast.IdentToken)
        and parts[0].lower_value.startswith("data-md-color-")
        and isinstance(parts[1], ast.LiteralToken)
        and parts[1].value == "="
        and isinstance(parts[2], ast.IdentToken | ast.StringToken)
    ):
        return (parts[0].lower_value, parts[2].value) in used.colors
    return True


def lighten(
    site: Path, theme_dirs: Sequence[str | Path], used: UsedNames, *, seen: Path | None = None
) -> None:
    """Write the light style sheets and scripts into a built language ``site``: ours
    minified, Material's purged. ``seen`` keeps what the pages showed for the next build:
    an incremental one (the live preview) rewrites only some pages, and adds what the
    others showed last time (``seen`` is read first when it exists)."""
    if seen is not None:
        if seen.is_file():
            used.load(seen.read_text(encoding="utf-8"))
        seen.parent.mkdir(parents=True, exist_ok=True)
        seen.write_text(used.dump(), encoding="utf-8")

    def source(rel: str) -> Path | None:
        for folder in theme_dirs:
            if (Path(folder) / rel).is_file():
                return Path(folder) / rel
        return None

    scripts = sorted((site / "assets" / "javascripts").glob("bundle.*.js"))
    ours = (
        ("villes-pairs.js", minify_js),
        ("villes-pairs.css", minify_css),
        ("home-and-trust.css", minify_css),
    )
    for name, minify in ours:
        src = source(f"assets/{name}")
        if src is not None and (site / "assets" / name).is_file():
            text = src.read_text(encoding="utf-8")
            (site / "assets" / name).write_text(minify(text), encoding="utf-8")
            (used.add_js if name.endswith(".js") else used.add_css)(text)
    for script in scripts:
        used.add_js(script.read_text(encoding="utf-8"))
    sheets: dict[str, str] = {}
    for built in sorted((site / "assets" / "stylesheets").glob("*.min.css")):
        src = source(f"assets/stylesheets/{built.name}")
        if src is not None:
            sheets[built.name] = src.read_text(encoding="utf-8")
    if sheets:
        for name, css in purge_css(sheets, used).items():
            (site / "assets" / "stylesheets" / name).write_text(minify_css(css), encoding="utf-8")
