"""Provides the headless verbs of the `connect-tui` command, one module each.

Each module offers `add_parser(subparsers)` and `run(args) -> int`. They import nothing
heavy at module level (no Textual, no boto3): `connect-tui validate` starts fast.
"""
