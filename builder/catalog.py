"""All records of a project, loaded, validated and cross-checked once.

:func:`load_catalog` reads every content file, collects every problem (it never stops at the
first), and returns a :class:`Catalog`. Callers decide what to do with ``catalog.problems``:
``check`` prints them, ``build`` refuses to go on when there are errors.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from . import plausibility, terminology
from .config import ProjectConfig
from .errors import ContentError, ErrorList, Severity, located, relpath
from .https_urls import case_urls, https_hosts, upgrade
from .i18n import labels_for
from .load import FieldPath, Loaded, dotted, read_yaml
from .messages import Msg, Num, Word, msg, quoted
from .model import (
    CaseStudy,
    Glossary,
    GlossaryTerm,
    Programme,
    Theme,
    ThemeList,
    WorkshopModule,
)
from .site_settings import check_settings, doc_values, unknown_values
from .validate import close_match, did_you_mean_msg, validate

PLACEHOLDER = re.compile(r"\bTODO\b")
WORDS = {
    "case-study": "word_case_study",
    "workshop": "word_workshop",
    "programme": "word_programme",
}

T = TypeVar("T")


@dataclass
class Catalog:
    config: ProjectConfig
    cases: dict[str, CaseStudy] = field(default_factory=dict)
    modules: dict[str, WorkshopModule] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    files: dict[str, Loaded] = field(default_factory=dict)  # by repository path
    paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> path
    problems: ErrorList = field(default_factory=ErrorList)

    def source_path(self, kind: str, record_id: str) -> str:
        return self.paths[(kind, record_id)]

    def digest(self, kind: str, record_id: str) -> str:
        """Content hash of a record's file (for caches)."""
        loaded = self.files[self.paths[(kind, record_id)]]
        return hashlib.sha256(loaded.text.encode()).hexdigest()

    def drop_raw_data(self) -> None:
        """Forget the files' parsed data once checked: a build needs only the records (the
        raw data takes about as much memory again; `status` and the checks use it)."""
        for loaded in self.files.values():
            loaded.data = None

    def modules_for_case(self, case_id: str) -> list[WorkshopModule]:
        """Modules that name the case, or that the case names (in catalogue order)."""
        named = set(self.cases[case_id].related_modules)
        naming = self._naming().get(case_id, set())
        return [m for m in self.modules.values() if m.id in named or m.id in naming]

    def cases_for_module(self, module_id: str) -> list[CaseStudy]:
        """The cases the module draws on: those it names in ``related_cases`` (in the order it
        names them). A case naming the module in its ``related_modules`` links to the module
        from its own page only: the module's authors did not say they use it."""
        return [self.cases[i] for i in self.modules[module_id].related_cases if i in self.cases]

    def _naming(self) -> dict[str, set[str]]:
        """case id -> ids of the modules naming it (computed once, like `_theme_groups`)."""
        return self._cached(
            "_modules_naming",
            lambda: _invert((m.id, m.related_cases) for m in self.modules.values()),
        )

    def related_cases(self, case_id: str) -> list[CaseStudy]:
        """Cases linked with this one either way: those it names in ``related_cases``, then
        those naming it (a link between two cases shows on both pages)."""
        named = [i for i in self.cases[case_id].related_cases if i in self.cases]
        naming = sorted(self._cases_naming().get(case_id, set()) - {case_id, *named})
        return [self.cases[i] for i in (*named, *naming) if i != case_id]

    def _cases_naming(self) -> dict[str, set[str]]:
        """case id -> ids of the cases naming it in their ``related_cases``."""
        naming: dict[str, set[str]] = self._cached(
            "_cases_naming_cases",
            lambda: _invert((c.id, c.related_cases) for c in self.cases.values()),
        )
        return naming

    def _cached(self, name: str, compute: Callable[[], T]) -> T:
        key = (id(self.cases), len(self.cases), id(self.modules), len(self.modules))
        cached = self.__dict__.get(name)
        if cached is None or cached[0] != key:
            cached = (key, compute())
            self.__dict__[name] = cached
        return cast(T, cached[1])

    def cases_with_theme(self, theme_id: str) -> list[CaseStudy]:
        return [c for c in self.cases.values() if theme_id in c.themes]

    def modules_with_theme(self, theme_id: str) -> list[WorkshopModule]:
        return [m for m in self.modules.values() if theme_id in m.themes]

    def similar_cases(self, case_id: str, limit: int = 4) -> list[CaseStudy]:
        """Related cases first (named by this case or naming it), then those sharing the most
        themes (ties: by id)."""
        case = self.cases[case_id]
        named = self.related_cases(case_id)
        want = max(limit, len(named)) - len(named)
        if not want:
            return named
        skip = {case_id, *(c.id for c in named)}
        ranked = self._ranked(frozenset(case.themes), want + len(skip))
        return named + [c for c in ranked if c.id not in skip][:want]

    def _ranked(self, mine: frozenset[str], size: int) -> list[CaseStudy]:
        """The ``size`` cases sharing most themes with ``mine`` (ties: by id); cases with the
        same themes share the answer, so it is worked out once per set of themes."""
        ranks: dict[tuple[frozenset[str], int], list[CaseStudy]] = self._cached(
            "_ranks_cache", dict
        )
        found = ranks.get((mine, size))
        if found is None:
            best: list[tuple[int, str, CaseStudy]] = []
            for themes, group in self._theme_groups():
                score = -len(mine & themes)
                if score < 0:  # a group shares one score: its first ids are its best
                    best += islice(((score, c.id, c) for c in group), size)
            best.sort(key=lambda t: (t[0], t[1]))
            found = ranks[(mine, size)] = [c for _, _, c in best[:size]]
        return found

    def _theme_groups(self) -> list[tuple[frozenset[str], list[CaseStudy]]]:
        """Cases grouped by their set of themes, by id within a group. There are few distinct
        sets however many cases there are, so `similar_cases` stays linear in the catalogue
        instead of comparing every case with every other (computed once: the catalogue does
        not change after :func:`load_catalog`)."""
        key = (id(self.cases), len(self.cases))
        cached = self.__dict__.get("_groups")
        if cached is None or cached[0] != key:
            groups: dict[frozenset[str], list[CaseStudy]] = {}
            for c in sorted(self.cases.values(), key=lambda c: c.id):
                groups.setdefault(frozenset(c.themes), []).append(c)
            cached = (key, list(groups.items()))
            self.__dict__["_groups"] = cached
        return cached[1]


