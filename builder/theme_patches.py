"""Small, named patches to Material's own templates, applied when MkDocs builds its Jinja
environment (:func:`patched_loader`, called from the adapter's ``on_env``).

Each patch replaces one exact piece of a Material template and says why: the W3C Nu checker
and HTML_CodeSniffer (pa11y) find the original invalid. A patch whose text is no longer in
the template (Material changed it) stops the build with a message naming the patch, so an
upgrade never silently brings the errors back. Where a whole partial is ours anyway
(header, search, language switcher, copyright: ``overrides/partials``), it is overridden
instead; these templates are patched because copying them would mean keeping hundreds of
lines of Material's in step for a one-attribute change.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2


@dataclass(frozen=True)
class Patch:
    template: str
    old: str
    new: str
    count: int  # how many times `old` occurs (all are replaced)
    why: str


PATCHES = (
    Patch(
        "base.html",
        ' type="checkbox" id="__drawer" autocomplete="off">',
        ' type="checkbox" id="__drawer">',
        1,
        "`autocomplete` is not allowed on checkboxes (Nu checker). Material uses it so that"
        " Firefox does not restore an open drawer or search on reload; villes-pairs.js"
        " closes them instead when a page comes back from history.",
    ),
    Patch(
        "base.html",
        ' type="checkbox" id="__search" autocomplete="off">',
        ' type="checkbox" id="__search">',
        1,
        "as for __drawer",
    ),
    Patch(
        "partials/nav-item.html",
        ' tabindex="{{ tabindex }}">',
        '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
        2,
        'section labels get `tabindex=""`, which is not a valid integer (Nu checker):'
        " leave the attribute out when there is no value",
    ),
    Patch(
        "partials/nav-item.html",
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">',
        "{% set _first = toc | first %}"
        "{% if (_first.children if _first and _first.level == 1 else toc) %}"
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
        "{% endif %}",
        1,
        "the table-of-contents toggle of a page without headings has no label, hence no"
        " name (HTML_CodeSniffer); it toggles nothing there: leave it out",
    ),
    Patch(
        "partials/toc.html",
        '<label class="md-nav__title" for="__toc">\n'
        '      <span class="md-nav__icon md-icon"></span>\n'
        "      {{ title }}\n"
        "    </label>",
        '{% if page in nav.pages %}<label class="md-nav__title" for="__toc">'
        '{% else %}<div class="md-nav__title">{% endif %}\n'
        '      <span class="md-nav__icon md-icon"></span>\n'
        "      {{ title }}\n"
        "    {% if page in nav.pages %}</label>{% else %}</div>{% endif %}",
        1,
        "pages outside the navigation (every case, module, theme page: the navigation does"
        " not grow with the catalogue) have no __toc toggle; a label `for` a missing"
        " control is invalid (Nu checker): the title is then plain text",
    ),
)


class PatchError(RuntimeError):
    """Material's template no longer contains a patched piece (after an upgrade)."""


def patch_sources(get_source: dict[str, str]) -> dict[str, str]:
    """Patched text of every template named in :data:`PATCHES`, from the original texts."""
    out = dict(get_source)
    for patch in PATCHES:
        text = out[patch.template]
        found = text.count(patch.old)
        if found != patch.count:
            raise PatchError(
                f"Material's {patch.template} changed: expected {patch.count} occurrence(s)"
                f" of {patch.old!r}, found {found}. Update builder/theme_patches.py"
                f" (the patch exists because {patch.why})"
            )
        out[patch.template] = text.replace(patch.old, patch.new)
    return out


def patched_loader(env: jinja2.Environment) -> jinja2.BaseLoader:
    """A loader serving the patched templates, falling back to ``env``'s own loader."""
    assert env.loader is not None
    names = sorted({p.template for p in PATCHES})
    originals = {name: env.loader.get_source(env, name)[0] for name in names}
    return jinja2.ChoiceLoader([jinja2.DictLoader(patch_sources(originals)), env.loader])
