"""Typed records: case studies, workshop modules, programmes, themes and glossary.

One source of truth for validation and for the JSON Schemas that editors' tools use
(`python -m builder schema`). Every reader-facing text is a :data:`Localized` mapping
``{fr: "...", de: "..."}``; which languages exist and which are required comes from the
project configuration and is passed in the validation context (``{"languages": ...}``).
Cross-references between records (themes, related cases, modules) are checked later,
in :mod:`builder.catalog`, because they need the whole catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .messages import Problem, msg, quoted

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DEFAULT_LANGUAGES: tuple[str, ...] = ("fr", "de")

RecordId = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Lower-case letters, digits and hyphens, e.g. `loos-en-gohelle`.",
    ),
]


def _languages(info: ValidationInfo) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(all configured languages, required languages) from the validation context."""
    ctx = info.context if isinstance(info.context, Mapping) else {}
    langs = tuple(ctx.get("languages", DEFAULT_LANGUAGES))
    required = tuple(ctx.get("required_languages", langs))
    return langs, required


def _check_localized(value: Any, info: ValidationInfo) -> dict[str, Any]:
    langs, required = _languages(info)
    if not isinstance(value, Mapping):
        example = ", ".join(f"`{lang}: ...`" for lang in langs)
        raise Problem(
            msg("localized_not_mapping"), msg("hint_localized_not_mapping", example=example)
        )
    unknown = [k for k in value if k not in langs]
    if unknown:
        raise Problem(
            msg("localized_unknown_language", lang=quoted(unknown[0])),
            msg("hint_localized_unknown_language", langs=langs),
        )
    missing = [lang for lang in required if value.get(lang) in (None, "", [])]
    if missing:
        raise Problem(
            msg("localized_missing", langs="/".join(missing)),
            msg("hint_localized_missing", first=missing[0]),
        )
    return {k: v for k, v in value.items() if v not in (None, "", [])}


class Strict(BaseModel):
    """Base for every record part: unknown keys are errors, whitespace trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _localized_schema(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "One text per language (Markdown allowed).",
        "properties": {lang: item for lang in DEFAULT_LANGUAGES},
        "required": list(DEFAULT_LANGUAGES),
        "additionalProperties": False,
        "x-localized": True,
    }


#: A text in every configured language, e.g. ``{fr: "Frise", de: "Zeitleiste"}``.
Localized = Annotated[
    dict[str, str],
    BeforeValidator(_check_localized),
    WithJsonSchema(_localized_schema({"type": "string", "minLength": 1})),
]
#: A list of short strings per language (aliases, keywords).
LocalizedList = Annotated[
    dict[str, list[str]],
    BeforeValidator(_check_localized),
    WithJsonSchema(
        _localized_schema({"type": "array", "items": {"type": "string", "minLength": 1}})
    ),
]


class Completeness(StrEnum):
    stub = "stub"
    partial = "partial"
    complete = "complete"


class TranslationState(StrEnum):
    """How a language's text came to be; anything but original/reviewed gets a notice."""

    original = "original"
    reviewed = "reviewed"
    draft = "draft"
    machine = "machine"


class Source(Strict):
    id: RecordId = Field(description="Short id used to cite this source elsewhere in the file.")
    title: str = Field(min_length=1, description="Title of the document or page.")
    publisher: str = Field(min_length=1, description="Who published it (organisation, author).")
    year: int | None = Field(default=None, ge=1800, le=2100, description="Year of publication.")
    url: str | None = Field(
        default=None, pattern=r"^https?://\S+$", description="Public address (http or https)."
    )
    accessed: dt.date | None = Field(
        default=None, description="When a web page without a publication year was consulted."
    )
    note: Localized | None = Field(default=None, description="What this source supports.")


