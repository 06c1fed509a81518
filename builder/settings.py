"""The options of the ``villes-pairs`` plugin section of ``mkdocs.yml``, as one typed model.

The pipeline reads them with plain YAML (:func:`builder.config.load_config`), the MkDocs
adapter lets MkDocs check them with options derived from this model
(:func:`builder.mkdocs_adapter.plugin_options`): the names, types and defaults are written
here once.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: Case studies per listing page (finder, theme and region pages): with synthetic cases of
#: ~1.1 KB of HTML each and ~26 KB of page chrome and filters, a finder page stays near
#: 50 KB (issue 8: at most 60 KB per page). See :mod:`builder.paging`.
DEFAULT_PAGE_SIZE = 20


class LanguageSetting(BaseModel):
    """One language of the site, in the order of ``languages``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code, e.g. fr or de.")
    name: str = Field(default="", description="Name in its own language, e.g. Deutsch.")
    # A language being translated: its texts may be missing (the site falls back).
    required: bool = True

    @model_validator(mode="before")
    @classmethod
    def _name_defaults_to_code(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("name") and "code" in data:
            return {**data, "name": str(data["code"])}
        return data


#: What marks a value still to be filled in: the shipped ``publisher`` block (and
#: ``repo_url``) carry it until the project fills them in; `check` warns about each one and
#: the Impressum / privacy pages show it as a visible placeholder.
PLACEHOLDER = re.compile(r"\bTODO\b")
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class HostingSetting(BaseModel):
    """Who hosts the site: French law (LCEN art. 6) wants name, address and telephone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="the company or body that runs the web server")
    address: list[str] = Field(min_length=1, description="postal address, one `- line` each")
    phone: str = Field(default="", description="telephone number (LCEN art. 6)")
    # How long the host keeps its web server logs (GDPR Art. 13(2)(a)); None: not known yet.
    log_retention_days: int | None = Field(
        default=None, ge=0, le=3650, description="days the web host keeps its server logs"
    )


class PublisherSetting(BaseModel):
    """Who publishes the site: the Impressum (§ 5 DDG, § 18 Abs. 2 MStV) and the mentions
    légales (LCEN art. 6), and the controller of the privacy page (GDPR Art. 13)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(
        min_length=1, description="the publishing body with its legal form, e.g. Stadt Beispiel"
    )
    address: list[str] = Field(min_length=1, description="postal address, one `- line` each")
    email: str = Field(
        pattern=EMAIL, description="contact e-mail address, e.g. kontakt@example.org"
    )
    phone: str = Field(default="", description="telephone number (optional)")
    # Person responsible for the content: § 18 Abs. 2 MStV / directeur de la publication.
    responsible: str = Field(min_length=1, description="name (and role) of that person")
    # Who represents the publisher (§ 5 DDG, legal persons): mayor, board …; "" if none.
    represented_by: str = Field(
        default="", description="who represents the publisher, e.g. the mayor or the board"
    )
    # Register and number (Vereinsregister, RNA, SIREN …) or a VAT id; "" when none.
    registration: str = Field(
        default="", description="register and number, e.g. Amtsgericht Cottbus VR 1234"
    )
    # A public body (a municipality, a county): GDPR Art. 6(1)(e) instead of (f).
    public_body: bool = False
    # Name and contact of the data protection officer; "" when the publisher has none.
    data_protection_officer: str = Field(
        default="", description="name and e-mail of the data protection officer, if any"
    )
    hosting: HostingSetting

    @classmethod
    def placeholder(cls) -> PublisherSetting:
        """What a project without a ``publisher`` block gets: every value to fill in."""
        return cls(
            name="TODO",
            address=["TODO"],
            email="TODO@example.org",
            responsible="TODO",
            hosting=HostingSetting(name="TODO", address=["TODO"]),
        )

    def placeholders(self) -> list[str]:
        """The fields still to fill in (``name``, ``hosting.address`` …), in file order:
        values containing TODO, and the hosting's unknown log retention."""
        found = [name for name, value in self if name != "hosting" and is_todo(value)]
        found += [f"hosting.{name}" for name, value in self.hosting if is_todo(value)]
        if self.hosting.log_retention_days is None:
            found.append("hosting.log_retention_days")
        return found


def is_todo(value: object) -> bool:
    """Whether a setting is still a placeholder: a text (or a line of one) with TODO."""
    if isinstance(value, list):
        return any(is_todo(v) for v in value)
    return isinstance(value, str) and bool(PLACEHOLDER.search(value))


def _default_languages() -> list[LanguageSetting]:
    return [LanguageSetting(code="fr", name="Français"), LanguageSetting(code="de", name="Deutsch")]


class Settings(BaseModel):
    """``plugins: - villes-pairs: …`` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # --- Languages ----------------------------------------------------------------------
    # Languages of the site, in order; each needs UI labels (builder/labels/<code>.yml).
    # The first is the original language a missing text falls back to first.
    languages: list[LanguageSetting] = Field(default_factory=_default_languages, min_length=1)

    # The language a plain `mkdocs build` builds (default: the first); `python -m builder
    # build` builds every language, each in its own run.
    language: str | None = None

    # --- Pages --------------------------------------------------------------------------
    # Case studies per listing page before the finder, theme and region pages split.
    page_size: int = Field(default=DEFAULT_PAGE_SIZE, ge=1)

    # --- Home page ----------------------------------------------------------------------
    # The case study shown large on the home page (its first image, or its locator map);
    # default: the first complete case study by id.
    featured_case: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$")

    # --- Publisher: Impressum / mentions légales and privacy pages ---------------------
    # Who publishes the site. Values containing TODO are placeholders: `check` warns about
    # each, and the pages show them as "to be filled in" until they are replaced.
    publisher: PublisherSetting = Field(default_factory=PublisherSetting.placeholder)

    # --- Content checks -----------------------------------------------------------------
    # Images larger than this are refused by `check`.
    max_image_bytes: int = Field(default=2_000_000, ge=1)

    # --- Kits ---------------------------------------------------------------------------
    # Default start time of a module's agenda in its kit.
    kit_start: str = Field(default="09:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
