"""Tests of sending, credentials and history."""
