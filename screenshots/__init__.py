"""Provides the README screenshots and the script that makes them (`python -m screenshots.make`)."""
