"""The ``cslint`` command: which command, its options, and its exit status.

Exit status: 0 when nothing at or above ``--fail-level`` was found, 1 when something was,
2 for usage, configuration and rule-file errors (one line on standard error). A lint run
is :class:`cslint.cli.run.LintRun`; the subcommands are in :mod:`cslint.cli.commands`.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from ..config import ConfigError
from ..rulefiles.parse import RuleFileError
from .commands import COMMANDS
from .errors import UsageError
from .options import lint_parser
from .run import LintRun


def run_lint(argv: Sequence[str], stdout: TextIO) -> int:
    """``cslint [OPTIONS] [PATH ...]``: lint, report on ``stdout``, and the exit status."""
    return LintRun(lint_parser().parse_args(argv), stdout).run()


def _never_unwritable() -> None:
    """A character the output's encoding cannot hold (a lone surrogate a plugin's reporter
    writes as it found it, any non-ASCII text on an ASCII terminal) is written as its
    backslash escape, as the built-in reporters write lone surrogates, rather than ending
    the run with a traceback after part of the report."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _never_unwritable()
    command = COMMANDS.get(argv[0]) if argv else None
    try:
        if command is not None:
            return command(argv[1:], sys.stdout)
        return run_lint(argv, sys.stdout)
    except (UsageError, ConfigError, RuleFileError) as exc:
        print(f"cslint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