def _invert(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, set[str]]:
    """(a, [b, …]) pairs → b -> {a, …}."""
    out: dict[str, set[str]] = {}
    for a, bs in pairs:
        for b in bs:
            out.setdefault(b, set()).add(a)
    return out


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def _strings(data: Any, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, (*loc, i))


@dataclass
class FileCache:
    """Parsed and validated files, reused while a file's size and modification time stay the
    same: the live preview reloads only the files an editor changed. Cross-checks between
    records always run again."""

    #: (file, "read") -> (signature, parsed file or its error)
    entries: dict[tuple[Path, str], tuple[tuple[int, int], Any]] = field(default_factory=dict)
    #: (file, model name) -> (the parsed file that was validated, (record, errors))
    records: dict[tuple[Path, str], tuple[Loaded, tuple[Any, list[Any]]]] = field(
        default_factory=dict
    )
    hits: int = 0

    def get(self, file: Path, kind: str, signature: tuple[int, int]) -> Any:
        entry = self.entries.get((file, kind))
        if entry is not None and entry[0] == signature:
            self.hits += 1
            return entry[1]
        return None

    def put(self, file: Path, kind: str, signature: tuple[int, int], value: Any) -> None:
        self.entries[(file, kind)] = (signature, value)


def _signature(file: Path) -> tuple[int, int]:
    st = file.stat()
    return (st.st_mtime_ns, st.st_size)


