"""A kit's HTML: records → Jinja templates → one print-ready HTML document.

Templates and print CSS live in ``builder/kits/templates/``; a project overrides any of them
with a file of the same name in ``templates/kits/``. The environment is an overlay of the
site's one environment (:func:`builder.render.environment`), so it keeps its settings
(autoescape, strict undefined) and only swaps the loader — project folder first, then package.
Content Markdown goes through :func:`builder.markdown_safe.to_html`, as on the site; handouts
then become sheets to write on (:mod:`builder.kits.sheets`).

Two documents: ``kit.html.j2`` (a module's or a programme's kit, one language or side by
side) and ``forms.html.j2`` (a module's handouts as a fillable PDF for online sessions). What
they show is worked out first, in :mod:`builder.kits.doc`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup, escape

from ..catalog import Catalog
from ..i18n import Labels, labels_for
from ..markdown_safe import plain, to_html
from ..model import GroupSize, Material, Programme, TranslationState, WorkshopModule
from ..render import environment
from ..site import url_of
from .doc import HandoutRef, KitDoc, ModulePart, kit_doc, quantity, tables
from .sheets import Sheet, bilingual, worksheet

PACKAGE_KIT_TEMPLATES = Path(__file__).parent / "templates"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<]+[^\s<.,;:!?)»]")
_HEADING = re.compile(r"(?m)^(#{1,5})(?=[ \t])")


def _link(match: re.Match[str]) -> str:
    text = match.group(0)  # already escaped: a valid attribute value as it is
    href = text if text.startswith("http") else f"https://{text}"
    return f'<a class="url" href="{href}">{text}</a>'


def mark_urls(html: Markup) -> Markup:
    """Make addresses written in the text links (``<a class="url">``): the print CSS breaks
    them without hyphens, so a printed address stays one that works when typed, and a
    click on it works in a PDF reader. Text already inside a link is left alone."""
    parts = _TAG_OR_TEXT.split(str(html))
    depth = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if re.match(r"<a[\s>]", part):
                depth += 1
            elif part.startswith("</a"):
                depth = max(0, depth - 1)
        elif not depth:  # text between tags (already escaped)
            parts[i] = _URL.sub(_link, part)
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


class KitView:
    """Template helpers for one kit in one or more column languages."""

    def __init__(self, catalog: Catalog, langs: tuple[str, ...], *, form: bool = False) -> None:
        config = catalog.config
        self.langs = langs
        self.lang = langs[0]
        self.bilingual = len(langs) > 1
        self.form = form
        self.site_name = config.site_name
        self.site_url = config.site_url
        # Every language's labels: a bilingual handout speaks both in any kit.
        self._labels: dict[str, Labels] = {
            code: labels_for(code, config.root, config.texts) for code in (*langs, *config.codes)
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

    def date(self, iso: str, lang: str | None = None) -> str:
        return self._labels[lang or self.lang].date(iso)

    # -- addresses, QR codes, notices ------------------------------------------------------
    def page_url(self, kind: str, record_id: str, lang: str | None = None) -> str:
        """The address of the record's page in a language ("" without ``site_url``)."""
        if not self.site_url:
            return ""
        lang = lang or self.lang
        slug = self.label("slug_modules" if kind == "module" else "slug_programmes", lang)
        return f"{self.site_url}{lang}/{url_of(f'{slug}/{record_id}.md')}"

    def short_url(self, url: str) -> str:
        return re.sub(r"^https?://", "", url).rstrip("/")

    def qr(self, url: str, title: str) -> Markup:
        """A QR code of ``url`` as vector SVG (segno), titled for screen readers."""
        code = segno.make(url, error="m", micro=False)
        svg = code.svg_inline(scale=1, border=4, title=title, svgclass="qr__code", lineclass=None)
        return Markup(svg)

    def notice(self, record: WorkshopModule | Programme, lang: str) -> str:
        """The "translation not yet reviewed" notice of a text in ``lang``, or ""."""
        state = record.translation.get(lang)
        if state is TranslationState.draft:
            return self.label("draft_notice", lang)
        if state is TranslationState.machine:
            return self.label("machine_notice", lang)
        return ""

    def footer(self, kit: KitDoc, kind: str, record_id: str) -> str:
        """Date of the content's last review, version, licence and address of the kit."""
        url = self.short_url(self.page_url(kind, record_id))
        return self.fmt(
            "kit_footer",
            date=self.date(kit.reviewed()),
            version=kit.version,
            url=url or self.site_name,
        )

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

    # -- handouts --------------------------------------------------------------------------
    def handout_label(self, ref: HandoutRef, lang: str) -> str:
        return self.fmt("handout_n", lang, n=ref.number)

    def material_text(self, part: ModulePart, mat: Material, lang: str) -> Markup:
        """A material line: the item, or "Handout 2: <title>" for a handout (A3, bilingual
        and the note added), so the list and the sheet always say the same."""
        if mat.handout is None:
            text = self.inline(mat.item, lang)
        else:
            ref = next(r for r in part.handouts if r.handout.id == mat.handout)
            text = Markup(
                escape(
                    self.fmt(
                        "material_handout",
                        lang,
                        number=self.handout_label(ref, lang),
                        title=self.plain(ref.handout.title, lang),
                    )
                )
            )
            extras = []
            if mat.paper:
                extras.append(self.fmt("paper_n", lang, paper=mat.paper))
            if ref.handout.bilingual:
                extras.append(self.label("bilingual_sheet", lang))
            if extras:
                text += Markup(escape(", " + ", ".join(extras)))
        if mat.note:
            text += Markup(" (") + self.inline(mat.note, lang) + Markup(")")
        return text

    def per(self, material: Material, lang: str) -> str:
        unit = "per_table_unit" if material.per == "table" else f"per_{material.per}"
        return f"{material.quantity} {self.label(unit, lang)}"

    def tables(self, group: GroupSize) -> int:
        return tables(group)

    def quantity(self, material: Material, group: GroupSize) -> int:
        return quantity(material, group)

    def sheet(self, ref: HandoutRef, lang: str) -> Markup:
        """A handout's body as a sheet to write on, in one language."""
        text, used = self.pick(ref.handout.body, lang)
        html = str(to_html(_HEADING.sub(r"#\1", text), used))
        sheet = Sheet(
            f"h{ref.anchor}-{lang}", form=self.form, answer=self.label("kit_answer", lang)
        )
        body = mark_urls(Markup(worksheet(html, sheet, ref.anchor)))
        return body if used == lang else Markup('<div lang="{0}">{1}</div>').format(used, body)

    def bilingual_sheet(self, ref: HandoutRef) -> Markup | None:
        """A bilingual handout as one sheet, the kit's language first (None: the two texts
        differ in shape, the template puts them side by side)."""
        first = self.lang
        second = next((c for c in self._order if c != first), "")
        body = ref.handout.body
        if not second or not body.get(first) or not body.get(second):
            return None
        html = [str(to_html(_HEADING.sub(r"#\1", body[lang]), lang)) for lang in (first, second)]
        sheet = Sheet(f"h{ref.anchor}", form=self.form, answer=self.label("kit_answer", first))
        merged = bilingual(html[0], html[1], (first, second), sheet, ref.anchor)
        return mark_urls(Markup(merged)) if merged is not None else None

    def sheet_langs(self, ref: HandoutRef) -> list[str]:
        """The languages a handout is printed in: each column language, or for a bilingual
        sheet the kit's language first and then the other configured one."""
        if ref.handout.bilingual:
            return [self.lang, *(c for c in self._order if c != self.lang)][:2]
        return list(self.langs)


def render_kit(
    catalog: Catalog,
    kind: str,
    record_id: str,
    langs: tuple[str, ...],
    *,
    version: str = "",
    form: bool = False,
) -> str:
    """The HTML of one kit (``kind`` is "module" or "programme"); with ``form``, a module's
    handouts alone with form fields (the fillable PDF)."""
    env = kit_environment(catalog.config.root)
    view = KitView(catalog, langs, form=form)
    doc = kit_doc(catalog, kind, record_id, langs, version)
    template = "forms.html.j2" if form else "kit.html.j2"
    return env.get_template(template).render(k=view, kit=doc)
