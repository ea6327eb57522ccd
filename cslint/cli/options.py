"""The options of ``cslint [OPTIONS] [PATH ...]``.

An option that mirrors a configuration key takes its help text, choices and default from
that key's declaration (:data:`cslint.config.SETTINGS`), so ``--help``, the configuration
and docs/configuration.md say the same thing; the formats are those registered
(:func:`cslint.reporters.names`).
"""
from __future__ import annotations

import argparse
from typing import NoReturn

from .. import __version__, reporters
from ..config import KINDS, SETTINGS, code_problem
from ..schema import Invalid
from ..suggest import nearest
from .errors import UsageError


class Parser(argparse.ArgumentParser):
    """An argument parser that takes no abbreviations (``--no-default`` must not quietly
    mean ``--no-default-rules``) and reports a usage error as one line, with the nearest
    option when an option is unknown; ``cslint --help`` still shows the usage."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(allow_abbrev=False, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        if message.startswith("unrecognized arguments: "):
            unknown = message.removeprefix("unrecognized arguments: ").split()
            first = next((a for a in unknown if a.startswith("-")), unknown[0])
            options = [o for action in self._actions for o in action.option_strings if o.startswith("--")]
            near = [o for o in options if o.startswith(first.split("=")[0])] if first.startswith("--") else []
            what = "unknown option" if first.startswith("-") else "unexpected argument"
            if len(near) != 1 and first.startswith("--"):  # (compared without the dashes they all share)
                near = [f"--{n}" for n in [nearest(first[2:], [o[2:] for o in options])] if n]
            tip = f"; did you mean {near[0]}?" if len(near) == 1 else ""
            raise UsageError(f"{what} {first}{tip} (see '{self.prog} --help')")
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _codes(value: str) -> tuple[str, ...]:
    """Comma-separated code prefixes; an empty entry or one that is not a prefix is a
    usage error (``--select ""`` must not quietly select nothing)."""
    codes = [c.strip() for c in value.split(",")]
    for code in codes:
        problem = code_problem(code)
        if problem:
            raise argparse.ArgumentTypeError(problem)
    return tuple(c.upper() for c in codes)


def _encoding(value: str) -> str:
    try:
        return KINDS["encoding"].check(value, SETTINGS["encoding"])  # type: ignore[no-any-return]
    except Invalid as exc:
        raise argparse.ArgumentTypeError(exc.problem) from None


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {value!r}")
    return int(value)


def _like(key: str, lead: str = "") -> str:
    """The help of the option mirroring configuration key ``key``, with its default."""
    setting = SETTINGS[key]
    default = ",".join(setting.default) if isinstance(setting.default, tuple) else setting.default
    shown = f" (default: {default})" if default not in ((), "", False) else ""
    return f"{lead}{setting.help.replace('`', '')}{shown}"


def add_selection(p: argparse.ArgumentParser) -> None:
    """The options choosing the rules (a lint run's, ``cslint audit``'s and ``cslint serve``'s)."""
    p.add_argument("--select", type=_codes, help=_like("select", "comma-separated "))
    p.add_argument("--ignore", type=_codes, help=_like("ignore", "comma-separated "))
    p.add_argument("--extend-select", type=_codes, help=_like("extend-select", "comma-separated "))
    p.add_argument("--extend-ignore", type=_codes, help=_like("extend-ignore", "comma-separated "))
    p.add_argument("--rules", action="append", metavar="DIR", help="add a folder of rule files (repeatable)")
    p.add_argument("--no-default-rules", action="store_true", default=None, help=_like("no-default-rules"))


def add_configuration(p: argparse.ArgumentParser) -> None:
    """The options saying which configuration applies."""
    p.add_argument("--config", metavar="PATH", help="read configuration from this file")
    p.add_argument("--isolated", action="store_true", help="ignore all configuration files")


def add_reading(p: argparse.ArgumentParser) -> None:
    """The options saying which files are read, how, and in how many processes."""
    p.add_argument("--force-exclude", action="store_true", default=None, help=_like("force-exclude"))
    p.add_argument("--encoding", type=_encoding, metavar="NAME", help=_like("encoding"))
    p.add_argument("--input-format", metavar="NAME", help="read every file as this format (names in docs/formats.md; an unknown name lists them)")
    p.add_argument("--include-inactive", action="store_true", help="also lint macros marked inactive")
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N", help="lint files in N processes (default: the number of cores)")
    examples = {"text": "answer", "title": "question", "id": "macro_id", "context": "customer_message"}
    for kind in SETTINGS["fields"].choices:
        example = examples[kind]
        p.add_argument(f"--{kind}-field", metavar="NAME", help=f"the CSV column or JSON key holding the reply's {kind} (e.g. {example})")


def lint_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="cslint",
        description="Lint customer-service replies and macro libraries.",
        epilog="Also: 'cslint rules' lists the rules, 'cslint rule CODE' explains one, "
        "'cslint check-rules DIR' validates rule files and runs their examples, "
        "'cslint audit PATH' reports on a whole macro library, "
        "'cslint serve' serves a local web page that checks a reply as it is typed, "
        "'cslint lsp' runs the language server for editors.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; '-' reads standard input")
    p.add_argument("--version", action="version", version=f"cslint {__version__}")
    p.add_argument("--format", help=f"output format: {', '.join(reporters.names())} (default: {SETTINGS['format'].default})")
    add_selection(p)
    p.add_argument("--fail-level", choices=SETTINGS["fail-level"].choices, help=_like("fail-level"))
    p.add_argument("--min-severity", choices=SETTINGS["min-severity"].choices, help=_like("min-severity"))
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    p.add_argument("-q", "--quiet", action="store_true", help="print diagnostics only, no summary")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also tell, on standard error, which configuration was used and each file linted")
    p.add_argument("--show-settings", action="store_true", help="print the settings the run would use, and lint nothing")
    p.add_argument("--show-files", action="store_true", help="print the files the run would lint, and lint nothing")
    add_configuration(p)
    p.add_argument("--stdin-filename", metavar="NAME", help="the name standard input is reported as (its extension picks the input format)")
    add_reading(p)
    p.add_argument("--library", metavar="DIR",
                   help="read every file under DIR for the library rules (CS8xx), and report only on the PATHs named "
                   "(the cslint-library pre-commit hook: the whole library judged, the changed files reported)")
    out = p.add_argument_group("output")
    out.add_argument("--show-source", action="store_true", help="show the flagged line with carets under the span")
    out.add_argument("--statistics", action="store_true", help="after the report, count the problems per code")
    out.add_argument("--count", action="store_true", help="after the report, print the number of problems")
    out.add_argument("--output-file", metavar="PATH", help="write the report to this file instead of standard output")
    fixing = p.add_argument_group("fixes")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes to the files, then report what is left")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes rules mark unsafe")
    return p
