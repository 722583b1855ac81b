"""Provides BurstTypist: the keys of one terminal read (a KeyBurst), handled in one go.

Fast typing, a key held down, tmux `send-keys` or a paste of keys without bracketed paste
deliver many keys in one read. Textual hands each key on in turn: through the app's queue,
its binding chain (built afresh for every key), the focused widget's queue, and one change
message per key for the pane to handle. At 1–3 ms a key, the last of 20 keys read at once
was drawn 40–70 ms after it was read. The composer's parser (connect_tui.ui.terminal_input)
passes the keys of one read on together, as a KeyBurst, and BurstTypist delivers them:

- a run of keys that stay inside the focused field is typed there at once, in order: text
  and Enter typed into an Input or TextArea, and the field's own editing and cursor keys
  (backspace, arrows, home...) that Textual's Input, TextArea and Tree bind, when nothing
  else in the binding chain claims the key first and the field's class changes nothing of
  how Textual's widget takes keys. Each key does exactly what it does typed alone (the same
  handler, the same action, in the same order: selection, restrict and max_length, undo
  batches, the cursor), with the app's queue, the widget's queue and the binding chain
  walked once a run instead of once a key; of the field's change (Changed, and a TextArea's
  SelectionChanged, a Tree's NodeHighlighted) only the last of the run is posted, so the pane
  handles one change for the run, with the final value; a long run (RUN_BUDGET) stops to
  let a frame show what it has typed, then goes on;
- any other key (a binding of the pane or the screen, Tab, a key the field does not know)
  is handled exactly as if it had come alone, through the app's own dispatch, and the focus
  is looked up again after it.

Textual internals in use (textual==8.2.8): `App._dispatch_message`, `Screen._binding_chain`,
`Screen._clear_tooltip`, `MessagePump._context` and the widgets' `_on_key`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from textual import events
from textual.actions import parse
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.message import Message
from textual.widget import Widget

from connect_tui.ui.keys import cpu_time

#: Textual's field widgets (module, class) whose key handling is known here: the actions
#: of their bindings that change nothing but the field itself, and the messages about the
#: field of which a run posts only the last.
_MOVES: Final = frozenset(
    {"cursor_left", "cursor_right", "cursor_up", "cursor_down", "cursor_page_up"}
    | {"cursor_page_down", "cursor_word_left", "cursor_word_right", "cursor_line_start"}
    | {"cursor_line_end", "cursor_left_word", "cursor_right_word", "home", "end"}
)
_KNOWN: Final[dict[tuple[str, str], tuple[frozenset[str], tuple[str, ...]]]] = {
    ("textual.widgets._input", "Input"): (
        _MOVES
        | {"delete_left", "delete_right", "delete_left_word", "delete_right_word"}
        | {"delete_left_all", "delete_right_all", "select_all"},
        ("Changed",),
    ),
    ("textual.widgets._text_area", "TextArea"): (
        _MOVES
        | {"delete_left", "delete_right", "delete_word_left", "delete_word_right"}
        | {"delete_to_start_of_line", "delete_to_end_of_line_or_delete_line", "delete_line"}
        | {"select_line", "select_all", "undo", "redo"},
        ("Changed", "SelectionChanged"),
    ),
    ("textual.widgets._tree", "Tree"): (
        frozenset({"cursor_up", "cursor_down", "cursor_parent", "cursor_next_sibling"})
        | {"cursor_previous_sibling", "cursor_parent_next_sibling"},
        ("NodeHighlighted",),
    ),
}
#: Methods through which a class takes keys itself (then its keys go the usual way).
_KEY_METHODS: Final = ("_on_key", "on_key", "handle_key", "check_consume_key")


class FieldKeys:
    """How a field class takes keys: its local actions and the messages a run thins out."""

    def __init__(self, base: type[Widget], actions: frozenset[str], last: tuple[str, ...]):
        self.base = base
        self.actions = actions
        self.last_only = tuple(getattr(base, name) for name in last)


_fields: dict[type[DOMNode], FieldKeys | None] = {}


def field_keys(cls: type[DOMNode]) -> FieldKeys | None:
    """What BurstTypist may type into a widget of class `cls` itself (None: nothing)."""
    if cls not in _fields:
        _fields[cls] = _field_keys(cls)
    return _fields[cls]


def _field_keys(cls: type[DOMNode]) -> FieldKeys | None:
    for index, base in enumerate(cls.__mro__):
        known = _KNOWN.get((base.__module__, base.__name__))
        if known is None:
            continue
        below = cls.__mro__[:index]
        if any(_takes_keys(klass) for klass in below):
            return None
        actions, last = known
        # An action the class (or a mixin) redefines is its own: not known to be local.
        kept = frozenset(
            name
            for name in actions
            if getattr(cls, f"action_{name}", None) is getattr(base, f"action_{name}", None)
            and not hasattr(cls, f"_action_{name}")
        )
        assert issubclass(base, Widget)
        return FieldKeys(base, kept, last)
    return None


def _takes_keys(cls: type) -> bool:
    """True when `cls` itself defines a way of taking keys."""
    names = vars(cls)
    if any(name in names for name in _KEY_METHODS):
        return True
    if any(name.startswith(("key_", "_key_")) for name in names):
        return True
    handlers = names.get("_decorated_handlers") or {}
    return any(kind in handlers for kind in events.Key.__mro__)


#: How long (CPU seconds) a run waits for the keys handed to its field before it (as
#: keys.settle does).
SETTLE_TIMEOUT: Final = 3.0
#: How long a run types before it lets a frame show what it typed (a long burst, such as a
#: paste without bracketed paste, shows as it goes; 20 typed keys take 2-5 ms).
RUN_BUDGET: Final = 0.012
#: The longest a long burst waits for that frame.
FRAME_WAIT: Final = 0.1


class BurstTypist:
    """Delivers the keys of a KeyBurst for `app` (see the module notes)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        #: True when the last run stopped because it had typed for RUN_BUDGET.
        self.out_of_time = False

    async def frame_drawn(self) -> None:
        """Wait until the screen has drawn what changed (or for FRAME_WAIT at most)."""
        drawn: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not drawn.done():
                drawn.set_result(None)

        self.app.screen.call_after_refresh(done)
        try:
            await asyncio.wait_for(drawn, FRAME_WAIT)
        except TimeoutError:
            pass

    async def deliver(self, keys: Sequence[events.Key]) -> None:
        """Handle `keys` in order: runs local to the focused field at once, others alone."""
        index = 0
        while index < len(keys):
            taken = await self.type_run(keys[index:])
            if taken:
                index += taken
                if index < len(keys) and self.out_of_time:
                    await self.frame_drawn()  # what is typed so far shows before the rest
                continue
            # As if it had come alone: the app's own dispatch of a key from its queue.
            await self.app._dispatch_message(keys[index])
            index += 1

    async def type_run(self, keys: Sequence[events.Key]) -> int:
        """Type the leading keys of `keys` that stay in the focused field; how many it took."""
        screen = self.app.screen
        field = screen.focused
        if field is None or screen.maximized is not None or field.loading:
            return 0
        if not field.is_mounted:
            return 0
        known = field_keys(type(field))
        if known is None:
            return 0
        chain = screen._binding_chain
        plan: list[list[Binding] | None] = []
        for key in keys:
            local, step = _local_step(field, known, chain, key)
            if not local:
                break
            plan.append(step)
        if not plan:
            return 0
        await _handled(field)  # keys handed on to it before, in their order
        if self.app.screen is not screen or screen.focused is not field:
            return 0
        return await self.type_into(field, keys[: len(plan)], plan, known)

    async def type_into(
        self,
        field: Widget,
        keys: Sequence[events.Key],
        plan: Sequence[list[Binding] | None],
        known: FieldKeys,
    ) -> int:
        """Type `keys` into `field` as `plan` says (None: its key handler; else the
        bindings to run); how many were typed (an action that refused stops the run)."""
        app = self.app
        # What Textual's App does for every key read (App.on_event).
        if not app.app_focus:
            app.app_focus = True
        app.screen._clear_tooltip()
        taken = 0
        start = time.perf_counter()
        self.out_of_time = False
        with last_message_only(field, known.last_only):
            for key, bindings in zip(keys, plan, strict=True):
                if taken and time.perf_counter() - start > RUN_BUDGET:
                    self.out_of_time = True  # a long burst: show this much first
                    break
                if bindings is None:
                    with field._context():  # as in the field's own queue
                        await field._on_key(key)
                else:
                    for binding in bindings:
                        if await app.run_action(binding.action, field):
                            break
                    else:
                        break  # disabled here: the key goes the usual way
                taken += 1
        return taken


