"""The download centre on the kits page: every module and programme with its PDFs (each
language, side by side, fillable handouts), their page counts and sizes, and the offline pack.

Pure: it takes the site plan, the kits page's spec and the kits' manifest
(:func:`builder.kits.read_manifest`), and returns an HTML block that replaces
``[[downloads]]`` (a line of its own) in the hand-written page (or follows its text when the
marker is missing). The engine adapter passes every hand-written page through
:func:`downloads_markdown`, which changes the kits page only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..markdown_safe import plain
from ..site import PageSpec, SitePlan, relative
from . import kit_variants

#: The page key of the kits page and the marker the table replaces.
KITS_PAGE = "doc/kits.md"
MARKER = "[[downloads]]"
OFFLINE_ZIP = "villes-pairs-offline.zip"


def _size(num_bytes: int, number: Any, label: Any) -> str:
    if num_bytes >= 1_000_000:
        return str(label("dl_mb").format(n=number(round(num_bytes / 1_000_000, 1))))
    return str(label("dl_kb").format(n=number(max(1, round(num_bytes / 1000)))))


def downloads_html(
    plan: SitePlan, spec: PageSpec, manifest: Mapping[str, Mapping[str, Any]]
) -> str:
    """The download table and the offline pack, as one HTML block with no blank line (so
    Markdown passes it through unchanged)."""
    lang = spec.lang
    label = plan.labels[lang]
    catalog = plan.catalog
    codes = list(plan.languages)
    ordered = [lang, *(c for c in codes if c != lang)]
    variants = [v for v in kit_variants(codes) if "-" not in v]
    columns = sorted(variants, key=ordered.index) + [v for v in kit_variants(codes) if "-" in v]
    here = f"{lang}/{spec.url}"

    def href(path: str) -> str:
        return relative(here, path)

    def cell(name: str) -> str:
        entry = manifest.get(name)
        link = Markup('<a href="{0}" download>PDF</a>').format(href(f"kits/{name}"))
        if entry is None:
            return str(link)
        facts = label("dl_facts").format(
            pages=label.number(entry.get("pages", 0)),
            size=_size(int(entry.get("bytes", 0)), label.number, label),
        )
        return str(link + Markup('<br><span class="vp-downloads__facts">{0}</span>').format(facts))

    head = [escape(label("dl_record"))]
    head += [escape(label(f"kit_{v}")) for v in columns]
    head.append(escape(label("dl_forms")))
    rows = []
    records: list[tuple[str, str, Any]] = [("module", i, m) for i, m in catalog.modules.items()] + [
        ("programme", i, p) for i, p in catalog.programmes.items()
    ]
    records.sort(key=lambda r: (r[0] != "module", plain(r[2].title.get(lang, r[1])).casefold()))
    for kind, record_id, record in records:
        title = plain(record.title.get(lang) or next(iter(record.title.values())), lang)
        page = href(f"{lang}/{plan.pages[lang][f'{kind}/{record_id}'].url}")
        what = label("dl_module") if kind == "module" else label("programme")
        cells = [
            str(
                Markup(
                    '<th scope="row"><a href="{0}">{1}</a><br>'
                    '<span class="vp-downloads__kind">{2}</span></th>'
                ).format(page, title, what)
            )
        ]
        cells += [f"<td>{cell(f'{record_id}.{v}.pdf')}</td>" for v in columns]
        forms = [
            str(
                Markup('<a href="{0}" download hreflang="{1}">{2}</a>').format(
                    href(f"kits/{record_id}.{v}.form.pdf"), v, v.upper()
                )
            )
            for v in sorted(variants, key=ordered.index)
            if f"{record_id}.{v}.form.pdf" in manifest
        ]
        cells.append(f"<td>{' · '.join(forms) if forms else '–'}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = escape(label("dl_caption"))
    table = (
        '<div class="vp-downloads vp-table-wrap" tabindex="0" role="region"'
        f' aria-label="{caption}"><table class="vp-table vp-downloads__table">'
        f"<caption>{caption}</caption>"
        "<thead><tr>"
        + "".join(f'<th scope="col">{h}</th>' for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
    offline = str(
        Markup(
            '<div class="vp-online-only vp-offline"><p><a href="{0}" download>{1}</a> {2}</p></div>'
        ).format(href(OFFLINE_ZIP), label("dl_offline"), label("dl_offline_text"))
    )
    return table + "\n" + offline


def downloads_markdown(markdown: str, plan: SitePlan, lang: str, key: str, kits_dir: Path) -> str:
    """A hand-written page's Markdown, with the download table if it is the kits page
    (``key`` ``doc/kits.md``); the figures come from ``kits_dir/kits.json``."""
    if key != KITS_PAGE or key not in plan.pages[lang]:
        return markdown
    from . import read_manifest

    return insert_downloads(markdown, plan, plan.pages[lang][key], read_manifest(kits_dir))


def insert_downloads(
    markdown: str, plan: SitePlan, spec: PageSpec, manifest: Mapping[str, Mapping[str, Any]]
) -> str:
    """The kits page's Markdown with the download centre in place of its marker."""
    block = downloads_html(plan, spec, manifest)
    if MARKER in markdown:
        return markdown.replace(MARKER, block, 1)
    return markdown.rstrip("\n") + "\n\n" + block + "\n"
