"""Provides connect-tui: compose, validate, save and send Amazon Connect email contacts."""

__version__ = "0.1.0"
