"""Provides the composer's screens: the composer itself, the profiles picker and the history."""
