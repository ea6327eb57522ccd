"""One lint run of the command line, as an object whose steps each do one thing.

:class:`LintRun` takes the parsed options and goes through them in order:

1. settings: the configuration, the options that cannot go together, the rules, the
   reader options and the reporter (any of them may end the run with a usage error,
   before anything is read);
2. the files: standard input first, then the paths named, each decoded or the notice
   that it cannot be read;
3. linting: in worker processes under the watchdog, or, with ``--fix`` and ``--diff``,
   file by file in this process through the fix session;
4. reporting: file by file, each file's output in one write, and each file done told to
   the progress listener (the replies it held and its size);
5. the end: the summary lines and the exit status.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from .. import api, readers, reporters
from ..config import Config, ConfigFor, Nearest, everywhere, load
from ..diagnostic import Diagnostic
from ..engine.linter import RuleRunner
from ..fix import apply as fix
from ..readers import ReadOptions
from ..reporters.summary import Tally
from ..rulefiles.load import load_rules
from ..runtime import parallel, timelimit
from ..sources import discovery
from ..sources.document import Segment, SourceFile
from . import output, progress
from .errors import UsageError

#: A file of the run (or the notice that it cannot be read), its diagnostics, and how many
#: replies were linted in it.
Done = tuple[SourceFile | Diagnostic, list[Diagnostic], int]


class LintRun:
    """``cslint [OPTIONS] [PATH ...]``: :meth:`run` lints and reports, and gives the exit
    status. ``listener`` hears of each file done (default: the progress line, drawn on
    a terminal only)."""

    def __init__(self, args: argparse.Namespace, stdout: TextIO, stderr: TextIO | None = None, *,
                 listener: progress.Listener | None = None) -> None:
        self.args = args
        self.stdout = stdout
        self.stderr = stderr or sys.stderr
        #: The configuration of each file; and of the run (format, fail level, the rules
        #: the reporters describe): the one of the first path.
        self.configs = _configs(args)
        self.config = self.configs(_first_path(args))
        self._check_options()
        self.reporter_class = self._reporter_class()
        self.rules = load_rules(self.config)
        self.fixing = bool(args.fix or args.diff)
        self.jobs = 1 if self.fixing else args.jobs or parallel.default_jobs()
        named = {k: getattr(args, f"{k}_field") for k in ("text", "title", "id", "context")}
        self.lint = FileLint(self.configs, args.input_format, args.include_inactive,
                             {k: v for k, v in named.items() if v}, parallel.Spread(self.jobs))
        self.listener = listener or self._progress_line()
        self.tally = Tally()
        self.session: fix.Session | None = None

    # 1. settings

    def _check_options(self) -> None:
        args = self.args
        if args.input_format and args.input_format not in readers.registry():
            raise UsageError(f"--input-format: unknown format {args.input_format!r}; known: {', '.join(readers.registry())}")
        if args.fix and "-" in args.paths:
            raise UsageError("--fix cannot write to standard input; --diff shows the fixes")

    def _reporter_class(self) -> type[reporters.Reporter]:
        try:
            return reporters.get(self.config.format)
        except KeyError:
            raise UsageError(f"--format: unknown format {self.config.format!r}; known: {', '.join(reporters.names())}") from None

    def _progress_line(self) -> progress.Progress:
        bar = progress.Progress(self.stderr, 0, enabled=False if self.args.quiet else None)
        if bar.enabled:  # the time left needs the size of the input: only asked on a terminal
            bar.total = self._input_bytes()
        return bar

    def _input_bytes(self) -> int:
        total = 0
        for path in discovery.files([p for p in self.args.paths or ["."] if p != "-"], self.configs):
            try:
                total += os.path.getsize(path)
            except OSError:
                continue
        return total

    # 2. the files

    def _sources(self) -> Iterator[SourceFile | Diagnostic]:
        """Standard input (for '-'), then the files and folders named, as the reporters
        see them; whole files when they are to be fixed, else streamed where they can be."""
        args = self.args
        paths = args.paths or ["."]
        if "-" in paths:
            name = args.stdin_filename or "stdin"
            yield from api.read_stdin(name, sys.stdin.buffer, self.configs(name), input_format=args.input_format,
                                      stream=not self.fixing)
        files = [p for p in paths if p != "-"]
        report = os.path.realpath(args.output_file) if args.output_file else None
        if files:  # the report being written is not a reply, even when it is JSON in the folder linted
            yield from (s for s in api.sources(files, self.configs, stream=not self.fixing, input_format=args.input_format)
                        if os.path.realpath(s.path) != report)

    # 3. linting

    def _linted(self) -> Iterator[Done]:
        """Each file linted in worker processes, in the order of the files."""
        work = partial(_lint_file, self.lint)
        for source, (found, replies) in parallel.run(work, self._sources(), self.jobs, size=_text_size,
                                                     setup=timelimit.watch):
            yield source, found, replies

    def _fixed(self, session: fix.Session) -> Iterator[Done]:
        """Each file fixed (``--fix``) or its fixes shown (``--diff``), and what is left."""
        for source in self._sources():
            if isinstance(source, Diagnostic):
                yield source, [source], 0
            else:
                fixed, found = session.run(source)
                yield fixed, found, 0

    # 4. reporting

    def run(self) -> int:
        with output.opened(self.args.output_file, self.stdout) as out:
            self._report(output.PerFile(out))
        self._summarize()
        return self._exit_status()

    def _report(self, out: output.PerFile) -> None:
        args = self.args
        reporter = self.reporter_class(out.stream, reporters.ReportOptions(rules=self.rules, show_source=args.show_source))
        if self.fixing:
            self.session = fix.Session(self.lint.diagnostics, self.lint.segments, unsafe=args.unsafe_fixes, log=self.stderr,
                                       diff=out.stream if args.diff else None)
        with timelimit.watching():
            for source, found, replies in self._fixed(self.session) if self.session else self._linted():
                if not isinstance(source, Diagnostic):
                    reporter.start(source)
                    self.listener.advance(replies, len(source.text))
                if not args.diff:  # (like ruff: --diff shows only the changes)
                    for d in found:
                        reporter.handle(d)
                        self.tally.add(d)
                out.flush()
        self.listener.close()
        if not args.diff:
            reporter.finish()
            out.flush()

    # 5. the end

    def _summarize(self) -> None:
        args = self.args
        if args.quiet:
            return
        human = self.config.format in ("default", "grouped") and not args.diff
        tried = (("safe", "unsafe") if args.unsafe_fixes else ("safe",)) if args.fix else ()
        for line in (self.session.summary() if self.session else "", self.tally.found(tried) if human else ""):
            if line:
                print(line, file=self.stderr)

    def _exit_status(self) -> int:
        args = self.args
        if args.diff:  # like ruff: only the changes, and whether there are any
            return 0 if args.exit_zero or not (self.session and self.session.fixes) else 1
        if args.statistics:
            self.stdout.write(self.tally.statistics())
        if args.count:
            self.stdout.write(f"{self.tally.total}\n")
        return 0 if args.exit_zero or not self.tally.at_least(self.config.fail_level) else 1


@dataclass(frozen=True)
class Options:
    """The options given on the command line that override configuration keys, applied
    to each configuration file found (picklable: worker processes find the configuration
    of their files themselves)."""

    values: dict[str, object]
    #: Folders of rule files (--rules), resolved against the current folder.
    rules: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()

    def __call__(self, base: Config) -> Config:
        return base.with_overrides(
            **self.values,
            rules=(*base.rules, *self.rules) if self.rules else None,
            extend_select=(*base.extend_select, *self.extend_select) if self.extend_select else None,
            extend_ignore=(*base.extend_ignore, *self.extend_ignore) if self.extend_ignore else None,
        )


def _configs(args: argparse.Namespace) -> ConfigFor:
    """The configuration of each path: the nearest file's settings (or the named file's,
    or the defaults), with the options given."""
    if args.config and not Path(args.config).is_file():
        raise UsageError(f"--config: {args.config}: no such file")
    options = Options(
        {"select": args.select, "ignore": args.ignore, "no_default_rules": args.no_default_rules,
         "fail_level": args.fail_level, "format": args.format, "force_exclude": args.force_exclude},
        rules=tuple(str(Path(r).resolve()) for r in args.rules or ()),
        extend_select=tuple(args.extend_select or ()), extend_ignore=tuple(args.extend_ignore or ()),
    )
    if args.isolated:
        return everywhere(options(Config()))
    if args.config:
        return everywhere(options(load(Path(args.config))))
    return Nearest(options)


def _first_path(args: argparse.Namespace) -> str:
    """Where the run's own settings come from: the first path, or the name standard
    input is given."""
    first = args.paths[0] if args.paths else "."
    return (args.stdin_filename or ".") if first == "-" else first


@dataclass(frozen=True)
class FileLint:
    """Lints one file with its own configuration (picklable: worker processes call it)."""

    configs: ConfigFor
    input_format: str | None
    include_inactive: bool
    #: Fields named on the command line (--text-field...), over the configuration's.
    fields: dict[str, str] = field(default_factory=dict)
    run: RuleRunner | None = None

    def _options(self, config: Config) -> ReadOptions:
        return ReadOptions(include_inactive=self.include_inactive, fields={**config.fields, **self.fields})

    def __call__(self, source: SourceFile) -> api.Linted:
        config = self.configs(source.path)
        return api.linted(source, config, input_format=self.input_format, options=self._options(config), run=self.run)

    def diagnostics(self, source: SourceFile) -> list[Diagnostic]:
        """What ``--fix`` reports on a file."""
        config = self.configs(source.path)
        return api.lint_source(source, config, input_format=self.input_format, options=self._options(config))

    def segments(self, source: SourceFile) -> list[Segment]:
        """The replies ``--fix`` checks a fixed file still holds."""
        config = self.configs(source.path)
        return api.read_segments(source, config, input_format=self.input_format, options=self._options(config))


def _lint_file(lint: Callable[[SourceFile], api.Linted], source: SourceFile | Diagnostic) -> tuple[list[Diagnostic], int]:
    """A file's diagnostics and how many replies it held (run in a worker with -j)."""
    if isinstance(source, Diagnostic):
        return [source], 0
    found = lint(source)
    return found.diagnostics, found.replies


def _text_size(source: SourceFile | Diagnostic) -> int:
    return len(source.text) if isinstance(source, SourceFile) else 0
