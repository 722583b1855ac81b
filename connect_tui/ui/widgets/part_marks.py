"""Provides PartMarks: a pane's mark on a big widget restyles only the parts it changes.

Setting a class on a widget makes Textual apply the stylesheet again to the widget and to
every widget inside it (`App.update_styles`, textual 8.2.8). A RowList holds its header,
its live row of fields, two tables, a status line and buttons: marking the whole list (the
references passing 4,096 bytes) restyled all of them, 13.5 ms of the frame of the key that
passed the limit. The marks only colour a few parts (the widget's CSS says which), so only
the widget itself and those parts are restyled.
"""

from __future__ import annotations

from typing import ClassVar, Self

from textual.widget import Widget

from connect_tui.ui.widgets.pane import INVALID, WARNING

#: The classes a pane marks a field with (connect_tui.ui.widgets.pane).
MARKS = frozenset({INVALID, WARNING})


class PartMarks(Widget):
    """A widget whose problem marks restyle only `MARKED_PARTS` (and itself)."""

    #: A selector for the parts inside whose looks the marks change; their CSS must name
    #: no other part (a test compares them with a whole restyle).
    MARKED_PARTS: ClassVar[str] = ""

    def add_class(self, *class_names: str, update: bool = True) -> Self:
        """Add classes (a mark restyles only the marked parts)."""
        if not (update and self.is_mounted and MARKS.issuperset(class_names)):
            return super().add_class(*class_names, update=update)
        if not self.classes.issuperset(class_names):
            super().add_class(*class_names, update=False)
            self._restyle_marked_parts()
        return self

    def remove_class(self, *class_names: str, update: bool = True) -> Self:
        """Remove classes (a mark restyles only the marked parts)."""
        if not (update and self.is_mounted and MARKS.issuperset(class_names)):
            return super().remove_class(*class_names, update=update)
        if not self.classes.isdisjoint(class_names):
            super().remove_class(*class_names, update=False)
            self._restyle_marked_parts()
        return self

    def _restyle_marked_parts(self) -> None:
        nodes: list[Widget] = [self]
        for part in self.query(self.MARKED_PARTS):
            nodes.extend(part.walk_children(Widget, with_self=True))
        self.app.stylesheet.update_nodes(nodes, animate=True)
