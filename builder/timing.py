"""Clock times for agendas: one source of truth for time, shared by site and kits.

A module's steps and a programme's items carry minutes; the clock times are computed from a
start time (the programme's ``start``, or the configured default for a module's kit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Programme, WorkshopModule


@dataclass(frozen=True)
class Slot:
    start: str
    end: str
    minutes: int
    module: WorkshopModule | None = None
    title: dict[str, str] | None = None  # breaks and steps
    step: Any = None


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(total: int) -> str:
    total %= 24 * 60
    return f"{total // 60:02d}:{total % 60:02d}"


def programme_schedule(prog: Programme, modules: dict[str, WorkshopModule]) -> list[Slot]:
    """Each item of a programme with its start and end time."""
    now = _minutes(prog.start)
    slots = []
    for item in prog.items:
        if item.module is not None:
            module = modules[item.module]
            slots.append(
                Slot(
                    _clock(now),
                    _clock(now + module.duration_minutes),
                    module.duration_minutes,
                    module=module,
                    title=module.title,
                )
            )
            now += module.duration_minutes
        elif item.pause is not None:
            slots.append(
                Slot(
                    _clock(now),
                    _clock(now + item.pause.minutes),
                    item.pause.minutes,
                    title=item.pause.title,
                )
            )
            now += item.pause.minutes
    return slots


def module_schedule(module: WorkshopModule, start: str) -> list[Slot]:
    """Each step of a module with its start and end time from ``start`` (HH:MM)."""
    now = _minutes(start)
    slots = []
    for step in module.steps:
        slots.append(
            Slot(_clock(now), _clock(now + step.minutes), step.minutes, title=step.title, step=step)
        )
        now += step.minutes
    return slots
