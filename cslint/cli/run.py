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
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .. import api, readers, reporters
from ..checks.library import Observed
from ..config import DEFAULT_EXCLUDE, SETTINGS, Config, ConfigFor, Nearest, everywhere, load
from ..diagnostic import Diagnostic
from ..engine import library
from ..engine.linter import RULE_TIMEOUT, STOPPED, RuleRunner, known_codes
from ..engine.selection import unknown
from ..readers import ReadOptions
from ..reporters.summary import Tally
from ..rulefiles.load import folders_for, load_rules
from ..runtime import parallel, timelimit
from ..sources import discovery
from ..sources.document import Segment, SourceFile
from . import output, progress
from .errors import UsageError

if TYPE_CHECKING:
    from ..fix import apply as fix
    from ..rulefiles.parse import Rule

#: A file of the run (or the notice that it cannot be read), its diagnostics, and how many
#: replies were linted in it.
Done = tuple[SourceFile | Diagnostic, list[Diagnostic], int]
#: What a worker hands back for one file: its diagnostics, how many replies it held, and
#: what the library rules observed in it.
Result = tuple[list[Diagnostic], int, list[Observed]]


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
        self.configs = configurations(args)
        self.config = self.configs(_first_path(args))
        self._check_options()
        self.reporter_class = self._reporter_class()
        self.rules = load_rules(self.config)
        check_prefixes(args, self.rules)
        self.fixing = bool(args.fix or args.diff)
        self.jobs = 1 if self.fixing else args.jobs or parallel.default_jobs()
        named = {k: getattr(args, f"{k}_field") for k in ("text", "title", "id", "context")}
        #: With ``--library``: the files named, resolved: the ones reported on (the library's
        #: other files are read only for what the library rules observe in them).
        self.named = frozenset(map(os.path.realpath, self._named_files())) if args.library else None
        self.lint = FileLint(self.configs, args.input_format, args.include_inactive,
                             {k: v for k, v in named.items() if v}, parallel.Spread(self.jobs), report=self.named,
                             share=parallel.Share(self.jobs))
        self.listener = listener or self._progress_line()
        self.tally = Tally()
        self.session: fix.Session | None = None
        #: Files (and standard input) the run read or found unreadable.
        self.files = 0
        #: What the library rules observed in the files so far, judged at the end.
        self.observed: list[Observed] = []

    # 1. settings

    def _check_options(self) -> None:
        args = self.args
        if args.input_format and args.input_format not in readers.registry():
            raise UsageError(f"--input-format: unknown format {args.input_format!r}; known: {', '.join(readers.registry())}")
        if args.fix and "-" in args.paths and args.paths != ["-"]:
            raise UsageError("--fix -: standard input is fixed onto standard output, so it takes no other path")
        if args.library is not None:
            if "-" in args.paths:
                raise UsageError("--library: the files to report on are named as paths, not read from standard input")
            if not os.path.exists(args.library):
                raise UsageError(f"--library: {args.library}: no such file or folder")

    def _reporter_class(self) -> type[reporters.Reporter]:
        name = self.config.format
        try:
            cls = reporters.get(name)
        except KeyError:
            raise UsageError(f"--format: unknown format {name!r}; known: {', '.join(reporters.names())}") from None
        missing = cls.missing()
        if missing:
            raise UsageError(f"--format {name}: {missing}")
        if cls.binary and not self.args.output_file:
            raise UsageError(f"--format {name} writes a binary file: name it with --output-file (e.g. --output-file findings.{name})")
        return cls

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

    def _show(self) -> int:
        """``--show-settings`` and ``--show-files``: what the run would use, on standard
        output, and nothing linted (as ruff's options of the same names)."""
        if self.args.show_settings:
            self.stdout.write(f"# configuration: {self.config.source or 'none (the defaults)'}\n")
            for key, setting in SETTINGS.items():
                value = getattr(self.config, key.replace("-", "_"))
                if value is None:  # (its default is not a value: say what applies)
                    self.stdout.write(f"# {key}: not set: {(setting.shown or '').split(' (')[0]}\n")
                else:
                    default = f"  # and the defaults: {_toml(DEFAULT_EXCLUDE)}" if key == "exclude" and not value else ""
                    self.stdout.write(f"{key} = {_toml(value)}{default}\n")
            self.stdout.write(f"# rules: {len(self.rules)} loaded, from {', '.join(map(str, folders_for(self.config)))}\n")
        if self.args.show_files:
            paths = self.args.paths or ["."]
            named = sorted(dict.fromkeys(discovery.files([p for p in paths if p != "-"], self.configs)))
            self.stdout.write("".join(f"{p}\n" for p in (["-"] if "-" in paths else []) + named))
        return 0

    def _say(self, line: str) -> None:
        """A line of ``--verbose`` on standard error."""
        print(f"cslint: {line}", file=self.stderr)

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
        if self.named is not None:  # the named files, and the rest of the library
            files = [*self._named_files(), *(p for p in discovery.files([args.library], self.configs)
                                             if os.path.realpath(p) not in self.named)]
        report = os.path.realpath(args.output_file) if args.output_file else None
        if files:  # the report being written is not a reply, even when it is JSON in the folder linted
            found = api.sources(files, self.configs, stream=not self.fixing, input_format=args.input_format)
            yield from found if report is None else (s for s in found if os.path.realpath(s.path) != report)

    def _named_files(self) -> list[str]:
        """The files the paths name (folders walked), without standard input."""
        return list(discovery.files([p for p in self.args.paths or ["."] if p != "-"], self.configs))

    def _reported(self, source: SourceFile | Diagnostic) -> bool:
        """Whether the run reports on this file (with ``--library``, only on those named)."""
        return self.named is None or os.path.realpath(source.path) in self.named

    # 3. linting

    def _linted(self) -> Iterator[Done]:
        """Each file linted in worker processes, in the order of the files."""
        work = partial(_lint_file, self.lint)
        reported: set[str] = set()
        # (only a file is sliced: a notice has no size)
        slicing: parallel.Slicing[Any, api.Linted, Result] = parallel.Slicing(self.lint, partial(_lint_joined, self.lint))
        for source, (found, replies, observed) in parallel.run(work, self._sources(), self.jobs, size=_text_size,
                                                               setup=timelimit.watch, lost=_lost, slicing=slicing):
            self.observed.extend(observed)
            if self._reported(source):
                yield source, _once(found, reported), replies

    def _fixed(self, session: fix.Session) -> Iterator[Done]:
        """Each file fixed (``--fix``) or its fixes shown (``--diff``), and what is left;
        the library rules observe each file as it is once fixed (a library file that is
        not reported on is observed, never fixed)."""
        for source in self._sources():
            if isinstance(source, Diagnostic):
                if self._reported(source):
                    yield source, [source], 0
            elif not self._reported(source):
                self.observed.extend(self.lint.observe(source))
            else:
                fixed, found = session.run(source)
                self.observed.extend(self.lint.observe(fixed))
                yield fixed, found, 0

    def _library(self) -> Iterator[Diagnostic]:
        """The library rules' findings, once every file is read; with ``--library``, those
        about a file named (at it, or naming one of its macros)."""
        if not self.observed:
            return
        for judged in library.judged(api.linter_for(self.config).rules, self.observed):
            if self.named is None or any(os.path.realpath(path) in self.named
                                         for path in (judged.diagnostic.path, *(o.path for o in judged.related))):
                yield judged.diagnostic

    # 4. reporting

    @property
    def fixing_stdin(self) -> bool:
        """``--fix -``: the fixed text goes to standard output, and the report to standard
        error (unless ``--output-file``), as ruff does."""
        return bool(self.args.fix) and self.args.paths == ["-"]

    def run(self) -> int:
        if self.args.show_settings or self.args.show_files:
            return self._show()
        if self.args.verbose:
            self._say(f"configuration: {self.config.source or 'none (the defaults)'}")
            self._say(f"{len(self.rules)} rules loaded")
        with output.opened(self.args.output_file, self.stderr if self.fixing_stdin else self.stdout,
                           self.args.paths, binary=self.reporter_class.binary) as out:
            self._report(out)
        self._summarize()
        return self._exit_status()

    def _report(self, out: output.PerFile) -> None:
        args = self.args
        reporter = self.reporter_class(out.stream, reporters.ReportOptions(rules=self.rules, show_source=args.show_source,
                                                                              unsafe_fixes=args.unsafe_fixes, fixed=args.fix,
                                                                              output=out.binary))
        if self.fixing:
            from ..fix import apply as fix  # (only --fix and --diff pay for importing it)

            self.session = fix.Session(self.lint.diagnostics, self.lint.segments, unsafe=args.unsafe_fixes,
                                       log=self.stderr, diff=out.stream if args.diff else None,
                                       emit=self.stdout if self.fixing_stdin else None,
                                       within=[os.path.realpath(p) for p in args.paths or ["."] if p != "-"])
        last = ""
        with timelimit.watching():
            for source, found, replies in self._fixed(self.session) if self.session else self._linted():
                self.files += 1
                if args.verbose and source.path != last:
                    self._say(f"linted {source.path}")
                last = source.path
                if not isinstance(source, Diagnostic):
                    reporter.start(source)
                    self.listener.advance(replies, len(source.text))
                if not args.diff:  # (like ruff: --diff shows only the changes)
                    for d in found:
                        reporter.handle(d)
                        self.tally.add(d)
                out.flush()
            if not args.diff:  # the library rules, once every file is read
                for d in self._library():
                    reporter.handle(d)
                    self.tally.add(d)
        self.listener.close()
        if not args.diff:
            try:
                reporter.finish()
            except OSError as exc:  # (a binary report is written here, straight to its file)
                if out.binary is None or out.path is None:
                    raise
                raise output.unwritable(out.path, exc) from None
            out.flush()

    # 5. the end

    def _summarize(self) -> None:
        args = self.args
        if not self.files:  # (as ruff warns, and exits 0: a hook run on no file of ours passes)
            named = " ".join(args.paths or ["."])
            print(f"cslint: warning: no file to lint in {named} (folders are searched for the files "
                  "`include` names: every extension a reader declares, by default)", file=self.stderr)
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


