"""A kit's HTML: records → Jinja templates → one print-ready HTML document.

Templates and print CSS live in ``builder/kits/templates/``; a project overrides any of them
with a file of the same name in ``templates/kits/``. The environment is an overlay of the
site's one environment (:func:`builder.render.environment`), so it keeps its settings
(autoescape, strict undefined) and only swaps the loader — project folder first, then package.
Content Markdown goes through :func:`builder.markdown_safe.to_html`, as on the site.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..catalog import Catalog
from ..i18n import Labels, labels_for
from ..markdown_safe import plain, to_html
from ..model import GlossaryTerm, GroupSize, Material, Programme, WorkshopModule
from ..render import environment
from ..terms import record_terms
from ..timing import Slot, module_schedule, programme_schedule

PACKAGE_KIT_TEMPLATES = Path(__file__).parent / "templates"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<]+[^\s<.,;:!?)»]")


def mark_urls(html: Markup) -> Markup:
    """Wrap addresses written in the text in ``<span class="url">``: the print CSS breaks
    them without hyphens, so a printed address stays one that works when typed."""
    parts = _TAG_OR_TEXT.split(str(html))
    for i in range(0, len(parts), 2):  # even parts are text between tags (already escaped)
        parts[i] = _URL.sub(r'<span class="url">\g<0></span>', parts[i])
    return Markup("".join(parts))


def template_dirs(root: Path | None) -> list[Path]:
    """Where kit templates are looked up, in order: the project's, then the package's."""
    dirs = [root / "templates" / "kits"] if root is not None else []
    return [d for d in dirs if d.is_dir()] + [PACKAGE_KIT_TEMPLATES]


@cache
def kit_environment(root: Path | None) -> jinja2.Environment:
    """The site's environment with the kit loader (project ``templates/kits/`` first)."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(d) for d in template_dirs(root)])
    return environment(root).overlay(loader=loader)


def _css_string(text: str) -> str:
    """A quoted CSS string; ``<`` is escaped too, so no text can close the ``<style>``."""
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3c "), ("\n", " ")):
        text = text.replace(char, escaped)
    return f'"{text}"'


def counter_css(template: str) -> str:
    """``"Page {page} sur {pages}"`` → ``"Page " counter(page) " sur " counter(pages)``."""
    parts = re.split(r"\{(page|pages)\}", template)
    tokens = [
        f"counter({part})" if i % 2 else _css_string(part)
        for i, part in enumerate(parts)
        if i % 2 or part
    ]
    return " ".join(tokens)


@dataclass(frozen=True)
class ModulePart:
    """One module inside a kit, with the clock times of its steps."""

    module: WorkshopModule
    schedule: list[Slot]
    start: str
    end: str


@dataclass
class KitDoc:
    """Everything one kit shows, whatever its languages."""

    kind: str  # "module" or "programme"
    record: WorkshopModule | Programme
    parts: list[ModulePart]
    group: GroupSize
    minutes: int
    day: list[Slot] = field(default_factory=list)
    terms: list[GlossaryTerm] = field(default_factory=list)


