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

from .errors import ContentError

PLUGIN_NAME = "villes-pairs"
#: Case studies per listing page (finder, theme and region pages): with synthetic cases of
#: ~1.1 KB of HTML each and ~26 KB of page chrome and filters, a finder page stays near
#: 50 KB (issue 8: at most 60 KB per page). See :mod:`builder.paging`.
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    required: bool = True


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    languages: tuple[Language, ...] = (Language("fr", "Français"), Language("de", "Deutsch"))
    site_url: str = ""
    site_name: str = "Villes pairs · Partnerstädte"
    kit_start: str = "09:30"
    max_image_bytes: int = 2_000_000
    page_size: int = DEFAULT_PAGE_SIZE
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def required_codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages if lang.required)

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
    opts = plugin_options(cfg)
    langs = (
        tuple(
            Language(
                str(item["code"]),
                str(item.get("name", item["code"])),
                bool(item.get("required", True)),
            )
            for item in opts.get("languages") or []
            if isinstance(item, dict) and "code" in item
        )
        or ProjectConfig.languages
    )
    return ProjectConfig(
        root=root,
        page_size=_page_size(opts.get("page_size", DEFAULT_PAGE_SIZE)),
        languages=langs,
        site_url=str(cfg.get("site_url") or "").rstrip("/") + "/" if cfg.get("site_url") else "",
        site_name=str(cfg.get("site_name") or ProjectConfig.site_name),
        kit_start=str(opts.get("kit_start", ProjectConfig.kit_start)),
        max_image_bytes=int(opts.get("max_image_bytes", ProjectConfig.max_image_bytes)),
        extra=opts,
    )


def _page_size(value: Any) -> int:
    """``page_size`` of mkdocs.yml: a whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentError(
            "mkdocs.yml",
            0,
            0,
            "",
            f"page_size must be a whole number of at least 1, not {value!r}",
            f"write for instance `page_size: {DEFAULT_PAGE_SIZE}` under the villes-pairs plugin",
        )
    return value