def _partial_date(value: Any) -> str:
    if isinstance(value, bool):
        raise Problem(msg("date_year_or_date"), msg("hint_date_year_or_date"))
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise Problem(msg("date_year_or_date"), msg("hint_date_year_or_date"))
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise Problem(msg("date_not_real", value=value), msg("hint_date_not_real")) from None
    return value


DateLike = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {
            "description": "A year, year-month or full date: 1986, 1986-12, 1986-12-04.",
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 2999},
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            ],
        }
    ),
]


class Population(Strict):
    value: int = Field(gt=0, description="Number of inhabitants.")
    approx: bool = Field(
        default=False, description="True when the number is an estimate (shown as “ca.”/“env.”)."
    )
    year: int = Field(ge=1800, le=2100, description="Year of the figure.")
    source: RecordId = Field(description="Id of an entry in `sources`.")


class Coordinates(Strict):
    lat: float = Field(ge=-90, le=90, description="Latitude in decimal degrees (WGS 84).")
    lon: float = Field(ge=-180, le=180, description="Longitude in decimal degrees (WGS 84).")


class Territory(StrEnum):
    """What kind of territory a case is about: compared across cases and filtered on."""

    rural = "rural"  # village or rural commune
    small_town = "small-town"  # small town (roughly under 20,000 inhabitants)
    town = "town"  # medium town
    city = "city"  # large town or city
    county = "county"  # a group of municipalities: Landkreis, Amt, intercommunalité


class Municipality(Strict):
    name: str = Field(min_length=1, description="Official name of the municipality.")
    territory: Territory = Field(
        description="rural, small-town, town, city or county (a group of municipalities)."
    )
    country: Literal["FR", "DE", "BE", "LU", "PL", "CZ", "AT", "CH", "NL"] = Field(
        description="ISO 3166-1 country code, e.g. FR or DE."
    )
    region: Localized = Field(description="Region / Land.")
    mining_area: Localized | None = Field(
        default=None, description="Mining area (bassin minier / Revier), if any."
    )
    population: Population
    coordinates: Coordinates


class Period(Strict):
    start: int = Field(ge=1800, le=2100, description="Year the described experience started.")
    end: int | None = Field(default=None, ge=1800, le=2100, description="Year it ended, if it did.")


class TimelineEvent(Strict):
    date: DateLike
    text: Localized
    source: RecordId | None = Field(default=None, description="Id of an entry in `sources`.")


class Context(Strict):
    economic: Localized
    political: Localized


class Action(Strict):
    title: Localized
    text: Localized


class KeyFigure(Strict):
    label: Localized
    value: float = Field(description="The number itself, without unit.")
    approx: bool = Field(
        default=False, description="True when the number is an estimate (shown as “ca.”/“env.”)."
    )
    unit: Localized | None = None
    year: int = Field(ge=1800, le=2100)
    source: RecordId = Field(description="Id of an entry in `sources`.")


class Results(Strict):
    summary: Localized
    key_figures: list[KeyFigure] = Field(default_factory=list)


class Lessons(Strict):
    success_factors: list[Localized] = Field(min_length=1)
    obstacles: list[Localized] = Field(min_length=1)
    open_questions: list[Localized] = Field(default_factory=list)


class Instrument(Strict):
    """A programme, procedure or right a German municipality can use to do the same."""

    name: Localized = Field(description="Name of the instrument, e.g. STARK (Bundesprogramm).")
    text: Localized = Field(description="What it offers here and how it fits this case.")
    url: str | None = Field(
        default=None, pattern=r"^https?://\S+$", description="Official page of the instrument."
    )
    source: RecordId | None = Field(default=None, description="Id of an entry in `sources`.")


