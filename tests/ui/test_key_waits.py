"""The key path's waits (connect_tui/ui/keys.py) on a loaded machine.

A binding run in order waits for the keys typed before it; the wait's timeout only guards
against a queue that never drains. Counted in wall time, 3 s went by on a machine whose
CPU other processes held (CI runs 4 workers on 2 cores) before a burst was handled, and
ctrl+s then saved a draft without its last keys. Here the wall clock races ahead and the
waits must still end only when the keys are handled.
"""

from __future__ import annotations

import itertools
import time
from types import SimpleNamespace
from typing import Any

import pytest

from connect_tui.ui import keys


class Queue:
    """A widget stand-in whose queue drains by one each time it is looked at."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.ancestors: list[Any] = []
        self.is_mounted = True

    @property
    def message_queue_size(self) -> int:
        self.size = max(0, self.size - 1)
        return self.size


@pytest.fixture
def loaded_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every reading of the wall clock is 10 s after the last (the CPU was elsewhere)."""
    wall = itertools.count(0.0, 10.0)
    fake = SimpleNamespace(monotonic=lambda: next(wall), process_time=time.process_time)
    monkeypatch.setattr(keys, "time", fake)


async def test_settle_focus_waits_for_the_keys_not_the_wall_clock(loaded_machine: None) -> None:
    field = Queue(200)
    screen = SimpleNamespace(app=object(), focused=field)
    await keys.settle_focus(screen, field)  # type: ignore[arg-type]
    assert field.size == 0


async def test_a_new_screen_is_waited_for_whatever_the_wall_clock(loaded_machine: None) -> None:
    dialog = Queue(200)
    await keys.screen_ready(dialog)  # type: ignore[arg-type]
    assert dialog.size == 0
