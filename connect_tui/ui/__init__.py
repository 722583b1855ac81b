"""Provides the composer: the Textual app that edits, validates, saves and sends drafts.

Everything here may import Textual; nothing in connect_tui.core may import this package.
"""