def configurations(args: argparse.Namespace) -> ConfigFor:
    """The configuration of each path: the nearest file's settings (or the named file's,
    or the defaults), with the options given (a subcommand that does not take one of
    them sets it to None: ``cslint serve``)."""
    if args.config and not Path(args.config).is_file():
        raise UsageError(f"--config: {args.config}: no such file")
    options = Options(
        {"select": args.select, "ignore": args.ignore, "no_default_rules": args.no_default_rules,
         "fail_level": args.fail_level, "min_severity": args.min_severity, "encoding": args.encoding,
         "format": args.format, "force_exclude": args.force_exclude},
        rules=tuple(str(Path(r).resolve()) for r in args.rules or ()),
        extend_select=tuple(args.extend_select or ()), extend_ignore=tuple(args.extend_ignore or ()),
    )
    if args.isolated:
        return everywhere(options(Config()))
    if args.config:
        return everywhere(options(load(Path(args.config))))
    return Nearest(options)


def check_prefixes(args: argparse.Namespace, rules: list[Rule]) -> None:
    """A code prefix given on the command line that no rule has is a usage error naming
    the option (the configuration's are checked with the linter, naming the file)."""
    known = known_codes(rules)
    for option in ("select", "ignore", "extend_select", "extend_ignore"):
        problem = unknown(getattr(args, option) or (), known)
        if problem:
            raise UsageError(f"--{option.replace('_', '-')}: {problem}")


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
    #: What else to learn of each file's replies (the audit's macros; see :func:`cslint.api.linted`).
    describe: api.Describe | None = None
    #: With ``--library``: the files to report on (as ``os.path.realpath`` gives them); the
    #: others are read only for what the library rules observe in them.
    report: frozenset[str] | None = None
    #: Shares the replies of a large file over worker processes (see :func:`cslint.api.linted`).
    share: parallel.Share | None = None

    def _options(self, config: Config) -> ReadOptions:
        return ReadOptions(include_inactive=self.include_inactive, fields={**config.fields, **self.fields})

    def __call__(self, source: SourceFile, part: parallel.Slice | None = None) -> api.Linted:
        """The file linted (with ``part``, only that slice of its replies: see
        :meth:`joined`)."""
        config = self.configs(source.path)
        library_only = self.report is not None and os.path.realpath(source.path) not in self.report
        return api.linted(source, config, input_format=self.input_format, options=self._options(config), run=self.run,
                          describe=self.describe, library_only=library_only, share=self.share, part=part)

    def joined(self, source: SourceFile, slices: list[api.Linted]) -> api.Linted:
        """The file linted, from its slices linted in order (see :func:`cslint.api.joined`)."""
        return api.joined(source, slices, self.describe)

    def observe(self, source: SourceFile) -> list[Observed]:
        """What the library rules observe in a file, and nothing else (``--fix`` lints
        with :meth:`diagnostics`, which keeps no observation)."""
        config = self.configs(source.path)
        return api.linted(source, config, input_format=self.input_format, options=self._options(config),
                          library_only=True).observed

    def diagnostics(self, source: SourceFile) -> list[Diagnostic]:
        """What ``--fix`` reports on a file."""
        config = self.configs(source.path)
        return api.lint_source(source, config, input_format=self.input_format, options=self._options(config))

    def segments(self, source: SourceFile) -> list[Segment]:
        """The replies ``--fix`` checks a fixed file still holds."""
        config = self.configs(source.path)
        return api.read_segments(source, config, input_format=self.input_format, options=self._options(config))