class _Loader:
    def __init__(self, config: ProjectConfig, cache: FileCache | None = None) -> None:
        self.config = config
        self.catalog = Catalog(config=config)
        self.context = config.validation_context()
        self.raw: list[tuple[str, Loaded]] = []  # every parsed record file, valid or not
        self.unreadable: list[tuple[str, str]] = []  # (kind, file name) of files not parsed
        self.cache = cache

    def err(
        self,
        loaded: Loaded,
        loc: FieldPath,
        message: Msg,
        hint: Msg | None = None,
        severity: Severity = "error",
        *,
        at_key: bool = False,
    ) -> None:
        mark = loaded.mark(loc) if at_key else loaded.value_mark(loc)
        self.catalog.problems.add(
            ContentError.of(
                loaded.path, mark.line, mark.column, dotted(loc), message, hint, severity
            )
        )

    def read(self, file: Path) -> Loaded | None:
        signature = _signature(file) if self.cache is not None else (0, 0)
        cached = self.cache.get(file, "read", signature) if self.cache is not None else None
        if isinstance(cached, ContentError):
            self.catalog.problems.add(cached)
            return None
        if isinstance(cached, Loaded):
            self.catalog.files[cached.path] = cached
            self.catalog.problems.extend(cached.problems)
            return cached
        try:
            loaded = read_yaml(file, self.config.root)
        except ContentError as exc:
            if self.cache is not None:
                self.cache.put(file, "read", signature, exc)
            self.catalog.problems.add(exc)
            return None
        if self.cache is not None:
            self.cache.put(file, "read", signature, loaded)
        self.catalog.files[loaded.path] = loaded
        for loc, text in _strings(loaded.data):
            if PLACEHOLDER.search(text):
                mark = loaded.value_mark(loc)
                # Recorded as a loading problem: validation then stays quiet about this value.
                loaded.problems.append(
                    located(
                        loaded.path,
                        mark.line,
                        mark.column,
                        dotted(loc),
                        "placeholder",
                        "hint_placeholder",
                    )
                )
        self.catalog.problems.extend(loaded.problems)
        return loaded

    def record(self, file: Path, kind: str, model: type[Any], into: dict[str, Any]) -> None:
        loaded = self.read(file)
        if loaded is None:
            self.unreadable.append((kind, file.stem))
            return
        if not isinstance(loaded.data, dict):
            self.err(loaded, (), msg("file_not_mapping"))
            return
        stem = file.stem
        valid_stem = re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem)
        if not valid_stem:
            self.err(
                loaded,
                (),
                msg("file_name_invalid", name=quoted(file.name)),
                msg("hint_file_name_invalid"),
            )
        declared = loaded.data.get("id")
        self.raw.append((kind, loaded))
        if valid_stem and isinstance(declared, str) and declared != stem:
            hint = (
                msg("hint_id_differs_rename", stem=stem, declared=declared)
                if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", declared)
                else msg("hint_id_differs", stem=stem)
            )
            self.err(
                loaded,
                ("id",),
                msg("id_differs", declared=quoted(declared), stem=quoted(stem)),
                hint,
            )
        record, errors = self.validated(file, model, loaded)
        self.catalog.problems.extend(errors)
        if record is None:
            return
        if record.id in into:
            self.err(
                loaded,
                ("id",),
                msg("id_taken", what=Word(WORDS[kind]), id=quoted(record.id)),
                msg("hint_see", path=self.catalog.paths[(kind, record.id)]),
            )
            return
        into[record.id] = record
        self.catalog.paths[(kind, record.id)] = loaded.path

    def single(self, file: Path, model: type[Any]) -> Any:
        if not file.exists():
            return None
        loaded = self.read(file)
        if loaded is None:
            return None
        record, errors = self.validated(file, model, loaded)
        self.catalog.problems.extend(errors)
        return record

    def validated(self, file: Path, model: type[Any], loaded: Loaded) -> tuple[Any, list[Any]]:
        """The record and its validation errors (from the cache while the file is unchanged:
        an unchanged file is the same parsed object)."""
        key = (file, model.__name__)
        if self.cache is not None and (hit := self.cache.records.get(key)) and hit[0] is loaded:
            self.cache.hits += 1
            return hit[1]
        result = validate(model, loaded, self.context)
        if self.cache is not None:
            self.cache.records[key] = (loaded, result)
        return result


def load_catalog(
    config: ProjectConfig,
    cache: FileCache | None = None,
    *,
    today: dt.date | None = None,
    style: bool = False,
) -> Catalog:
    """Load, validate and cross-check every content file of the project (with ``cache``,
    files unchanged since the previous load are not parsed and validated again). With
    ``today``, dates are checked against it (`check` passes the clock's): a build gives the
    same result whatever the day. With ``style``, terms and typography are checked too
    (warnings only: `check` asks for them, a build does not spend the time)."""
    ld = _Loader(config, cache)
    cat = ld.catalog
    themes = ld.single(config.root / "themes.yml", ThemeList)
    glossary = ld.single(config.root / "glossary.yml", Glossary)
    if themes is not None:
        _unique(ld, "themes.yml", "themes", [t.id for t in themes.themes])
        cat.themes = {t.id: t for t in themes.themes}
    if glossary is not None:
        _unique(ld, "glossary.yml", "terms", [t.id for t in glossary.terms])
        cat.glossary = {t.id: t for t in glossary.terms}
    for f in _yaml_files(config.case_dir):
        ld.record(f, "case-study", CaseStudy, cat.cases)
    for f in _yaml_files(config.workshop_dir):
        ld.record(f, "workshop", WorkshopModule, cat.modules)
    for f in _yaml_files(config.programme_dir):
        ld.record(f, "programme", Programme, cat.programmes)
    _cross_check(ld)
    _plausible(ld, today, style)
    _check_docs(ld)
    cat.problems.extend(check_settings(config, cat.cases))
    return cat


