"""The ``cslint`` command: options in, the API called, a reporter out, an exit status.

Exit status: 0 when nothing at or above ``--fail-level`` was found, 1 when something was,
2 for usage, configuration and rule-file errors (one line on standard error).
"""
from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import ContextManager, TextIO, cast

from .. import __version__, api, readers, reporters
from ..config import Config, ConfigError, discover, load
from ..diagnostic import Diagnostic
from ..fix import apply as fix
from ..readers import ReadOptions
from ..reporters.summary import Tally
from ..rulefiles.load import load_rules
from ..rulefiles.parse import RuleFileError
from ..runtime import parallel, timelimit
from ..sources import discovery
from ..sources.document import SourceFile
from . import progress

SUBCOMMANDS = ("rules", "rule", "check-rules")


class UsageError(Exception):
    pass


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


def lint_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cslint",
        description="Lint customer-service replies and macro libraries.",
        epilog="Also: 'cslint rules' lists the rules, 'cslint rule CODE' explains one, "
        "'cslint check-rules DIR' validates rule files and runs their examples.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; '-' reads standard input")
    p.add_argument("--version", action="version", version=f"cslint {__version__}")
    p.add_argument("--format", help=f"output format: {', '.join(reporters.names())} (default: default)")
    p.add_argument("--select", type=_codes, help="comma-separated code prefixes to check (default: CS)")
    p.add_argument("--ignore", type=_codes, help="comma-separated code prefixes to skip")
    p.add_argument("--extend-select", type=_codes, help="add to the selected prefixes")
    p.add_argument("--extend-ignore", type=_codes, help="add to the ignored prefixes")
    p.add_argument("--rules", action="append", metavar="DIR", help="add a folder of rule files (repeatable)")
    p.add_argument("--no-default-rules", action="store_true", default=None, help="do not load the shipped rules")
    p.add_argument("--fail-level", choices=("error", "warning", "info"), help="lowest severity that fails the run (default: info)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    p.add_argument("-q", "--quiet", action="store_true", help="print diagnostics only, no summary")
    p.add_argument("--config", metavar="PATH", help="read configuration from this file")
    p.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name standard input is reported as (its extension picks the input format)")
    p.add_argument("--input-format", metavar="NAME", help="read every file as this format (names in docs/formats.md; an unknown name lists them)")
    p.add_argument("--include-inactive", action="store_true", help="also lint macros marked inactive")
    p.add_argument("-j", "--jobs", type=_jobs, metavar="N", help="lint files in N processes (default: the number of cores)")
    for kind, example in (("text", "answer"), ("title", "question"), ("id", "macro_id"), ("context", "customer_message")):
        p.add_argument(f"--{kind}-field", metavar="NAME", help=f"the CSV column or JSON key holding the reply's {kind} (e.g. {example})")
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


def _config(args: argparse.Namespace) -> Config:
    if args.config and not Path(args.config).is_file():
        raise UsageError(f"--config: {args.config}: no such file")
    if args.isolated:
        base = Config()
    elif args.config:
        base = load(Path(args.config))
    else:
        base = discover(args.paths)
    extra_rules = (*base.rules, *(str(Path(r).resolve()) for r in args.rules)) if args.rules else None
    return base.with_overrides(
        select=args.select,
        ignore=args.ignore,
        extend_select=(*base.extend_select, *args.extend_select) if args.extend_select else None,
        extend_ignore=(*base.extend_ignore, *args.extend_ignore) if args.extend_ignore else None,
        rules=extra_rules,
        no_default_rules=args.no_default_rules,
        fail_level=args.fail_level,
        format=args.format,
    )


def _sources(args: argparse.Namespace, config: Config) -> Iterator[SourceFile | Diagnostic]:
    """Standard input (for '-'), then the files and folders named, as the reporters see them."""
    paths = args.paths or ["."]
    if "-" in paths:
        yield from api.read_stdin(args.stdin_filename or "stdin", sys.stdin.buffer, config,
                                  input_format=args.input_format, stream=not (args.fix or args.diff))
    files = [p for p in paths if p != "-"]
    report = os.path.realpath(args.output_file) if args.output_file else None
    if files:  # the report being written is not a reply, even when it is JSON in the folder linted
        stream = not (args.fix or args.diff)  # fixing rewrites whole files
        yield from (s for s in api.sources(files, config, stream=stream) if os.path.realpath(s.path) != report)


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, not {value!r}")
    return int(value)


def _linted(lint: Callable[[SourceFile], list[Diagnostic]], config: Config,
            source: SourceFile | Diagnostic) -> tuple[list[Diagnostic], int]:
    """A file's diagnostics and how many replies it held (run in a worker with -j)."""
    if isinstance(source, Diagnostic):
        return [source], 0
    linter = api.linter_for(config)
    before = linter.replies
    found = lint(source)
    return found, linter.replies - before


def _text_size(source: SourceFile | Diagnostic) -> int:
    return len(source.text) if isinstance(source, SourceFile) else 0


def _input_size(args: argparse.Namespace, config: Config) -> int:
    """Bytes of input, for the progress line's time left (only asked on a terminal)."""
    total = 0
    for path in discovery.files([p for p in args.paths or ["."] if p != "-"], config):
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
    return total


def _output(path: str | None, stdout: TextIO) -> ContextManager[TextIO]:
    if path is None:
        return nullcontext(stdout)
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output-file: {path}: {exc.strerror or exc}") from None


class _Uncut:
    """The output stream, each write held safe from the watchdog's signal
    (:func:`cslint.runtime.timelimit.held`): unbuffered, a 30 MB report to a pipe came out at
    12 MB when the signal struck during the write. (Only writes and flushes: it never
    closes the stream it wraps.)"""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with timelimit.held():
            return self._stream.write(text)

    def flush(self) -> None:
        self._stream.flush()


def _drain(written: io.StringIO, out: TextIO) -> None:
    """Pass on what a reporter wrote for one file in one write. Reporters write a line at
    a time, and where the output is unbuffered (``PYTHONUNBUFFERED``, which many CI images
    set) each write is a system call: one per finding, 3,646 on the twcs export."""
    text = written.getvalue()
    if text:
        out.write(text)
        written.seek(0)
        written.truncate()


def run_lint(argv: Sequence[str], stdout: TextIO) -> int:
    args = lint_parser().parse_args(argv)
    config = _config(args)
    if args.input_format and args.input_format not in readers.registry():
        raise UsageError(f"--input-format: unknown format {args.input_format!r}; known: {', '.join(readers.registry())}")
    if args.fix and "-" in args.paths:
        raise UsageError("--fix cannot write to standard input; --diff shows the fixes")
    try:
        reporter_cls = reporters.get(config.format)
    except KeyError:
        raise UsageError(f"--format: unknown format {config.format!r}; known: {', '.join(reporters.names())}") from None
    rules = load_rules(config)
    named = {k: getattr(args, f"{k}_field") for k in ("text", "title", "id", "context")}
    options = ReadOptions(include_inactive=args.include_inactive, fields={**config.fields, **{k: v for k, v in named.items() if v}})
    lint = partial(api.lint_source, config=config, input_format=args.input_format, options=options)
    read = partial(api.read_segments, config=config, input_format=args.input_format, options=options)
    tally = Tally()
    with _output(args.output_file, stdout) as opened:
        out = cast(TextIO, _Uncut(opened))
        written = io.StringIO()  # what the reporter writes goes out file by file (_drain)
        reporter = reporter_cls(written, reporters.ReportOptions(rules=rules, show_source=args.show_source))
        session = fix.Session(lint, read, unsafe=args.unsafe_fixes, log=sys.stderr, diff=out if args.diff else None)
        fixing = args.fix or args.diff
        jobs = 1 if fixing else args.jobs or parallel.default_jobs()
        bar = progress.Progress(sys.stderr, 0, enabled=False if args.quiet else None)
        bar.total = _input_size(args, config) if bar.enabled else 0
        work = partial(_linted, (lambda s: []) if fixing else lint, config)
        linted = parallel.run(work, _sources(args, config), jobs, size=_text_size, setup=timelimit.watch)
        with timelimit.watching(), parallel.spreading(jobs):
            for source, (found, replies) in linted:
                if not isinstance(source, Diagnostic):
                    if fixing:
                        source, found = session.run(source)
                    reporter.start(source)
                    bar.advance(replies, len(source.text))
                if args.diff:
                    continue
                for d in found:
                    reporter.handle(d)
                    tally.add(d)
                _drain(written, out)
        bar.close()
        if not args.diff:
            reporter.finish()
            _drain(written, out)
    if not args.quiet:
        human = config.format in ("default", "grouped") and not args.diff
        tried = (("safe", "unsafe") if args.unsafe_fixes else ("safe",)) if args.fix else ()
        for line in (session.summary(), tally.found(tried) if human else ""):
            if line:
                print(line, file=sys.stderr)
    if args.diff:  # like ruff: only the changes, and whether there are any
        return 0 if args.exit_zero or not session.fixes else 1
    if args.statistics:
        stdout.write(tally.statistics())
    if args.count:
        stdout.write(f"{tally.total}\n")
    return 0 if args.exit_zero or not tally.at_least(config.fail_level) else 1


def run_rules(argv: Sequence[str], stdout: TextIO) -> int:
    p = argparse.ArgumentParser(prog="cslint rules", description="List every rule.")
    p.add_argument("--rules", action="append", metavar="DIR", help="also load this folder of rule files")
    p.add_argument("--no-default-rules", action="store_true", default=None)
    args = p.parse_args(argv)
    config = Config(rules=tuple(str(Path(r).resolve()) for r in args.rules or ()), no_default_rules=bool(args.no_default_rules))
    rules = load_rules(config)
    width = max((len(r.name) for r in rules), default=4)
    for r in rules:
        stdout.write(f"{r.code}  {r.name:<{width}}  {r.principle:<15}  {r.severity}{'  (opt-in)' * r.opt_in}\n")
    return 0


def explain(rule_code: str, config: Config) -> str:
    """The text ``cslint rule CODE`` prints: what, why, and examples."""
    for r in load_rules(config):
        if r.code == rule_code.upper() or r.name == rule_code:
            lines = [
                f"{r.code} {r.name}",
                f"principle: {r.principle}   severity: {r.severity}   type: {r.type}",
                *([f"off by default: turn it on with --extend-select {r.code}"] if r.opt_in else []),
                "",
                r.description,
                "",
                f"Message: {r.message}",
                f"Source: {r.source}",
                f"Rule file: {r.path}",
                "",
                "Flags:",
                *(f"  - {t}" for t in r.examples_flag),
                "Passes:",
                *(f"  - {t}" for t in r.examples_pass),
            ]
            return "\n".join(lines) + "\n"
    raise UsageError(f"no rule {rule_code!r}; 'cslint rules' lists them")


def run_rule(argv: Sequence[str], stdout: TextIO) -> int:
    p = argparse.ArgumentParser(prog="cslint rule", description="Explain one rule, with its examples.")
    p.add_argument("code", help="a rule code (CS301) or name")
    p.add_argument("--rules", action="append", metavar="DIR", help="also load this folder of rule files")
    args = p.parse_args(argv)
    stdout.write(explain(args.code, Config(rules=tuple(str(Path(r).resolve()) for r in args.rules or ()))))
    return 0


def run_check_rules(argv: Sequence[str], stdout: TextIO) -> int:
    """Validate every rule file of the folders (reporting all bad files, not just the
    first) and run each rule's examples."""
    from ..rulefiles import examples, plugins, vocabulary
    from ..rulefiles.parse import build_rule, read_rule_file, rule_files

    p = argparse.ArgumentParser(prog="cslint check-rules", description="Validate rule files and run their examples.")
    p.add_argument("folders", nargs="+", metavar="DIR")
    args = p.parse_args(argv)
    types = plugins.extensions().rule_types
    invalid: list[str] = []
    failing: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    count = 0
    try:
        classes = vocabulary.load(Path(f) for f in args.folders)
    except RuleFileError as exc:
        invalid.append(str(exc))
        classes = vocabulary.shipped()
    for name in classes:
        failing.extend(vocabulary.problems(classes, name))
    for folder in args.folders:
        try:
            files = rule_files(Path(folder))
        except RuleFileError as exc:
            invalid.append(str(exc))
            continue
        for path in files:
            try:
                data = read_rule_file(path)
                rule = build_rule(data, str(path), types, vocabulary=classes)
            except RuleFileError as exc:
                invalid.append(str(exc))
                continue
            for key, value in (("code", rule.code), ("name", rule.name)):
                if (key, value) in seen:
                    invalid.append(f"{path}:{data.line_of(key)}: {key!r}: {value} is already used by {seen[key, value]}")
                seen[key, value] = str(path)
            count += 1
            failing.extend(examples.problems(rule))
    for message in (*invalid, *failing):
        stdout.write(message + "\n")
    stdout.write(f"{count} rule{'s' * (count != 1)} checked: {len(invalid)} invalid, {len(failing)} failing example{'s' * (len(failing) != 1)}\n")
    return 2 if invalid else 1 if failing else 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"rules": run_rules, "rule": run_rule, "check-rules": run_check_rules}
    command = commands.get(argv[0]) if argv else None
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