def _local_step(
    field: Widget,
    known: FieldKeys,
    chain: list[tuple[DOMNode, BindingsMap]],
    key: events.Key,
) -> tuple[bool, list[Binding] | None]:
    """Whether `key` stays in `field`, and how: (True, None) its key handler takes it;
    (True, bindings) the field's own bindings run; (False, None) the key may reach beyond
    the field, so it goes the usual way."""
    name = key.key
    owners = [
        bindings.key_to_bindings[name] for _, bindings in chain if name in bindings.key_to_bindings
    ]
    if any(binding.priority for found in owners for binding in found):
        return False, None  # a priority binding runs before the field sees the key
    if field.check_consume_key(name, key.character):
        return True, None
    if not owners:
        # Enter in a TextArea inserts a line break; any other key is no one's here.
        text_area = known.base.__name__ == "TextArea" and not getattr(field, "read_only", True)
        return text_area and name == "enter", None
    node, own = chain[0]  # the focused field first, its containers up to the app after it
    if node is not field or name not in own.key_to_bindings:
        return False, None
    found = own.key_to_bindings[name]
    for binding in found:
        namespace, action, _ = parse(binding.action)
        if namespace or action not in known.actions:
            return False, None
    return True, list(found)


async def _handled(field: Widget) -> None:
    """Wait until `field` has handled what was handed to it before (keys sent its way)."""
    deadline = cpu_time() + SETTLE_TIMEOUT
    while field.message_queue_size and cpu_time() < deadline:
        await asyncio.sleep(0)


@contextmanager
def last_message_only(field: Widget, kinds: tuple[type[Message], ...]) -> Iterator[None]:
    """Inside, of the messages of `kinds` that `field` posts only the last is kept, and it
    is posted on the way out (a run of keys reports its field's change once, final)."""
    if not kinds:
        yield
        return
    held: dict[type[Message], Message] = {}
    post = field.post_message

    def hold(message: Message) -> bool:
        if isinstance(message, kinds):
            held.pop(type(message), None)
            held[type(message)] = message  # the latest, in the order they came
            return True
        return post(message)

    field.post_message = hold  # type: ignore[method-assign]
    try:
        yield
    finally:
        del field.post_message
        for message in held.values():
            field.post_message(message)
