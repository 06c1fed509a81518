"""The options of the ``villes-pairs`` plugin section of ``mkdocs.yml``, as one typed model.

The pipeline reads them with plain YAML (:func:`builder.config.load_config`), the MkDocs
adapter lets MkDocs check them with options derived from this model
(:func:`builder.mkdocs_adapter.plugin_options`): the names, types and defaults are written
here once.
"""

from __future__ import annotations

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

    # --- Content checks -----------------------------------------------------------------
    # Images larger than this are refused by `check`.
    max_image_bytes: int = Field(default=2_000_000, ge=1)

    # --- Kits ---------------------------------------------------------------------------
    # Default start time of a module's agenda in its kit.
    kit_start: str = Field(default="09:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