class Transferability(Strict):
    for_whom: Localized = Field(description="Which municipalities or actors this speaks to.")
    preconditions: list[Localized] = Field(min_length=1)
    adapt: list[Localized] = Field(min_length=1, description="What to adapt to local conditions.")
    pitfalls: list[Localized] = Field(default_factory=list)
    instruments: list[Instrument] = Field(
        default_factory=list,
        description=(
            "German instruments and rights that fit (programmes, procedures, laws);"
            " at least one when `status: complete`."
        ),
    )
    frame: Localized | None = Field(
        default=None,
        description=(
            "The national or regional frame that made the experience possible;"
            " required when `status: complete`."
        ),
    )
    resources: Localized | None = Field(
        default=None, description="Staff and money the experience needed, in numbers where known."
    )


class AtAGlance(Strict):
    """The answer to “would it work here?” in one screen: shown first on the case page."""

    worked: list[Localized] = Field(
        min_length=3, max_length=5, description="What worked: three to five short points."
    )
    preconditions: list[Localized] = Field(
        min_length=1, max_length=5, description="What must exist for it to work: short points."
    )
    fits: Localized = Field(
        description="For whom it fits: size and kind of territory, in one or two sentences."
    )
    costs: Localized | None = Field(
        default=None, description="What it cost in staff and money, where known."
    )


class Contact(Strict):
    organisation: str = Field(min_length=1)
    role: Localized | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class Image(Strict):
    path: str = Field(description="Path relative to the repository root, e.g. images/site.jpg.")
    alt: Localized = Field(description="Text alternative for people who cannot see the image.")
    credit: str = Field(min_length=1)
    licence: str = Field(min_length=1, description="e.g. CC BY-SA 4.0")


def _translation_default() -> dict[str, TranslationState]:
    return {}


class Record(Strict):
    """Fields every record file has."""

    schema_version: Literal[1] = Field(description="Version of this file format. Write 1.")
    id: RecordId = Field(description="Must equal the file name without `.yml`.")
    translation: dict[str, TranslationState] = Field(
        default_factory=_translation_default,
        description=(
            "Per language: original, reviewed (human-reviewed translation), draft or machine."
            " Draft and machine texts are marked on the site."
        ),
    )
    last_reviewed: dt.date = Field(description="When an editor last checked the content.")

    @field_validator("translation")
    @classmethod
    def _known_languages(
        cls, value: dict[str, TranslationState], info: ValidationInfo
    ) -> dict[str, TranslationState]:
        langs, _ = _languages(info)
        for lang in value:
            if lang not in langs:
                raise Problem(
                    msg("localized_unknown_language", lang=quoted(lang)),
                    msg("hint_localized_unknown_language", langs=langs),
                )
        return value


class CaseStudy(Record):
    """A municipality's experience of transition: what it did, with what result, and what
    others can take from it. One file per case in `case_studies/`, named after its id."""

    status: Completeness = Field(description="stub, partial or complete.")
    title: Localized
    teaser: Localized = Field(description="Two or three sentences shown on cards and in search.")
    at_a_glance: AtAGlance | None = Field(
        default=None, description="Shown first on the page: required when `status: complete`."
    )
    municipality: Municipality
    themes: list[RecordId] = Field(min_length=1, description="Ids from themes.yml.")
    period: Period
    timeline: list[TimelineEvent] = Field(default_factory=list)
    context: Context | None = None
    challenge: Localized | None = None
    approach: list[Action] = Field(default_factory=list)
    results: Results | None = None
    lessons: Lessons | None = None
    transferability: Transferability | None = None
    contacts: list[Contact] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    related_cases: list[RecordId] = Field(default_factory=list)
    related_modules: list[RecordId] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete_means_complete(self) -> CaseStudy:
        if self.status is Completeness.complete:
            missing = [
                name
                for name in (
                    "at_a_glance",
                    "context",
                    "challenge",
                    "results",
                    "lessons",
                    "transferability",
                )
                if getattr(self, name) is None
            ] + [name for name in ("timeline", "approach") if not getattr(self, name)]
            # A complete case answers "would it work here?" for a German reader: which German
            # instruments fit, and what national frame made the experience possible.
            if self.transferability is not None:
                if not self.transferability.instruments:
                    missing.append("transferability.instruments")
                if self.transferability.frame is None:
                    missing.append("transferability.frame")
            if missing:
                raise Problem(
                    msg("complete_missing_sections", sections=", ".join(missing)),
                    msg("hint_complete_missing_sections"),
                )
        return self


