"""Provides the composer's modal dialogs: confirmations, prompts and small editors."""
