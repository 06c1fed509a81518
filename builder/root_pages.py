"""Files at the site root, outside the per-language builds: the language chooser
(``index.html``), the bilingual "page not found" (``404.html``), ``sitemap.xml`` with ``hreflang`` alternates and ``robots.txt``; and the
JSON indexes of the paginated listings in each language (:mod:`builder.listing_data`).

The sitemap lists every page of the plan, the numbered pages of split listings included
(``fallstudien/page/2/``, ``orte/de-sachsen/``): they are ordinary pages that link every
case, each with its alternates in the other languages.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from .kinds import record_of_page
from .listing_data import write_listing_data
from .site import SitePlan

_CHOOSER = """<!doctype html>
<html lang="{first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
{alternates}
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;
display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f5f5f5;color:#1a1a1a}}
main{{background:#fff;padding:2.5rem 3rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);max-width:32rem}}
h1{{font-size:1.6rem;margin-top:0}} ul{{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}}
a{{display:inline-block;padding:.8rem 1.4rem;border:2px solid #1d4f91;border-radius:4px;color:#1d4f91;
font-weight:600;text-decoration:none}} a:hover,a:focus{{background:#1d4f91;color:#fff}}
a:focus-visible{{outline:3px solid #b34700;outline-offset:2px}} p{{line-height:1.5}}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
{intros}
<ul>
{links}
</ul>
</main>
<script>
(function () {{
  var langs = {codes};
  var wanted = (navigator.languages || [navigator.language || ""]).map(function (l) {{
    return String(l).slice(0, 2).toLowerCase();
  }});
  var remembered = null;
  try {{ remembered = localStorage.getItem("vp-lang"); }} catch (e) {{}}
  if (remembered && langs.indexOf(remembered) >= 0) {{ location.replace(remembered + "/"); return; }}
  for (var i = 0; i < wanted.length; i++) {{
    if (langs.indexOf(wanted[i]) >= 0) {{ location.replace(wanted[i] + "/"); return; }}
  }}
}})();
</script>
</body>
</html>
"""

_INTRO = {
    "fr": "Études de cas et modules d’atelier franco-allemands sur la transition des "
    "territoires miniers. Choisissez votre langue\u00a0:",
    "de": "Deutsch-französische Fallstudien und Workshop-Module zum Strukturwandel in "
    "Bergbauregionen. Bitte wählen Sie Ihre Sprache:",
}

#: The site root's "page not found" (site/404.html), for addresses outside every language.
_NOT_FOUND = """<!doctype html>
<html lang="{first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;
display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f5f5f5;color:#1a1a1a}}
main{{background:#fff;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);max-width:34rem;margin:1rem}}
h1{{font-size:1.5rem;margin:0 0 .4rem}} section+section{{margin-top:1.6rem;padding-top:1.2rem;border-top:1px solid #d5dbe1}}
p{{line-height:1.5;margin:.4rem 0 .8rem}} a{{color:#1d4f91;font-weight:600}}
a:focus-visible{{outline:3px solid #b34700;outline-offset:2px}}
</style>
</head>
<body>
<main>
{sections}
</main>
</body>
</html>
"""

_NOT_FOUND_TEXT = {
    "fr": (
        "Page introuvable",
        "Cette adresse n’existe pas, ou plus, sur le site Villes pairs.",
        "Aller à la page d’accueil en français",
    ),
    "de": (
        "Seite nicht gefunden",
        "Diese Adresse gibt es auf der Website „Partnerstädte“ nicht oder nicht mehr.",
        "Zur deutschen Startseite",
    ),
}


def write_root_pages(plan: SitePlan, out: Path) -> None:
    config = plan.catalog.config
    codes = plan.languages
    links = "\n".join(
        f'<li><a href="{code}/" hreflang="{code}" lang="{code}">'
        f"{escape(plan.labels[code]('language_name'))}</a></li>"
        for code in codes
    )
    intros = "\n".join(
        f'<p lang="{code}">{escape(_INTRO[code])}</p>' for code in codes if code in _INTRO
    )
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{code}" href="{config.site_url}{code}/">'
        if config.site_url
        else f'<link rel="alternate" hreflang="{code}" href="{code}/">'
        for code in codes
    ) + "".join(
        f'\n<link rel="alternate" type="application/atom+xml" href="{code}/feed.xml" '
        f"title={quoteattr(config.site_name + ' – ' + plan.labels[code]('feed_title'))}>"
        for code in codes
    )
    (out / "index.html").write_text(
        _CHOOSER.format(
            first=codes[0],
            title=escape(config.site_name),
            alternates=alternates,
            intros=intros,
            links=links,
            codes="[" + ",".join(f'"{c}"' for c in codes) + "]",
        ),
        encoding="utf-8",
    )
    _not_found(plan, out)
    _sitemap(plan, out)
    write_listing_data(plan, out)
    (out / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n"
        + (f"Sitemap: {config.site_url}sitemap.xml\n" if config.site_url else ""),
        encoding="utf-8",
    )
    # Each language build writes its own sitemap without alternates: the root one replaces them.
    for code in codes:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (out / code / name).unlink(missing_ok=True)


def _not_found(plan: SitePlan, out: Path) -> None:
    """``site/404.html``: page not found, in every language, with a link to each home.
    Links are absolute (the page answers any missing address), under the path of
    ``site_url`` when the site does not live at the server's root."""
    base = urlsplit(plan.catalog.config.site_url).path or "/"
    sections = []
    for code in plan.languages:
        labels = plan.labels[code]
        title, text, link = _NOT_FOUND_TEXT.get(
            code,
            (labels("notfound_title"), labels("notfound_text"), labels("home_in_language")),
        )
        sections.append(
            f'<section lang="{code}"><h1>{escape(title)}</h1><p>{escape(text)}</p>'
            f'<p><a href="{escape(base)}{code}/" hreflang="{code}">{escape(link)}</a></p>'
            "</section>"
        )
    titles = " · ".join(
        _NOT_FOUND_TEXT.get(code, (plan.labels[code]("notfound_title"),))[0]
        for code in plan.languages
    )
    (out / "404.html").write_text(
        _NOT_FOUND.format(
            first=plan.languages[0], title=escape(titles), sections="\n".join(sections)
        ),
        encoding="utf-8",
    )


def _lastmod(plan: SitePlan, key: str) -> str:
    """``<lastmod>`` of a record's page: when an editor last reviewed it (never build time)."""
    record = record_of_page(plan.catalog, key)
    return f"<lastmod>{record.last_reviewed.isoformat()}</lastmod>" if record else ""


def _sitemap(plan: SitePlan, out: Path) -> None:
    base = plan.catalog.config.site_url or "/"
    rows = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for lang in plan.languages:
        for key in sorted(plan.pages[lang]):
            alts = plan.alternates(key)
            rows.append(f"<url><loc>{escape(base + alts[lang])}</loc>{_lastmod(plan, key)}")
            for code, url in alts.items():
                rows.append(
                    f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(base + url)}/>'
                )
            rows.append("</url>")
    rows.append("</urlset>")
    (out / "sitemap.xml").write_text("\n".join(rows) + "\n", encoding="utf-8")
