"""Provides the core: everything that is not a screen. Never imports textual or rich."""
