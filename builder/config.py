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
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from .errors import ContentError
from .i18n import LanguageService
from .settings import DEFAULT_PAGE_SIZE, LanguageSetting, Settings
from .validate import did_you_mean

__all__ = ["DEFAULT_PAGE_SIZE", "PLUGIN_NAME", "ProjectConfig", "load_config", "read_settings"]

PLUGIN_NAME = "villes-pairs"


@dataclass(frozen=True)
class ProjectConfig:
    """Where the project is, the site-wide settings MkDocs also reads, and the plugin's."""

    root: Path
    settings: Settings = field(default_factory=Settings)
    site_url: str = ""
    site_name: str = "Villes pairs · Partnerstädte"
    #: mkdocs.yml ``repo_url``: the repository the site is built from ("" when none).
    repo_url: str = ""
    #: mkdocs.yml ``edit_uri``: where the repository's files open for editing, relative to
    #: ``repo_url`` and to the repository's root (``edit/main/``); "" when there are no edit
    #: links. Each language's build points the engine at ``<edit_uri>docs/<lang>/``.
    edit_uri: str = ""

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
    repo_url = str(cfg.get("repo_url") or "")
    edit_uri = str(cfg.get("edit_uri") or "").lstrip("/") if repo_url else ""
    return ProjectConfig(
        root=root,
        settings=read_settings(plugin_options(cfg), path.read_text(encoding="utf-8-sig")),
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        site_name=str(cfg.get("site_name") or ProjectConfig.site_name),
        repo_url=repo_url,
        edit_uri=edit_uri.rstrip("/") + "/" if edit_uri else "",
    )


def read_settings(options: dict[str, Any], text: str = "") -> Settings:
    """The plugin's options checked by :class:`Settings`; the first problem becomes a
    :class:`ContentError` on mkdocs.yml (``text``, the file, gives its line)."""
    try:
        return Settings.model_validate(options)
    except ValidationError as exc:
        errors = exc.errors()
        # A misspelt name explains the "missing" error of the right one: report it first.
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(first["loc"])
        where = ".".join(str(p) for p in loc)
        raise ContentError(
            "mkdocs.yml",
            setting_line(text, loc),
            0,
            where,
            _plain(first),
            _hint(first["type"], loc),
        ) from None


def setting_line(text: str, keys: tuple[Any, ...], *, top: bool = False) -> int:
    """The line of a setting in mkdocs.yml (0 if absent): each key of its path looked for
    after the line of the one before (``publisher.hosting.name`` is not ``site_name``),
    from the plugin's section on (``top``: from the top of the file); a missing key gives
    the line of the block it is missing from."""
    rows = text.splitlines()
    start = 0 if top else next((i for i, r in enumerate(rows) if f"{PLUGIN_NAME}:" in r), 0)
    found = 0
    for key in (p for p in keys if isinstance(p, str)):
        hit = next(
            (i for i in range(start, len(rows)) if rows[i].strip().startswith(f"{key}:")), None
        )
        if hit is None:
            break
        found = start = hit + 1
    return found


def _plain(error: Any) -> str:
    """A pydantic error about a setting in plain words."""
    kind, value = error["type"], error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown setting"
    if kind == "missing":
        return "this setting is missing"
    if kind in ("int_parsing", "int_type", "int_from_float", "greater_than_equal"):
        least = f" of at least {ctx['ge']}" if "ge" in ctx else ""
        return f"must be a whole number{least}, not {value!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {value!r}"
    if kind == "string_pattern_mismatch" and error["loc"][-1] == "email":
        return f"{value!r} is not an e-mail address"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("list_type", "too_short") and error["loc"][-1] == "address":
        return "write the address as a list of lines, one `- line` each"
    if kind in ("model_type", "model_attributes_type"):
        return f"must be a block of settings (key: value lines), not {value!r}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the expected form"
    return f"{error['msg']} (found {value!r})"


def _hint(kind: str, loc: tuple[Any, ...]) -> str:
    """What to write instead: the field's description, a close name, or an example."""
    keys = [p for p in loc if isinstance(p, str)]
    model: Any = Settings
    for key in keys[:-1]:
        inner = getattr(model.model_fields.get(key), "annotation", None)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
    key = keys[-1] if keys else ""
    block = " under `" + keys[-2] + ":`" if len(keys) > 1 else f" under the {PLUGIN_NAME} plugin"
    names = ", ".join(model.model_fields)
    if kind == "extra_forbidden":
        close = did_you_mean(key, model.model_fields)
        return (close + " " if close else "") + f"the settings{block} are: {names}"
    info = model.model_fields.get(key)
    about = info.description if info is not None and info.description else ""
    if kind == "missing":
        return f"add `{key}:`{block}" + (f" ({about})" if about else "")
    if key == "featured_case":
        return "the id of a case study: its file name in case_studies/ without .yml"
    if info is not None and model is Settings and info.default not in (None, PydanticUndefined):
        return f"write for instance `{key}: {info.default}`{block}"
    return about or f"the settings{block} are: {names}"
