"""connect-tui's tests."""
