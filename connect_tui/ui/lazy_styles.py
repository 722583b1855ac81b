"""Provides LazyComponentStyles: a widget's component classes styled when first drawn.

Textual styles every component class (`input--cursor`, `input--placeholder`, ...) of a
widget as a DOM node of its own, each time the widget's style is worked out again: when
it is mounted, when the theme is set, when it gains or loses the focus, when a class
changes. An Input has four, so the composer's first pane paid for sixteen style passes
per restyle of its four fields, most of them for parts never drawn (a suggestion, a
selection; the cursor of a field without the focus). Here a component is styled only
when the widget asks for it while drawing, and forgotten whenever the widget's own
style changes, so what is drawn is the same as Textual's (issue 13, first frame).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles
    from textual.widget import Widget

    _Base = Widget
else:
    # Not a DOMNode at run time: Textual takes a widget's CSS and type name from its first
    # DOMNode base, which must stay the widget class this is mixed into.
    _Base = object


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
