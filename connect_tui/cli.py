"""Provides the `connect-tui` command: the composer by default, and the headless verbs.

`connect-tui [PROFILE]` opens the composer; `connect-tui VERB ...` runs a verb without
drawing anything. Nothing heavy is imported here: each verb imports what it needs when
it runs, and the composer imports Textual only once it knows there is a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Iterator, Sequence

from connect_tui import __version__
from connect_tui.core.files import UserError
from connect_tui.core.safe_text import SafeStream, shown

PROG = "connect-tui"

#: Verb modules, each offering add_parsers(subparsers); their parsers set `handler`.
VERB_MODULES = (
    "connect_tui.verbs.validate",
    "connect_tui.verbs.transfer",
    "connect_tui.verbs.send",
    "connect_tui.verbs.credentials",
    "connect_tui.verbs.history",
    "connect_tui.verbs.sandbox",
    "connect_tui.verbs.serve",
    "connect_tui.verbs.flow",
)

#: The verbs' names, known without importing their modules, so that `connect-tui [PROFILE]`
#: starts the composer without building every verb's parser (a test keeps this in step).
VERBS = frozenset(
    {"validate", "import", "export", "send", "credentials", "history", "sandbox", "serve", "flow"}
)


def build_verb_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser of the headless verbs (`connect-tui VERB ...`) and the verbs' names."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Compose, validate, save and send Amazon Connect email contacts. "
            "Run `connect-tui [PROFILE]` for the composer, or one of these verbs."
        ),
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show the version and the botocore model"
    )
    subparsers = parser.add_subparsers(title="verbs", metavar="VERB")
    for module_name in VERB_MODULES:
        importlib.import_module(module_name).add_parsers(subparsers)
    return parser, set(subparsers.choices)


class _Version(argparse.Action):
    """`--version`: connect-tui's version and the botocore model validation reads (looked up
    only when asked, so other commands do not wait for botocore)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from connect_tui.core.schema import model_source

        print(f"{PROG} {__version__} (model: {model_source()})")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code (0 success, 1 problems found, 2 bad input)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and (args[0] in VERBS or args[0] in ("-h", "--help", "--version")):
            with _guarded_streams():
                parser, _ = build_verb_parser()
                namespace = parser.parse_args(args)
                return int(namespace.handler(namespace))
        from connect_tui.composer_cli import run_composer

        return run_composer(args)
    except UserError as exc:
        print(f"{PROG}: {shown(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `connect-tui export x | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return 0


@contextlib.contextmanager
def _guarded_streams() -> Iterator[None]:
    """While a verb runs, nothing it prints reaches the terminal as a control character.

    Each verb escapes what it shows (connect_tui.core.safe_text); this is the last guard,
    for text that comes from a file, a request or a reply by a way not yet thought of.
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
