"""Provides the composer's widgets: one editor pane a module, and the small widgets they share."""
