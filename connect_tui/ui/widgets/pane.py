"""Provides Pane: the base of every editor pane of the composer, and the contract they share.

Data flows one way (docs/architecture.md, "The pane contract"). The screen owns the Draft:

- down: `pane.load(draft)` fills the pane's fields from the draft without posting
  `Pane.Changed` (fill inside `with self.quietly():`), and `pane.show_problems(problems)`
  marks the fields that have a problem;
- up: when the user edits a field the pane posts `Pane.Changed`; the screen then calls
  `pane.apply(draft)`, which writes the pane's part back into the draft, re-validates,
  and sends the problems down again.

A pane knows which problems are its own (`owns`) and which widget shows a location
(`field_for`), so the Problems list can focus the very field a problem is about.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.widgets import Input, Select

from connect_tui.core.model import Draft
from connect_tui.core.problems import REQUEST, Problem, Step
from connect_tui.ui.keys import focus_now
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.row_store import RowCell

#: The messages that field widgets post when their value changes; muted while loading
#: (with Checkbox's and TextArea's: see `field_changes`).
FIELD_CHANGES: tuple[type[Message], ...] = (
    Input.Changed,
    Select.Changed,
    Choices.Changed,
)


def field_changes() -> tuple[type[Message], ...]:
    """FIELD_CHANGES, and Checkbox.Changed and TextArea.Changed once each is loaded.

    Not imported here: Checkbox and TextArea cost the first frame (one pane, neither in
    it) ~10 ms together, and while a module is not loaded there is no such field to post
    a change."""
    changes = FIELD_CHANGES
    for module, name in (("_checkbox", "Checkbox"), ("_text_area", "TextArea")):
        loaded = sys.modules.get(f"textual.widgets.{module}")
        if loaded is not None:
            changes = (*changes, getattr(loaded, name).Changed)
    return changes


#: What shows a problem: a field, or a cell of a RowList (connect_tui.ui.widgets.row_store).
Field = Widget | RowCell


@contextmanager
def quietly(node: MessagePump, *also: type[Message]) -> Iterator[None]:
    """Change fields as the program's own doing, not the user's.

    The one way the composer tells its own changes from the user's (panes fill their
    fields in `Pane.quietly()`, a RowList its live row): inside, the change messages of
    fields (and `also`) are never delivered, so whatever listens hears only the user.
    """
    with node.prevent(*field_changes(), *also):
        yield


INVALID = "-invalid"
WARNING = "-warning"


class Pane(VerticalScroll):
    """One part of a draft, shown as fields; reports edits up and shows problems in place."""

    #: The tab's title.
    TITLE: ClassVar[str] = ""
    #: The pane's name in ids and binding ids (`tab-NAME`, `pane-NAME`, `composer.pane_NAME`).
    NAME: ClassVar[str] = ""
    #: The key that shows the pane from anywhere in the composer (a Binding's key string).
    #: A letter with alt: terminals deliver alt+LETTER as ESC LETTER everywhere
    #: (tests/test_key_delivery.py checks every bound key).
    KEY: ClassVar[str] = ""
    #: Help for this pane, shown by f1 (Markdown).
    HELP: ClassVar[str] = ""
    #: The top-level request members this pane edits (its problems are its own).
    MEMBERS: ClassVar[frozenset[str]] = frozenset()
    #: The request members `apply` writes, and nothing else; None (the default): it may
    #: write anything, and the live request is then written whole again.
    WRITES: ClassVar[frozenset[str] | None] = None
    #: The draft sections whose problems are this pane's (see connect_tui.core.problems).
    SECTIONS: ClassVar[frozenset[str]] = frozenset({REQUEST})

    DEFAULT_CSS = """
    Pane {
        height: 1fr;
        padding: 0 1;
    }
    """

    class Changed(Message):
        """The user changed something in the pane; the screen should `apply` it."""

        def __init__(self, pane: Pane) -> None:
            super().__init__()
            self.pane = pane

        @property
        def control(self) -> Pane:
            """The pane that changed (so handlers can use `on(Pane.Changed, "#id")`)."""
            return self.pane

        def can_replace(self, message: Message) -> bool:
            """True when `message` (waiting behind this one) is the same pane's news: the
            screen then applies the pane once for a burst of keys, not once a key (`apply`
            reads the whole pane, so nothing typed is lost; a 1 MB body is read once)."""
            return isinstance(message, Pane.Changed) and message.pane is self.pane

    def __init__(self, *children: Widget, **kwargs: Any) -> None:
        super().__init__(*children, **kwargs)
        # Tab goes straight from field to field; the pane scrolls to follow the focus.
        self.can_focus = False
        #: The marks on show: each marked field, its class and its tooltip's text.
        self._marks: dict[Field, tuple[str, str]] = {}
        #: The problems last shown, for `refresh_marks`.
        self._problems_shown: list[Problem] = []
        #: The parts the user edited since the pane was last filled (`changed(part)` adds
        #: one): a pane whose fields are costly or lossy to read back reads only these.
        self.edited: set[str] = set()

    # -- the contract every pane implements -------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Show the draft's part in the fields (inside `quietly()`: no Changed posted)."""
        raise NotImplementedError

    def apply(self, draft: Draft) -> None:
        """Write the fields into the draft (the screen calls this after `Changed`)."""
        raise NotImplementedError

    def field_for(self, problem: Problem) -> Field | None:
        """The widget that shows the problem's location, or None when none does."""
        return None

    # -- shared behaviour -------------------------------------------------------------------

    def owns(self, problem: Problem) -> bool:
        """True when the problem is about something this pane edits."""
        if problem.section not in self.SECTIONS:
            return False
        if problem.section != REQUEST:
            return True
        return bool(problem.location) and str(problem.location[0]) in self.MEMBERS

    def local_problems(self) -> list[Problem]:
        """Problems in what the pane shows that the draft cannot hold (none by default)."""
        return []

    def extra_marks(self) -> dict[Field, tuple[str, str]]:
        """Marks of the pane's own (a row repeating a name), each a field's class and
        tooltip text, shown after the problems' (none by default)."""
        return {}

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark each field that has one of this pane's problems; clear the others.

        Only what changed is touched: a class set on a field restyles it (and its parts),
        which on every key would cost a frame's worth of time with a few marked fields."""
        self._problems_shown = problems
        wanted: dict[Field, tuple[str, str]] = {}
        for problem in problems:
            if not self.owns(problem):
                continue
            widget = self.field_for(problem)
            if widget is not None and widget not in wanted:
                wanted[widget] = (INVALID if problem.is_error else WARNING, problem.message)
        wanted.update(self.extra_marks())
        for widget in self._marks.keys() - wanted.keys():
            widget.remove_class(INVALID, WARNING)
            widget.tooltip = None
        for widget, mark in wanted.items():
            if self._marks.get(widget) == mark:
                continue
            mark_class, message = mark
            widget.remove_class(WARNING if mark_class == INVALID else INVALID)
            widget.add_class(mark_class)
            # Messages quote what the user typed: as Content it is never read as markup.
            widget.tooltip = Content(message)
        self._marks = wanted

    def refresh_marks(self) -> None:
        """Mark the fields again for the problems last shown (after the pane's own marks
        changed)."""
        self.show_problems(self._problems_shown)

    def focus_problem(self, problem: Problem) -> bool:
        """Focus the field the problem is about (or the pane's first field); True if focused."""
        target = self.field_for(problem)
        if isinstance(target, RowCell):
            return target.focus() or self.focus_first()
        if target is not None and target.focusable:
            focus_now(target)
            target.scroll_visible()
            return True
        return self.focus_first()

    def first_field(self) -> Widget | None:
        """The pane's first shown field that can take the focus, if any."""
        for candidate in self.query("*"):
            if candidate.focusable and self._shown(candidate):
                return candidate
        return None

    def focus_first(self) -> bool:
        """Focus the pane's first shown field; True if there was one."""
        field = self.first_field()
        if field is not None:
            focus_now(field)  # at once: the next key typed goes here
        return field is not None

    def _shown(self, widget: Widget) -> bool:
        # A field inside a hidden group (an outbound-only row on an inbound draft) is not shown.
        node: Widget | None = widget
        while node is not None and node is not self:
            if not node.display:
                return False
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return True

    def changed(self, part: str | None = None) -> None:
        """Tell the screen the user changed this pane; `part` names what they edited, for a
        pane whose `apply` reads back only what was edited (see `edited`)."""
        if part is not None:
            self.edited.add(part)
        self.post_message(self.Changed(self))

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Fill fields as the pane's own doing, not the user's (used by `load`).

        The one way a pane tells its own changes from the user's: inside, the fields'
        change messages never reach the screen, and the record of what the user edited
        (`edited`) starts again.
        """
        self.edited.clear()
        with quietly(self, Pane.Changed):
            yield


def location_starts(problem: Problem, *steps: Step) -> bool:
    """True when the problem's location begins with `steps` (compared as strings)."""
    location = problem.location
    return len(location) >= len(steps) and all(
        str(a) == str(b) for a, b in zip(location, steps, strict=False)
    )
