"""Command line: check, build, serve, kits, new, schema, status.

``main(argv)`` returns an exit code and never lets a content problem become a traceback:
content errors are printed as ``path:line:col: error: message`` and give exit code 1.
Messages are in the editor's language (German or French when the locale says so, English
otherwise; ``--messages`` chooses), from the catalogue in builder/messages.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalog import Catalog, load_catalog
from .config import load_config
from .engine import ENGINES
from .errors import ContentError, ContentErrors, ErrorList
from .messages import LANGUAGES, editor_language, msg, render


def _print_problems(problems: ErrorList, fmt: str, *, strict: bool, lang: str) -> None:
    if fmt == "json":
        print(problems.to_json(lang))
        return
    for problem in problems:
        print(problem.render(lang), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github(lang))
    if len(problems):
        print(problems.summary(lang, strict=strict), file=sys.stderr)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def cmd_check(args: argparse.Namespace) -> int:
    config = load_config(Path(args.root))
    catalog = load_catalog(config, today=args.today or dt.date.today(), style=True)
    problems = catalog.problems
    if not problems.errors:
        problems.extend(_stale_sources_list(catalog))
    if args.paths:
        wanted = {Path(p).resolve() for p in args.paths}
        keep = ErrorList()
        keep.extend(
            e
            for e in problems
            if (config.root / e.path).resolve() in wanted
            or any((config.root / e.path).resolve().is_relative_to(w) for w in wanted if w.is_dir())
        )
        problems = keep
    _print_problems(problems, args.format, strict=args.strict, lang=args.messages)
    failed = problems.failed(strict=args.strict)
    if args.format == "text" and not failed:
        counts = {
            "cases": len(catalog.cases),
            "modules": len(catalog.modules),
            "programmes": len(catalog.programmes),
            "themes": len(catalog.themes),
            "terms": len(catalog.glossary),
        }
        print(render("check_ok", args.messages, counts), file=sys.stderr)
    return 1 if failed else 0


def _stale_sources_list(catalog: Catalog) -> list[ContentError]:
    """research/SOURCES.md, where a project keeps one, lists the sources of the records."""
    from .research import sources_markdown

    path = catalog.config.root / "research" / "SOURCES.md"
    if not path.exists() or path.read_text(encoding="utf-8") == sources_markdown(catalog):
        return []
    return [
        ContentError.of(
            "research/SOURCES.md",
            0,
            0,
            "",
            msg("sources_list_stale"),
            msg("hint_sources_list_stale"),
            "warning",
        )
    ]


def cmd_sources(args: argparse.Namespace) -> int:
    from .research import sources_markdown

    config = load_config(Path(args.root))
    catalog = load_catalog(config)
    if catalog.problems.errors:
        raise ContentErrors(catalog.problems)
    path = config.root / "research" / "SOURCES.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(sources_markdown(catalog), encoding="utf-8")
    print(f"wrote {path.relative_to(config.root)}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_site

    build_site(
        load_config(Path(args.root)),
        strict=not args.no_strict,
        kits=not args.no_kits,
        engine=args.engine,
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_site

    written = export_site(load_config(Path(args.root)), Path(args.out))
    for folder in written:
        print(f"wrote {folder}", file=sys.stderr)
    print(
        "build each language with: mkdocs build -f <folder>/mkdocs.yml (no plugin of ours needed)",
        file=sys.stderr,
    )
    return 0


def cmd_kits(args: argparse.Namespace) -> int:
    from .build import checked_catalog
    from .kits import build_kits

    config = load_config(Path(args.root))
    catalog = checked_catalog(config)
    out = Path(args.out) if args.out else config.root / "site" / "kits"

    def show(done: int, total: int, name: str, cached: bool) -> None:
        print(f"[{done}/{total}] {name}{' (cached)' if cached else ''}", file=sys.stderr)

    report = build_kits(
        catalog,
        out,
        cache_dir=config.root / ".cache" / "kits",
        only=args.only,
        variants=[args.lang] if args.lang else None,
        progress=show,
    )
    print(report, file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import serve

    serve(load_config(Path(args.root)), host=args.host, port=args.port)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .fieldref import write_references
    from .schema import write_schemas

    config = load_config(Path(args.root))
    written = write_schemas(config, Path(args.out) if args.out else None)
    if not args.out:  # the field reference in Markdown, for the guide's links on GitHub
        written += write_references(config)
    for path in written:
        print(
            f"wrote {path.relative_to(config.root) if path.is_relative_to(config.root) else path}",
            file=sys.stderr,
        )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_record

    config = load_config(Path(args.root))
    path = new_record(config, args.kind, args.id)
    rel = path.relative_to(config.root).as_posix()
    print(render("new_written", args.messages, {"path": rel}), file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .status import format_status, translation_status

    config = load_config(Path(args.root))
    catalog = load_catalog(config)
    print(format_status(translation_status(catalog), config.codes))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    p.add_argument("--root", default=".", help="project folder (default: current folder)")
    p.add_argument(
        "--messages",
        choices=LANGUAGES,
        default=None,
        metavar="LANG",
        help="language of the messages: en, de or fr (default: from LC_ALL, LC_MESSAGES or"
        " LANG; else en)",
    )
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="validate the content files; exit 1 on errors")
    c.add_argument("paths", nargs="*", help="only report problems in these files or folders")
    c.add_argument("--strict", action="store_true", help="warnings fail too")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument(
        "--today",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date that dates in the content are compared with (default: today)",
    )
    c.set_defaults(func=cmd_check)

    b = sub.add_parser("build", help="build the site (both languages and the kits) into site/")
    b.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    b.add_argument("--no-kits", action="store_true", help="skip the PDF kits")
    b.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="site engine: mkdocs (default) or properdocs, its maintained continuation"
        ' (install with `pip install -e ".[properdocs]"`)',
    )
    b.set_defaults(func=cmd_build)

    e = sub.add_parser(
        "export",
        help="write each language as a plain Markdown docs tree with its own mkdocs.yml,"
        " buildable without this project's plugin (for other site generators)",
    )
    e.add_argument("out", help="folder to write (one sub-folder per language)")
    e.set_defaults(func=cmd_export)

    n = sub.add_parser("new", help="write a new case study or workshop file to fill in")
    n.add_argument("kind", choices=("case-study", "workshop"))
    n.add_argument("id", help="lower-case letters, digits and hyphens; becomes the file name")
    n.set_defaults(func=cmd_new)

    so = sub.add_parser("sources", help="write research/SOURCES.md: every source of every case")
    so.set_defaults(func=cmd_sources)

    st = sub.add_parser("status", help="translation status: what is missing or unreviewed")
    st.set_defaults(func=cmd_status)

    sc = sub.add_parser(
        "schema",
        help="write the JSON Schemas of every record type to schemas/ and the field reference"
        " to docs/<lang>/",
    )
    sc.add_argument("--out", help="folder (default: schemas/)")
    sc.set_defaults(func=cmd_schema)

    k = sub.add_parser("kits", help="build the printable PDF kits alone (default into site/kits)")
    k.add_argument("--only", metavar="ID", help="only the kits of this module or programme")
    k.add_argument("--lang", metavar="VARIANT", help="only this variant: fr, de or fr-de")
    k.add_argument("--out", metavar="DIR", help="output folder (default: site/kits)")
    k.set_defaults(func=cmd_kits)

    s = sub.add_parser("serve", help="live preview: rebuild on every change")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.messages = args.messages or editor_language()
    try:
        return int(args.func(args))
    except ContentErrors as exc:
        _print_problems(
            exc.errors, getattr(args, "format", "text"), strict=False, lang=args.messages
        )
        return 1
    except ContentError as exc:
        print(exc.render(args.messages), file=sys.stderr)
        return 1