class Grouping(StrEnum):
    plenary = "plenary"
    small_groups = "small-groups"
    pairs = "pairs"
    tandems = "tandems"
    individual = "individual"


class Interpretation(StrEnum):
    none = "none"
    consecutive = "consecutive"
    whispered = "whispered"
    simultaneous = "simultaneous"
    bilingual_facilitation = "bilingual-facilitation"


class GroupSize(Strict):
    min: int = Field(ge=1)
    max: int = Field(ge=1)
    per_table: int = Field(default=5, ge=1, description="People per small group or table.")

    @model_validator(mode="after")
    def _ordered(self) -> GroupSize:
        if self.min > self.max:
            raise Problem(msg("group_min_max", min=self.min, max=self.max))
        return self


class SessionLanguages(Strict):
    spoken: list[str] = Field(min_length=1, description="Language codes, e.g. [fr, de].")
    interpretation: Interpretation = Interpretation.none
    note: Localized | None = None


class Material(Strict):
    """One line of the material list: a thing to bring, or printed copies of a handout."""

    item: Localized | None = Field(
        default=None, description="What to bring. Leave it out for a handout: write `handout:`."
    )
    handout: RecordId | None = Field(
        default=None,
        description=(
            "Id of one of this module's handouts: the list shows its number and title, so they"
            " always match the sheet."
        ),
    )
    paper: Literal["A4", "A3"] | None = Field(
        default=None,
        description=(
            "Paper size of the printed handout (A4 by default); A3 lays the sheet out on A3."
        ),
    )
    note: Localized | None = Field(
        default=None, description="A few words after the item, e.g. “personal copy”."
    )
    quantity: int = Field(ge=1)
    per: Literal["session", "table", "participant"] = Field(
        default="session", description="The quantity is for the session, each table or each person."
    )

    @model_validator(mode="after")
    def _item_or_handout(self) -> Material:
        if (self.item is None) == (self.handout is None):
            raise ValueError(
                "each material needs either `item:` (a thing to bring) or `handout:` (the id of"
                " a handout of this module), not both"
            )
        if self.paper is not None and self.handout is None:
            raise ValueError("`paper:` is for handouts — write the size into `item:` instead")
        return self


class Step(Strict):
    title: Localized
    minutes: int = Field(ge=1, le=480)
    grouping: Grouping
    instructions: Localized = Field(description="What participants are told to do.")
    facilitator_notes: Localized | None = None
    output: Localized | None = Field(default=None, description="What the step produces.")


class Handout(Strict):
    id: RecordId
    title: Localized
    body: Localized = Field(description="Participant-facing Markdown: no facilitator notes.")
    bilingual: bool = Field(
        default=False,
        description=(
            "Print one sheet with every language on it (for mixed tandems and groups),"
            " in every kit."
        ),
    )


class Variation(Strict):
    title: Localized
    text: Localized