class KitView:
    """Template helpers for one kit in one or more column languages."""

    def __init__(self, catalog: Catalog, langs: tuple[str, ...]) -> None:
        config = catalog.config
        self.langs = langs
        self.lang = langs[0]
        self.bilingual = len(langs) > 1
        self.site_name = config.site_name
        self._labels: dict[str, Labels] = {
            code: labels_for(code, config.root, config.texts) for code in langs
        }
        self._order = list(config.codes)

    # -- labels ----------------------------------------------------------------------------
    def label(self, key: str, lang: str | None = None) -> str:
        return self._labels[lang or self.lang](key)

    def fmt(self, key: str, lang: str | None = None, **values: object) -> str:
        return self.label(key, lang).format(**values)

    def both(self, key: str, **values: object) -> Markup:
        """A label in every column language, each marked with its ``lang``: "Durée · Dauer"."""
        texts = [(lang, self.fmt(key, lang, **values)) for lang in self.langs]
        if len({text for _, text in texts}) == 1:
            return Markup(escape(texts[0][1]))
        return Markup('<span class="sep"> · </span>').join(
            Markup('<span lang="{0}">{1}</span>').format(lang, text) for lang, text in texts
        )

    def page_counter(self) -> Markup:
        """CSS ``content`` for "Page 3 sur 9" (and "Seite 3 von 9" side by side)."""
        counters = (counter_css(self.label("page_x_of_y", lang)) for lang in self.langs)
        return Markup(' " · " '.join(counters))

    def css_string(self, text: str) -> Markup:
        """A text as a CSS string for a ``<style>`` block (running headers)."""
        return Markup(_css_string(text))

    def number(self, value: float, lang: str | None = None) -> str:
        return self._labels[lang or self.lang].number(value)

    # -- content text ----------------------------------------------------------------------
    def pick(self, value: Mapping[str, str] | None, lang: str) -> tuple[str, str]:
        """(text, its language): the column's language, else the first one available."""
        return self._labels[lang].pick(value, "")

    def md(self, value: Mapping[str, str] | None, lang: str) -> Markup:
        text, used = self.pick(value, lang)
        html = mark_urls(to_html(text, used))
        return html if used == lang else Markup('<div lang="{0}">{1}</div>').format(used, html)

    def inline(self, value: Mapping[str, str] | None, lang: str) -> Markup:
        text, used = self.pick(value, lang)
        html = mark_urls(to_html(text, used, inline=True))
        return html if used == lang else Markup('<span lang="{0}">{1}</span>').format(used, html)

    def plain(self, value: Mapping[str, str] | None, lang: str | None = None) -> str:
        text, used = self.pick(value, lang or self.lang)
        return plain(text, used)

    def title(self, value: Mapping[str, str] | None) -> str:
        """A title in every column language, for metadata and running headers."""
        texts = dict.fromkeys(self.plain(value, lang) for lang in self.langs)
        return " · ".join(texts)

    # -- materials -------------------------------------------------------------------------
    @staticmethod
    def tables(group: GroupSize) -> int:
        return math.ceil(group.max / group.per_table)

    def quantity(self, material: Material, group: GroupSize) -> int:
        """How many to bring for the largest group: per session, per table or per person."""
        if material.per == "table":
            return material.quantity * self.tables(group)
        if material.per == "participant":
            return material.quantity * group.max
        return material.quantity

    def per(self, material: Material, lang: str) -> str:
        unit = "per_table_unit" if material.per == "table" else f"per_{material.per}"
        return f"{material.quantity} {self.label(unit, lang)}"


def _common_group(modules: list[WorkshopModule]) -> GroupSize:
    """The group size every module of a programme accepts (or, failing that, the span)."""
    low = max(m.group_size.min for m in modules)
    high = min(m.group_size.max for m in modules)
    if low > high:
        low, high = min(m.group_size.min for m in modules), max(m.group_size.max for m in modules)
    per_table = min(m.group_size.per_table for m in modules)
    return GroupSize(min=low, max=high, per_table=per_table)


def kit_doc(catalog: Catalog, kind: str, record_id: str, langs: tuple[str, ...]) -> KitDoc:
    """The content of one kit: the record, its modules with clock times, glossary terms."""
    if kind == "module":
        module = catalog.modules[record_id]
        schedule = module_schedule(module, catalog.config.kit_start)
        parts = [ModulePart(module, schedule, schedule[0].start, schedule[-1].end)]
        doc = KitDoc(kind, module, parts, module.group_size, module.duration_minutes)
    else:
        prog = catalog.programmes[record_id]
        day = programme_schedule(prog, catalog.modules)
        parts = [
            ModulePart(slot.module, module_schedule(slot.module, slot.start), slot.start, slot.end)
            for slot in day
            if slot.module is not None
        ]
        modules = [part.module for part in parts]
        doc = KitDoc(
            kind, prog, parts, _common_group(modules), sum(slot.minutes for slot in day), day=day
        )
    if len(langs) > 1:
        records = [doc.record, *{part.module.id: part.module for part in parts}.values()]
        doc.terms = sorted(
            record_terms(records, catalog.glossary.values(), langs),
            key=lambda t: plain(t.term.get(langs[0], t.id)).casefold(),
        )
    return doc


def render_kit(catalog: Catalog, kind: str, record_id: str, langs: tuple[str, ...]) -> str:
    """The HTML of one kit (``kind`` is "module" or "programme")."""
    env = kit_environment(catalog.config.root)
    view = KitView(catalog, langs)
    doc = kit_doc(catalog, kind, record_id, langs)
    return env.get_template("kit.html.j2").render(k=view, kit=doc)