def _toml(value: object) -> str:
    """A setting as it would be written in the configuration file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return json.dumps(value)
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


def _lint_file(lint: Callable[[SourceFile], api.Linted], source: SourceFile | Diagnostic) -> Result:
    """A file's diagnostics, how many replies it held and what the library rules observed
    in it (run in a worker with -j)."""
    if isinstance(source, Diagnostic):
        return [source], 0, []
    found = lint(source)
    return found.diagnostics, found.replies, found.observed


def _lint_joined(lint: FileLint, source: SourceFile, slices: list[api.Linted]) -> Result:
    """What :func:`_lint_file` gives for a file, from its slices."""
    found = lint.joined(source, slices)
    return found.diagnostics, found.replies, found.observed


def _once(found: list[Diagnostic], reported: set[str]) -> list[Diagnostic]:
    """``found`` without the CS903 of a rule stopped for the run that is already
    ``reported`` (in an earlier file, or earlier in this one): each worker process stops
    a slow rule at its own first timeout, and the run reports the first (where no
    watchdog runs, each reply's CS903 is kept). The workers that share one file's replies
    may each stop it in that file."""
    if not any(d.code == RULE_TIMEOUT[0] for d in found):
        return found
    kept = []
    for d in found:
        if d.code == RULE_TIMEOUT[0]:
            if d.message in reported:
                continue
            if STOPPED in d.message:
                reported.add(d.message)
        kept.append(d)
    return kept


def _lost(source: SourceFile | Diagnostic, why: str) -> Result:
    """What a file gives whose worker process died on it (or failed in a way
    :func:`cslint.api.linted` could not catch): one CS904, so the run goes on."""
    return [api.internal_error(source.path, why)], 0, []


def _text_size(source: SourceFile | Diagnostic) -> int:
    return len(source.text) if isinstance(source, SourceFile) else 0
