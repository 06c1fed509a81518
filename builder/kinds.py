"""Every kind of content file, and the record kinds that get pages, named once.

Before, "case study" was spelled ``case-study``, ``case``, ``case_study`` and ``cases``
depending on the module. Each kind now has one entry here, and every stage reads its names
from it: loading and checking (folder, model, the word in messages), the page plan and
rendering (page prefix, listing, URL folder, template), feeds, sitemap and open data
(data file), JSON Schemas and the field reference (title, file pattern), the kits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import (
    CaseStudy,
    Glossary,
    Programme,
    Strict,
    ThemeList,
    WorkshopModule,
)

if TYPE_CHECKING:
    from .catalog import Catalog


@dataclass(frozen=True)
class FileKind:
    """A kind of content file: what editors write and `check` validates."""

    name: str  # the editors' word: schemas/<name>.schema.json, `new <name>`, check messages
    model: type[Strict]
    file: str  # where such a file lives, e.g. case_studies/ID.yml
    title: str  # JSON Schema title
    noun: str  # in messages: "unknown case study 'x'"

    @property
    def folder(self) -> str:
        """The folder of such files, relative to the project (`.` for single files)."""
        return self.file.rpartition("/")[0] or "."


@dataclass(frozen=True)
class RecordKind(FileKind):
    """A kind of record with a page of its own in every language."""

    page: str = ""  # page key prefix and page kind: case/<id>
    listing: str = ""  # key of its listing page, and the catalogue's table of records
    slug: str = ""  # label holding the URL folder in each language (slug_cases)
    template: str = ""  # page template in builder/templates
    data: str = ""  # open data file (data/<data>.json) and feed kind
    data_title: str = ""  # title of that file's JSON Schema
    label: str = ""  # UI label of one such record ("Fallstudie")


CASE = RecordKind(
    "case-study",
    CaseStudy,
    "case_studies/ID.yml",
    "Villes pairs case study",
    "case study",
    page="case",
    listing="cases",
    slug="slug_cases",
    template="case.md.j2",
    data="case-studies",
    data_title="Villes pairs case studies",
    label="case_study",
)
MODULE = RecordKind(
    "workshop",
    WorkshopModule,
    "workshops/ID.yml",
    "Villes pairs workshop module",
    "workshop module",
    page="module",
    listing="modules",
    slug="slug_modules",
    template="module.md.j2",
    data="workshop-modules",
    data_title="Villes pairs workshop modules",
    label="workshop_module",
)
PROGRAMME = RecordKind(
    "programme",
    Programme,
    "workshops/programmes/ID.yml",
    "Villes pairs workshop programme",
    "programme",
    page="programme",
    listing="programmes",
    slug="slug_programmes",
    template="programme.md.j2",
    data="programmes",
    data_title="Villes pairs workshop programmes",
    label="programme",
)
THEMES = FileKind("themes", ThemeList, "themes.yml", "Villes pairs themes", "theme list")
GLOSSARY = FileKind("glossary", Glossary, "glossary.yml", "Villes pairs glossary", "glossary")

#: Records with pages, in the order listings, feeds and sitemaps use.
RECORD_KINDS: tuple[RecordKind, ...] = (CASE, MODULE, PROGRAMME)
#: Every kind of content file.
FILE_KINDS: tuple[FileKind, ...] = (*RECORD_KINDS, THEMES, GLOSSARY)
BY_NAME: Mapping[str, FileKind] = {k.name: k for k in FILE_KINDS}
BY_PAGE: Mapping[str, RecordKind] = {k.page: k for k in RECORD_KINDS}


#: A record with a page.
PageRecord = CaseStudy | WorkshopModule | Programme


def records(catalog: Catalog, kind: RecordKind) -> Mapping[str, PageRecord]:
    """The catalogue's records of one kind, by id."""
    tables: dict[str, Mapping[str, PageRecord]] = {
        "cases": catalog.cases,
        "modules": catalog.modules,
        "programmes": catalog.programmes,
    }
    return tables[kind.listing]


def summary(record: PageRecord) -> Mapping[str, str]:
    """The short text of a record for cards and feeds (a case's teaser, else its summary)."""
    return record.teaser if isinstance(record, CaseStudy) else record.summary


def record_of_page(catalog: Catalog, key: str) -> PageRecord | None:
    """The record a page key (``case/loos-en-gohelle``) shows, if it shows one."""
    prefix, _, record_id = key.partition("/")
    kind = BY_PAGE.get(prefix)
    return records(catalog, kind).get(record_id) if kind else None
