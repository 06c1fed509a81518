"""Content-hash cache of kit PDFs: a rebuild with nothing changed makes no PDF.

A kit's key hashes everything its PDF is made from (see :func:`kit_key`). Cached files are
named ``<id>.<variant>.<key>.pdf``; storing a new version of a kit drops its older ones.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .. import __version__
from ..catalog import Catalog
from ..i18n import labels_for
from .render import template_dirs

KEY_LENGTH = 24
PACKAGE = Path(__file__).resolve().parent.parent
#: Builder code whose change changes a PDF (rendering, Markdown, times, terms, labels).
CODE_FILES = (
    "markdown_safe.py",
    "timing.py",
    "terms.py",
    "i18n.py",
    "model.py",
    "render.py",
    "kits/render.py",
    "kits/doc.py",
    "kits/sheets.py",
    "kits/pdf.py",
    "kits/tagging.py",
    "kits/cache.py",
    "site.py",
)
#: The fonts a kit embeds (and their CSS).
FONTS = PACKAGE / "fonts"


@dataclass(frozen=True)
class KitJob:
    """One PDF to make: a module or programme in one variant ("fr", "de", "fr-de"), or with
    ``form``, a module's handouts as a fillable PDF in one language."""

    kind: str  # "module" or "programme"
    record_id: str
    variant: str
    form: bool = False

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self.variant.split("-"))

    @property
    def stem(self) -> str:
        return f"{self.record_id}.{self.variant}" + (".form" if self.form else "")

    @property
    def filename(self) -> str:
        return f"{self.stem}.pdf"


def _files_digest(paths: Iterable[Path], base: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in paths:
        name = path.relative_to(base).as_posix() if base else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """The builder's version, WeasyPrint's, and the source of the code that shapes a kit."""
    versions = f"{__version__}\0{version('weasyprint')}\0".encode()
    fonts = sorted(p for p in FONTS.rglob("*") if p.is_file())
    return hashlib.sha256(
        versions
        + _files_digest(PACKAGE / f for f in CODE_FILES).encode()
        + _files_digest(fonts, FONTS).encode()
    ).hexdigest()


def templates_digest(root: Path | None) -> str:
    """Every kit template and the CSS, the project's overrides included."""
    digest = hashlib.sha256()
    for folder in template_dirs(root):
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        digest.update(_files_digest(files, folder).encode())
    return digest.hexdigest()


def kit_key(catalog: Catalog, job: KitJob, templates: str) -> str:
    """Hash of everything a kit's PDF depends on.

    The record's data; for a programme, the data of each module it includes; the glossary
    (side-by-side kits only: the others do not show it); the interface labels of the kit's
    languages; the settings it uses (default start time, languages, site name and address:
    the QR codes); the kit templates and CSS (``templates``, see :func:`templates_digest`);
    the builder code, its version and the fonts (:func:`code_digest`). The start of the key
    is the version printed in the kit's footer.
    """
    config = catalog.config
    kind = "workshop" if job.kind == "module" else "programme"
    parts: dict[str, object] = {
        "job": [job.kind, job.record_id, job.variant, job.form],
        "record": catalog.digest(kind, job.record_id),
        "settings": [config.kit_start, list(config.codes), config.site_name, config.site_url],
        # Every language's labels: a bilingual handout shows the other language's too.
        "labels": [labels_for(lang, config.root, config.texts).table for lang in config.codes],
        "templates": templates,
        "code": code_digest(),
    }
    if job.kind == "programme":
        used = sorted({i.module for i in catalog.programmes[job.record_id].items if i.module})
        parts["modules"] = [catalog.digest("workshop", m) for m in used]
    if len(job.langs) > 1:
        parts["glossary"] = [t.model_dump(mode="json") for t in catalog.glossary.values()]
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:KEY_LENGTH]


class KitCache:
    """PDFs by kit and key in one folder, each with the layout report of its build
    (``<id>.<variant>.<key>.json``: pages, worksheet columns… see
    :func:`builder.kits.pdf.layout_report`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, job: KitJob, key: str) -> Path:
        return self.folder / f"{job.stem}.{key}.pdf"

    def report_path(self, job: KitJob, key: str) -> Path:
        return self.path(job, key).with_suffix(".json")

    def get(self, job: KitJob, key: str) -> tuple[Path, dict[str, Any]] | None:
        path, report = self.path(job, key), self.report_path(job, key)
        if not (path.is_file() and path.stat().st_size > 0 and report.is_file()):
            return None
        try:
            return path, json.loads(report.read_text(encoding="utf-8"))
        except ValueError:
            return None

    def put_report(self, job: KitJob, key: str, report: dict[str, Any]) -> None:
        target = self.report_path(job, key)
        partial = target.with_name(f".{target.name}.part")
        partial.write_text(json.dumps(report, sort_keys=True), encoding="utf-8")
        partial.replace(target)

    def prune(self, job: KitJob, key: str) -> None:
        """Drop the older versions of a kit once its new one is stored."""
        keep = self.path(job, key)
        for old in self.folder.glob(f"{job.stem}.*.pdf"):
            if old != keep and len(old.name) == len(keep.name):
                old.unlink(missing_ok=True)
                old.with_suffix(".json").unlink(missing_ok=True)


def copy_file(source: Path, target: Path) -> None:
    """Copy a PDF into the output folder (atomically, so readers never see half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    partial.replace(target)
