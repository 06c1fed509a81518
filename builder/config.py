"""Project configuration: languages, paths and kit settings.

The settings live in ``mkdocs.yml`` under the ``villes-pairs`` plugin, where a MkDocs user
expects them, but are read here with plain YAML so the pipeline never imports MkDocs.
Adding a language means adding it to ``languages`` and providing its UI labels
(``labels/<code>.yml`` in the project, or in the package).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import ContentError
from .i18n import LanguageService
from .settings import DEFAULT_PAGE_SIZE, LanguageSetting, Settings

__all__ = ["DEFAULT_PAGE_SIZE", "PLUGIN_NAME", "ProjectConfig", "load_config", "read_settings"]

PLUGIN_NAME = "villes-pairs"


@dataclass(frozen=True)
class ProjectConfig:
    """Where the project is, the site-wide settings MkDocs also reads, and the plugin's."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    site_url: str = ""
    site_name: str = "Villes pairs · Partnerstädte"

    @property
    def languages(self) -> tuple[LanguageSetting, ...]:
        return tuple(self.settings.languages)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.settings.languages)

    @property
    def texts(self) -> LanguageService:
        """Which language a text is shown in when it is missing in the page's language."""
        return LanguageService(self.codes)

    @property
    def required_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.settings.languages if lang.required)

    @property
    def page_size(self) -> int:
        return self.settings.page_size

    @property
    def kit_start(self) -> str:
        return self.settings.kit_start

    @property
    def max_image_bytes(self) -> int:
        return self.settings.max_image_bytes

    def validation_context(self) -> dict[str, Any]:
        return {"languages": self.codes, "required_languages": self.required_codes}

    @property
    def case_dir(self) -> Path:
        return self.root / "case_studies"

    @property
    def workshop_dir(self) -> Path:
        return self.root / "workshops"

    @property
    def programme_dir(self) -> Path:
        return self.root / "workshops" / "programmes"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring MkDocs/Material tags such as ``!ENV``."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8-sig") as fh:
        data = yaml.load(fh, Loader=_TolerantLoader)
    return data if isinstance(data, dict) else {}


def plugin_options(mkdocs_cfg: dict[str, Any]) -> dict[str, Any]:
    for entry in mkdocs_cfg.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    return {}


def load_config(root: Path) -> ProjectConfig:
    """Read the project's settings from ``root/mkdocs.yml`` (defaults if absent)."""
    root = root.resolve()
    path = root / "mkdocs.yml"
    if not path.exists():
        return ProjectConfig(root=root)
    try:
        cfg = read_mkdocs_yml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(
            "mkdocs.yml",
            mark.line + 1 if mark else 0,
            mark.column + 1 if mark else 0,
            "",
            f"mkdocs.yml is not valid YAML: {getattr(exc, 'problem', exc)}",
        ) from None
    site_url = str(cfg.get("site_url") or "")
    return ProjectConfig(
        root=root,
        settings=read_settings(plugin_options(cfg), path.read_text(encoding="utf-8-sig")),
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        site_name=str(cfg.get("site_name") or ProjectConfig.site_name),
    )


def read_settings(options: dict[str, Any], text: str = "") -> Settings:
    """The plugin's options checked by :class:`Settings`; the first problem becomes a
    :class:`ContentError` on mkdocs.yml (``text``, the file, gives its line)."""
    try:
        return Settings.model_validate(options)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        key = next((str(p) for p in reversed(first["loc"]) if isinstance(p, str)), "")
        line = next(
            (i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith(f"{key}:")),
            0,
        )
        raise ContentError("mkdocs.yml", line, 0, where, _plain(first), _hint(key)) from None


def _plain(error: Any) -> str:
    """A pydantic error about a setting in plain words."""
    kind, value = error["type"], error.get("input")
    field_name = ".".join(str(p) for p in error["loc"])
    if kind == "extra_forbidden":
        return f"unknown setting {field_name!r} under the {PLUGIN_NAME} plugin"
    if kind in ("int_parsing", "int_type", "int_from_float", "greater_than_equal"):
        least = (error.get("ctx") or {}).get("ge", 1)
        return f"{field_name} must be a whole number of at least {least}, not {value!r}"
    return f"{field_name}: {error['msg']} (found {value!r})"


def _hint(key: str) -> str:
    default = Settings.model_fields.get(key)
    if default is None or default.default_factory is not None:
        names = ", ".join(Settings.model_fields)
        return f"the settings are: {names}"
    return f"write for instance `{key}: {default.default}` under the {PLUGIN_NAME} plugin"
