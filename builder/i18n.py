"""UI labels per language, and dates and numbers formatted with Babel.

Labels live in ``builder/labels/<code>.yml``; a project can add or override a language with
``labels/<code>.yml`` at its root. Every language must define every key of the French file:
a missing label is a configuration error, not a silently English page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

from .errors import ContentError
from .markdown_safe import french_typography

PACKAGE_LABELS = Path(__file__).parent / "labels"
T = TypeVar("T")


@dataclass(frozen=True)
class LanguageService:
    """The site's languages in their configured order, and the one rule for showing a text
    that is not written in every language: the page's language if it is written there,
    else the first configured language that has it (site, kits, pictures and data alike)."""

    codes: tuple[str, ...]

    def order(self, lang: str) -> tuple[str, ...]:
        """``lang`` first, then the other languages in their configured order."""
        return (lang, *(code for code in self.codes if code != lang))

    def pick(self, value: Mapping[str, T] | None, lang: str, default: T) -> tuple[T, str]:
        """(text, the language it is in); ``(default, lang)`` when no language has one."""
        if value:
            for code in self.order(lang):
                text = value.get(code)
                if text:
                    return text, code
        return default, lang


@cache
def _read(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(k): str(v) for k, v in data.items()}


@dataclass(frozen=True)
class Labels:
    """What pages in one language need to speak it: the UI labels, numbers and dates in
    its format, and which language a missing text is shown in (:class:`LanguageService`)."""

    lang: str
    table: dict[str, str]
    texts: LanguageService = LanguageService(())

    def pick(self, value: Mapping[str, T] | None, default: T) -> tuple[T, str]:
        """(text, its language): see :meth:`LanguageService.pick`."""
        return self.texts.pick(value, self.lang, default)

    def __call__(self, key: str) -> str:
        return self.table[key]

    def get(self, key: str, default: str = "") -> str:
        return self.table.get(key, default)

    @property
    def locale(self) -> str:
        return self.table.get("locale", self.lang)

    def number(self, value: float, approx: bool = False) -> str:
        """A number in this language's format; an estimate gets the "about" prefix
        ("ca. 117.000", "env. 117 000", with a no-break space)."""
        if float(value).is_integer():
            text = format_decimal(int(value), locale=self.locale)
        else:
            text = format_decimal(value, locale=self.locale)
        return f"{self.table['approx']}\u00a0{text}" if approx else text

    def date(self, value: dt.date | str, fmt: str = "long") -> str:
        """A full date in words; a year or year-month stays as written (localised month)."""
        if isinstance(value, dt.date):
            return format_date(value, format=fmt, locale=self.locale)
        parts = value.split("-")
        if len(parts) == 3:
            return format_date(dt.date.fromisoformat(value), format=fmt, locale=self.locale)
        if len(parts) == 2:
            return format_date(
                dt.date(int(parts[0]), int(parts[1]), 1), format="MMMM y", locale=self.locale
            )
        return value


def labels_for(lang: str, root: Path | None = None, texts: LanguageService | None = None) -> Labels:
    """Labels for one language: project file over package file, checked against French."""
    reference = _read(PACKAGE_LABELS / "fr.yml")
    table: dict[str, str] = {}
    package = PACKAGE_LABELS / f"{lang}.yml"
    if package.exists():
        table.update(_read(package))
    if root is not None and (root / "labels" / f"{lang}.yml").exists():
        table.update(_read(root / "labels" / f"{lang}.yml"))
    if not table:
        raise ContentError(
            f"labels/{lang}.yml",
            0,
            0,
            "",
            f"no interface labels for the language {lang!r}",
            f"copy builder/labels/fr.yml to labels/{lang}.yml and translate it",
        )
    missing = sorted(set(reference) - set(table))
    if missing:
        raise ContentError(
            f"labels/{lang}.yml",
            0,
            0,
            "",
            f"labels missing for {lang!r}: {', '.join(missing[:8])}"
            + (" …" if len(missing) > 8 else ""),
            "add them (see builder/labels/fr.yml)",
        )
    if lang == "fr":
        # Labels are written with ordinary spaces; French typography wants no-break ones
        # before ; : ! ? and inside « » (the "colon" label already carries its own).
        table = {
            k: v if k.startswith("slug_") or k in _VERBATIM else french_typography(v)
            for k, v in table.items()
        }
    return Labels(lang, table, texts or LanguageService((lang,)))


#: Labels that are not running text.
_VERBATIM = {"colon", "locale", "language_name"}