KINDS_OF_FILES = {"themes.yml": "themes", "glossary.yml": "glossary"}


def _plausible(ld: _Loader, today: dt.date | None, style: bool) -> None:
    """Dates in the future, timelines out of order, texts too long for their place; terms
    and typography per language (builder.plausibility, builder.terminology)."""
    cat = ld.catalog
    tables: dict[str, dict[str, Any]] = {
        "case-study": cat.cases,
        "workshop": cat.modules,
        "programme": cat.programmes,
    }
    records = {path: (kind, tables[kind][rid]) for (kind, rid), path in cat.paths.items()}
    avoid = terminology.Avoid(cat.glossary.values())
    for path, loaded in cat.files.items():
        if loaded.data is None:
            continue
        kind, record = records.get(path, (KINDS_OF_FILES.get(path, ""), None))
        if record is not None:
            cat.problems.extend(plausibility.dates(kind, record, loaded, today))
        if record is not None or path in KINDS_OF_FILES:
            cat.problems.extend(plausibility.text_lengths(kind, loaded))
            if style:
                cat.problems.extend(terminology.check(loaded, ld.config.codes, avoid))


def _check_docs(ld: _Loader) -> None:
    """Every hand-written page exists in every language (paired by file name)."""
    docs = ld.config.docs_dir
    codes = ld.config.codes
    # The field reference (docs/<lang>/<slug>.md, written by `schema`) has a name of its
    # own in each language: it is checked by tests/test_fieldref.py, not paired by name.
    references = {f"{labels_for(lang, ld.config.root)('slug_reference')}.md" for lang in codes}
    present = {
        lang: {
            p.relative_to(docs / lang).as_posix()
            for p in (docs / lang).rglob("*.md")
            if p.relative_to(docs / lang).as_posix() not in references
        }
        for lang in codes
        if (docs / lang).is_dir()
    }
    every = set().union(*present.values()) if present else set()
    for lang in codes:
        if lang not in present:
            continue
        for rel in sorted(every - present[lang]):
            other = next(code for code in codes if rel in present.get(code, set()))
            required = next(x.required for x in ld.config.languages if x.code == lang)
            ld.catalog.problems.add(
                located(
                    f"docs/{other}/{rel}",
                    0,
                    0,
                    "",
                    "doc_missing_language",
                    "hint_doc_missing_language",
                    "error" if required else "warning",
                    lang=lang,
                    path=f"docs/{lang}/{rel}",
                )
            )
    values = doc_values(ld.config)
    for lang in present:
        for rel in sorted(present[lang]):
            _check_raw_html(ld, docs / lang / rel, f"docs/{lang}/{rel}")
            text = (docs / lang / rel).read_text(encoding="utf-8-sig")
            ld.catalog.problems.extend(unknown_values(text, f"docs/{lang}/{rel}", values))


_RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>?")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _check_raw_html(ld: _Loader, path: Path, rel: str) -> None:
    """Hand-written pages are Markdown only: raw HTML (which MkDocs would publish as is,
    scripts included) is refused, outside code blocks and `inline code`."""
    in_fence = False
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith(("    ", "\t")):
            continue
        match = _RAW_HTML.search(re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), line))
        if match:
            ld.catalog.problems.add(
                located(
                    rel,
                    number,
                    match.start() + 1,
                    "",
                    "doc_raw_html",
                    "hint_doc_raw_html",
                    html=quoted(match.group(0)[:40]),
                )
            )


