"""Provides the built-in Textual themes, shipped inside the wheel as package data."""