class WorkshopModule(Record):
    """A workshop module a facilitator can run as written: timed steps, materials,
    handouts. One file per module in `workshops/`, named after its id."""

    title: Localized
    summary: Localized
    enables: Localized = Field(description="What this module makes possible.")
    objectives: list[Localized] = Field(min_length=1)
    audience: Localized
    group_size: GroupSize
    duration_minutes: int = Field(ge=5, le=960, description="Must equal the sum of step minutes.")
    languages: SessionLanguages
    room_setup: Localized
    materials: list[Material] = Field(default_factory=list)
    preparation: list[Localized] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    handouts: list[Handout] = Field(default_factory=list)
    debrief: Localized
    follow_up: Localized
    tips: list[Localized] = Field(default_factory=list, description="Tips and traps.")
    variations: list[Variation] = Field(default_factory=list)
    related_cases: list[RecordId] = Field(default_factory=list)
    themes: list[RecordId] = Field(default_factory=list)

    def handout(self, handout_id: str) -> Handout | None:
        """The handout with this id, if the module has one."""
        return next((h for h in self.handouts if h.id == handout_id), None)

    def handout_number(self, handout_id: str) -> int:
        """1 for the first handout of the module, 2 for the second…"""
        return next(i for i, h in enumerate(self.handouts, 1) if h.id == handout_id)

    def paper(self, handout_id: str) -> str:
        """The largest paper size the material list asks for this handout (A4 by default)."""
        sizes = {m.paper for m in self.materials if m.handout == handout_id and m.paper}
        return "A3" if "A3" in sizes else "A4"

    @model_validator(mode="after")
    def _minutes_add_up(self) -> WorkshopModule:
        total = sum(step.minutes for step in self.steps)
        if total != self.duration_minutes:
            raise Problem(
                msg("duration_mismatch", duration=self.duration_minutes, total=total),
                msg("hint_duration_mismatch"),
            )
        return self


class Break(Strict):
    minutes: int = Field(ge=5, le=240)
    title: Localized


class ProgrammeItem(Strict):
    module: RecordId | None = Field(default=None, description="Id of a workshop module.")
    pause: Break | None = Field(default=None, alias="break", description="A break (coffee, lunch).")

    @model_validator(mode="after")
    def _one_of(self) -> ProgrammeItem:
        if (self.module is None) == (self.pause is None):
            raise Problem(msg("programme_item_one_of"), msg("hint_programme_item_one_of"))
        return self


class Programme(Record):
    """A workshop day: modules and breaks in order from a start time.
    One file per programme in `workshops/programmes/`."""

    title: Localized
    summary: Localized
    start: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Start time, e.g. 09:00.")
    items: list[ProgrammeItem] = Field(min_length=1)


class Theme(Strict):
    id: RecordId
    label: Localized
    description: Localized


class ThemeList(Strict):
    """The controlled list of themes (themes.yml) that case studies and modules use."""

    schema_version: Literal[1]
    themes: list[Theme] = Field(min_length=1)


def _check_per_language(value: Any, info: ValidationInfo) -> dict[str, Any]:
    """Lists for some languages only (no language is required)."""
    langs, _ = _languages(info)
    if not isinstance(value, Mapping):
        example = ", ".join(f"`{lang}: [...]`" for lang in langs)
        raise Problem(
            msg("localized_not_mapping"), msg("hint_localized_not_mapping", example=example)
        )
    unknown = [k for k in value if k not in langs]
    if unknown:
        raise Problem(
            msg("localized_unknown_language", lang=quoted(unknown[0])),
            msg("hint_localized_unknown_language", langs=langs),
        )
    return dict(value)


#: Lists of words for some of the languages, e.g. ``{de: [Gewählte, Gewählten]}``.
PerLanguageList = Annotated[
    dict[str, list[Annotated[str, Field(min_length=1)]]],
    BeforeValidator(_check_per_language),
    WithJsonSchema(
        {
            "type": "object",
            "description": "Lists of words per language; any language may be left out.",
            "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}},
        }
    ),
]


class GlossaryTerm(Strict):
    id: RecordId
    term: Localized = Field(description="The term in each language.")
    definition: Localized = Field(description="One line per language.")
    aliases: LocalizedList | None = Field(
        default=None, description="Other spellings or plurals to recognise in texts."
    )
    avoid: PerLanguageList | None = Field(
        default=None,
        description=(
            "Variants to avoid in texts, per language: `check` warns where one appears"
            " and names the term instead."
        ),
    )


class Glossary(Strict):
    """The French-German glossary (glossary.yml)."""

    schema_version: Literal[1]
    terms: list[GlossaryTerm] = Field(min_length=1)
