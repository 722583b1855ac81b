"""Provides the composer's screens: the composer itself, the drafts picker and the history."""
