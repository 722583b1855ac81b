"""Provides the style work Textual repeats that the first frame need not pay for (issue 13).

LazyComponentStyles: a widget's component classes styled when first drawn.

Textual styles every component class (`input--cursor`, `input--placeholder`, ...) of a
widget as a DOM node of its own, each time the widget's style is worked out again: when
it is mounted, when the theme is set, when it gains or loses the focus, when a class
changes. An Input has four, so the composer's first pane paid for sixteen style passes
per restyle of its four fields, most of them for parts never drawn (a suggestion, a
selection; the cursor of a field without the focus). Here a component is styled only
when the widget asks for it while drawing, and forgotten whenever the widget's own
style changes, so what is drawn is the same as Textual's (issue 13, first frame).

StyledOnMount: a screen whose first ScreenResume does not style every widget again.
Textual styles each widget as it is mounted, then, when the screen is first shown, the
whole screen once more (a third of the composer's styling before its first frame). A
widget's DEFAULT_CSS is scoped to the widget and what is inside it, which is mounted
with or after it, and the app's CSS and theme are in place before anything mounts: the
second pass finds nothing new. Later resumes (back from a dialog) restyle as Textual's do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual import events
    from textual.css.styles import RenderStyles
    from textual.screen import Screen
    from textual.widget import Widget

    _Base = Widget
    _ScreenBase = Screen[None]
else:
    # Not a DOMNode at run time: Textual takes a widget's CSS and type name from its first
    # DOMNode base, which must stay the widget class this is mixed into.
    _Base = object
    _ScreenBase = object


class LazyComponentStyles(_Base):
    """A mixin (put it before the widget class) that styles component classes on demand."""

    @classmethod
    def _get_component_classes(cls) -> frozenset[str]:  # type: ignore[override]
        """None for the stylesheet, so it makes no node per component (see below)."""
        return frozenset()

    @classmethod
    def _lazy_component_classes(cls) -> frozenset[str]:
        """The component classes the widget really has (its and its bases' COMPONENT_CLASSES)."""
        found = cls.__dict__.get("_lazy_components")
        if found is None:
            found = DOMNode._get_component_classes.__func__(cls)  # type: ignore[attr-defined]
            cls._lazy_components = found  # type: ignore[attr-defined]
        return found  # type: ignore[no-any-return]

    def notify_style_update(self) -> None:
        """The widget's style changed: its components are styled again when next drawn."""
        if self._component_styles:
            self._component_styles.clear()
            # What Textual's stylesheet does when a component's style changes: draw again.
            self.refresh()
        super().notify_style_update()

    def get_component_styles(self, *names: str) -> RenderStyles:
        """The components' styles, each worked out the first time it is asked for."""
        known = self._lazy_component_classes()
        for name in names:
            if name not in self._component_styles and name in known:
                # As textual.css.stylesheet.Stylesheet._process_component_classes does it.
                virtual_node = DOMNode(classes=name)
                virtual_node._attach(self)
                self.app.stylesheet.apply(virtual_node, animate=False)
                self._component_styles[name] = virtual_node.styles
        return super().get_component_styles(*names)


class StyledOnMount(_ScreenBase):
    """A mixin (put it before the screen class): no second styling when first shown."""

    _resumed_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Textual calls this before Screen's own handler of the same event (the MRO's
        order): the first time, that handler is told not to restyle the screen."""
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
