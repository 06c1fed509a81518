"""What one kit shows, whatever its languages: the record, its modules with the clock times
of their steps, the handouts with their numbers, paper and copies, a day's one material list,
the glossary terms — worked out from the catalogue, before any template runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..catalog import Catalog
from ..markdown_safe import plain
from ..model import GlossaryTerm, GroupSize, Handout, Material, Programme, WorkshopModule
from ..terms import record_terms
from ..timing import Slot, module_schedule, programme_schedule


def tables(group: GroupSize) -> int:
    return math.ceil(group.max / group.per_table)


def quantity(material: Material, group: GroupSize) -> int:
    """How many to bring for the largest group: per session, per table or per person."""
    if material.per == "table":
        return material.quantity * tables(group)
    if material.per == "participant":
        return material.quantity * group.max
    return material.quantity


@dataclass(frozen=True)
class HandoutRef:
    """A handout as the kit shows it: its number (``2``, or ``2.1`` for the first handout of
    the second module of a day), its paper, and the material lines that print it."""

    module: WorkshopModule
    handout: Handout
    number: str
    anchor: str
    paper: str
    lines: tuple[Material, ...]
    group: GroupSize

    @property
    def copies(self) -> list[tuple[int, str]]:
        """How many to print on which paper: ``[(8, "A3"), (30, "A4")]``."""
        by_paper: dict[str, int] = {}
        for line in self.lines:
            paper = line.paper or "A4"
            by_paper[paper] = by_paper.get(paper, 0) + quantity(line, self.group)
        return sorted(((n, paper) for paper, n in by_paper.items()), key=lambda c: c[1])


@dataclass(frozen=True)
class ModulePart:
    """One module inside a kit, with the clock times of its steps."""

    module: WorkshopModule
    schedule: list[Slot]
    start: str
    end: str
    number: int = 0  # its place in a day (1, 2 …); 0 in a module's own kit
    group: GroupSize | None = None
    handouts: tuple[HandoutRef, ...] = ()
    anchor: str = ""


@dataclass(frozen=True)
class DayMaterial:
    """One line of a day's material list: the same thing for several modules counts once,
    with the largest quantity any of them needs (things are used again through the day)."""

    material: Material
    part: ModulePart
    quantity: int
    modules: tuple[int, ...]


@dataclass
class KitDoc:
    """Everything one kit shows, whatever its languages."""

    kind: str  # "module" or "programme"
    record: WorkshopModule | Programme
    parts: list[ModulePart]
    group: GroupSize
    minutes: int
    version: str = ""
    day: list[Slot] = field(default_factory=list)
    terms: list[GlossaryTerm] = field(default_factory=list)
    materials: list[DayMaterial] = field(default_factory=list)

    @property
    def handouts(self) -> list[HandoutRef]:
        return [ref for part in self.parts for ref in part.handouts]

    @property
    def break_minutes(self) -> int:
        return sum(slot.minutes for slot in self.day if slot.module is None)

    def reviewed(self) -> str:
        """The date of the newest review of anything the kit shows (ISO)."""
        dates = [self.record.last_reviewed] + [p.module.last_reviewed for p in self.parts]
        return max(dates).isoformat()


def _common_group(modules: list[WorkshopModule]) -> GroupSize:
    """The group size every module of a programme accepts (or, failing that, the span)."""
    low = max(m.group_size.min for m in modules)
    high = min(m.group_size.max for m in modules)
    if low > high:
        low, high = min(m.group_size.min for m in modules), max(m.group_size.max for m in modules)
    per_table = min(m.group_size.per_table for m in modules)
    return GroupSize(min=low, max=high, per_table=per_table)


def _part(module: WorkshopModule, start: str, number: int, group: GroupSize) -> ModulePart:
    schedule = module_schedule(module, start)
    refs = tuple(
        HandoutRef(
            module,
            handout,
            f"{number}.{i}" if number else str(i),
            f"{number}-{i}" if number else str(i),
            module.paper(handout.id),
            tuple(m for m in module.materials if m.handout == handout.id),
            group,
        )
        for i, handout in enumerate(module.handouts, 1)
    )
    return ModulePart(
        module,
        schedule,
        schedule[0].start,
        schedule[-1].end,
        number,
        group,
        refs,
        f"module-{number}" if number else "module",
    )


def _day_materials(parts: list[ModulePart]) -> list[DayMaterial]:
    """Handouts first, in day order; then things to bring, the same thing once."""
    out: list[DayMaterial] = []
    things: dict[tuple[object, ...], DayMaterial] = {}
    for part in parts:
        assert part.group is not None
        for mat in part.module.materials:
            qty = quantity(mat, part.group)
            if mat.handout is not None:
                out.append(DayMaterial(mat, part, qty, (part.number,)))
                continue
            key = (tuple(sorted((mat.item or {}).items())), tuple(sorted((mat.note or {}).items())))
            seen = things.get(key)
            if seen is None:
                things[key] = DayMaterial(mat, part, qty, (part.number,))
            else:
                things[key] = DayMaterial(
                    seen.material, seen.part, max(seen.quantity, qty), (*seen.modules, part.number)
                )
    return out + list(things.values())


def kit_doc(
    catalog: Catalog, kind: str, record_id: str, langs: tuple[str, ...], version: str = ""
) -> KitDoc:
    """The content of one kit: the record, its modules with clock times, glossary terms."""
    if kind == "module":
        module = catalog.modules[record_id]
        part = _part(module, catalog.config.kit_start, 0, module.group_size)
        doc = KitDoc(kind, module, [part], module.group_size, module.duration_minutes, version)
    else:
        prog = catalog.programmes[record_id]
        day = programme_schedule(prog, catalog.modules)
        group = _common_group([slot.module for slot in day if slot.module is not None])
        parts: list[ModulePart] = []
        for slot in day:
            if slot.module is not None:
                module_group = GroupSize(
                    min=group.min, max=group.max, per_table=slot.module.group_size.per_table
                )
                parts.append(_part(slot.module, slot.start, len(parts) + 1, module_group))
        doc = KitDoc(kind, prog, parts, group, sum(slot.minutes for slot in day), version, day=day)
        doc.materials = _day_materials(parts)
    if len(langs) > 1:
        records = [doc.record, *{part.module.id: part.module for part in doc.parts}.values()]
        doc.terms = sorted(
            record_terms(records, catalog.glossary.values(), langs),
            key=lambda t: plain(t.term.get(langs[0], t.id)).casefold(),
        )
    return doc