def _unique(ld: _Loader, path: str, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            ld.err(
                ld.catalog.files[path],
                (key, i, "id"),
                msg("id_twice", id=quoted(ident)),
                msg("hint_id_twice"),
            )
        seen.add(ident)


def _refs(
    ld: _Loader,
    loaded: Loaded,
    field_name: str,
    ids: Iterable[tuple[int, str]],
    known: dict[str, Any],
    what: str,
) -> None:
    for i, ident in ids:
        if ident not in known and not PLACEHOLDER.search(ident):
            # This message says more than validation's "not a valid id": it replaces it.
            field_path = dotted((field_name, i))
            ld.catalog.problems.items = [
                p
                for p in ld.catalog.problems.items
                if not (
                    p.path == loaded.path
                    and p.field == field_path
                    and p.msg is not None
                    and p.msg.key == "id_invalid"
                )
            ]
            hint = _ref_hint(ld, ident, known, what)
            ld.err(loaded, (field_name, i), msg(f"ref_unknown_{what}", id=quoted(ident)), hint)


def _ref_hint(ld: _Loader, ident: str, known: dict[str, Any], what: str) -> Msg:
    """ "did you mean …?": the closest id, or for a theme the one whose label was written
    ("did you mean 'energy-transition' (Energiewende)?"); else the ids there are."""
    if what == "theme":
        by_label = {
            " ".join(text.split()).casefold(): (theme.id, text)
            for theme in ld.catalog.themes.values()
            for text in theme.label.values()
        }
        wanted = " ".join(ident.split()).casefold()
        label = by_label.get(wanted)
        if label is None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
            # Not written like an id: most likely a label, perhaps misspelt.
            found = close_match(wanted, by_label)
            label = by_label[found] if found else None
        if label is not None and label[0] in known:
            return msg("hint_did_you_mean_label", choice=quoted(label[0]), label=label[1])
    if suggestion := close_match(ident, known):
        return did_you_mean_msg(suggestion)
    listed = ", ".join(sorted(known))
    return msg("hint_known_ids", ids=listed) if listed else msg("hint_no_ids")


def _ids(data: dict[str, Any], key: str) -> list[tuple[int, str]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]


def _cross_check(ld: _Loader) -> None:
    """References between files, checked on the raw data so that a file with other errors
    still gets its unknown themes and ids reported in the same run."""
    cat = ld.catalog
    have_themes = bool(cat.themes) or (ld.config.root / "themes.yml").exists()
    # A file with errors still exists: refer to it by file name, report only its own errors.
    present: dict[str, dict[str, Any]] = {"case-study": {}, "workshop": {}, "programme": {}}
    for kind, loaded in ld.raw:
        present[kind][Path(loaded.path).stem] = loaded
    for kind, stem in ld.unreadable:  # its own error says what is wrong with it
        present[kind].setdefault(stem, None)
    checks = {
        "case-study": [
            ("related_cases", present["case-study"], "case"),
            ("related_modules", present["workshop"], "module"),
        ],
        "workshop": [("related_cases", present["case-study"], "case")],
    }
    for kind, loaded in ld.raw:
        data = loaded.data
        refs = list(checks.get(kind, []))
        if have_themes and kind in checks:
            refs.append(("themes", cat.themes, "theme"))
        for key, known, what in refs:
            _refs(ld, loaded, key, _ids(data, key), known, what)
        if kind == "programme" and isinstance(data.get("items"), list):
            for i, item in enumerate(data["items"]):
                module = item.get("module") if isinstance(item, dict) else None
                if isinstance(module, str) and module not in present["workshop"]:
                    hint = (
                        did_you_mean_msg(found)
                        if (found := close_match(module, present["workshop"]))
                        else msg("hint_see", path="workshops/")
                    )
                    ld.err(
                        loaded,
                        ("items", i, "module"),
                        msg("ref_unknown_module", id=quoted(module)),
                        hint,
                    )
    secure = https_hosts(u for case in cat.cases.values() for _, u in case_urls(case))
    for case in cat.cases.values():
        loaded = cat.files[cat.paths[("case-study", case.id)]]
        _check_sources(ld, loaded, case)
        _check_images(ld, loaded, case)
        _check_http(ld, loaded, case, secure)
    for module in cat.modules.values():
        loaded = cat.files[cat.paths[("workshop", module.id)]]
        handouts = [h.id for h in module.handouts]
        for i, h in enumerate(handouts):
            if handouts.index(h) != i:
                ld.err(
                    loaded,
                    ("handouts", i, "id"),
                    msg("handout_id_twice", id=quoted(h)),
                    msg("hint_handout_id_twice"),
                )
        _check_material_handouts(ld, loaded, module)


def _check_material_handouts(ld: _Loader, loaded: Loaded, module: WorkshopModule) -> None:
    """Material lines name handouts of the module; every handout is in the material list
    (the kit says how many copies to print from it)."""
    handouts = [h.id for h in module.handouts]
    listed = set()
    for i, mat in enumerate(module.materials):
        if mat.handout is None:
            continue
        listed.add(mat.handout)
        if mat.handout not in handouts:
            found = close_match(mat.handout, handouts)
            if found:
                hint = did_you_mean_msg(found)
            elif handouts:
                hint = msg("hint_handout_choices", ids=", ".join(handouts))
            else:
                hint = msg("hint_handout_add_first")
            ld.err(
                loaded,
                ("materials", i, "handout"),
                msg("handout_unknown", id=quoted(mat.handout)),
                hint,
            )
    for i, h in enumerate(handouts):
        if h not in listed:
            ld.err(
                loaded,
                ("handouts", i, "id"),
                msg("handout_not_listed", id=quoted(h)),
                msg("hint_handout_not_listed", id=h),
                "warning",
            )


def _check_sources(ld: _Loader, loaded: Loaded, case: CaseStudy) -> None:
    ids = [s.id for s in case.sources]
    for i, ident in enumerate(ids):
        if ids.index(ident) != i:
            ld.err(
                loaded,
                ("sources", i, "id"),
                msg("source_id_twice", id=quoted(ident)),
                msg("hint_source_id_twice"),
            )
    for i, src in enumerate(case.sources):
        if src.year is None and src.accessed is None:
            ld.err(
                loaded,
                ("sources", i),
                msg("source_no_year", id=quoted(src.id)),
                msg("hint_source_no_year"),
                "warning",
            )
    known = dict.fromkeys(ids)
    cites: list[tuple[FieldPath, str | None]] = [
        (("municipality", "population", "source"), case.municipality.population.source)
    ]
    cites += [(("timeline", i, "source"), e.source) for i, e in enumerate(case.timeline)]
    if case.results:
        cites += [
            (("results", "key_figures", i, "source"), k.source)
            for i, k in enumerate(case.results.key_figures)
        ]
    if case.transferability:
        cites += [
            (("transferability", "instruments", i, "source"), instrument.source)
            for i, instrument in enumerate(case.transferability.instruments)
        ]
    for loc, cited in cites:
        if cited is not None and cited not in known:
            close = close_match(cited, known)
            hint = did_you_mean_msg(close) if close else msg("hint_unknown_source")
            ld.err(loaded, loc, msg("ref_unknown_source", id=quoted(cited)), hint)


def _check_http(ld: _Loader, loaded: Loaded, case: CaseStudy, secure: frozenset[str]) -> None:
    """Plain http:// where the host serves https (builder/https_urls.py): a warning."""
    for loc, url in case_urls(case):
        better = upgrade(url, secure)
        if better is not None:
            ld.err(
                loaded,
                loc,
                msg("http_not_https", url=url, host=urlsplit(url).hostname or ""),
                msg("hint_http_not_https", better=better),
                "warning",
            )


def _check_images(ld: _Loader, loaded: Loaded, case: CaseStudy) -> None:
    root = ld.config.root.resolve()
    for i, image in enumerate(case.images):
        loc = ("images", i, "path")
        target = (root / image.path).resolve()
        if not target.is_relative_to(root):
            ld.err(loaded, loc, msg("image_outside"), msg("hint_image_outside"))
        elif not target.is_file():
            ld.err(
                loaded,
                loc,
                msg("image_missing", path=quoted(image.path)),
                msg("hint_image_missing"),
            )
        elif target.stat().st_size > ld.config.max_image_bytes:
            ld.err(
                loaded,
                loc,
                msg("image_too_large", size=Num(target.stat().st_size)),
                msg("hint_image_too_large", limit=Num(ld.config.max_image_bytes)),
            )


def content_files(config: ProjectConfig) -> list[str]:
    """Every content file's repository path (for `check PATH` filtering and watching)."""
    files = [config.root / "themes.yml", config.root / "glossary.yml"]
    files += _yaml_files(config.case_dir) + _yaml_files(config.workshop_dir)
    files += _yaml_files(config.programme_dir)
    return [relpath(f, config.root) for f in files if f.exists()]
