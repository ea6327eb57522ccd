"""``cslint audit [OPTIONS] PATH...``: audit a macro library and print (or write) the report.

The run is a lint run's (the same configuration, rule selection and reading options, the
same worker processes) with the library rules on, and a report instead of a list of
findings: ``--format text`` (the default), ``json`` or ``html`` (one self-contained file,
best written with ``--output-file``). The exit status is 0 when the report was made,
whatever it holds, and 2 for a usage or configuration error.
"""
from __future__ import annotations

import argparse
import gc
import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TextIO

from .. import api
from ..cli import output
from ..cli.errors import UsageError
from ..cli.options import Parser, add_configuration, add_reading, add_selection
from ..checks.library import Observed
from ..cli.run import FileLint, _first_path, _text_size, configurations
from ..diagnostic import Diagnostic
from ..engine import library
from ..engine.linter import known_codes
from ..engine.selection import unknown
from ..rulefiles.load import load_rules
from ..runtime import parallel, timelimit
from ..sources.document import SourceFile
from . import html, jsonreport, text
from .macros import Description
from .model import Audit, Collector
from .run import LIBRARY, root_of

#: The report formats, by name.
FORMATS: dict[str, Callable[[Audit, TextIO, int], None]] = {
    "text": text.render, "json": jsonreport.render, "html": html.render,
}

#: What auditing one file gives: its diagnostics, what the library rules observed in it,
#: and its macros (:class:`cslint.audit.macros.FileMacros`; None when it was not read).
Audited = tuple[list[Diagnostic], list[Observed], object]


def audit_parser() -> argparse.ArgumentParser:
    p = Parser(prog="cslint audit", description="Audit a macro library: a summary a support lead can act on, "
               "as text, JSON or one self-contained HTML file.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="the library's files and folders")
    p.add_argument("--format", dest="report", choices=sorted(FORMATS), default="text", help="report format (default: text)")
    p.add_argument("--output-file", metavar="PATH", help="write the report to this file instead of standard output")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many of the worst macros to list (default: 10)")
    add_selection(p)
    add_configuration(p)
    add_reading(p)
    # (what a lint run's configuration takes from options the audit does not have)
    p.set_defaults(fail_level=None, min_severity=None, format=None, stdin_filename=None)
    return p


def run_audit(argv: Sequence[str], stdout: TextIO) -> int:
    args = audit_parser().parse_args(argv)
    if "-" in args.paths:
        raise UsageError("cslint audit reads a library from files and folders, not standard input")
    if args.top < 0:
        raise UsageError("--top: must be 0 or more")
    given = args.extend_select
    args.extend_select = (*(given or ()), LIBRARY)
    configs = configurations(args)
    config = configs(_first_path(args))
    rules = load_rules(config)
    for option in ("select", "ignore", "extend_select", "extend_ignore"):
        problem = unknown((given if option == "extend_select" else getattr(args, option)) or (), known_codes(rules))
        if problem:
            raise UsageError(f"--{option.replace('_', '-')}: {problem}")
    api.linter_for(config)  # (the rules compiled, their index built: all kept to the end of the run)
    # The collector keeps every macro and observation of the library: the cyclic garbage
    # collector would walk the rules' many objects at each full collection as they grow.
    gc.freeze()
    jobs = args.jobs or parallel.default_jobs()
    named = {k: getattr(args, f"{k}_field") for k in ("text", "title", "id", "context")}
    lint = FileLint(configs, args.input_format, args.include_inactive, {k: v for k, v in named.items() if v},
                    parallel.Spread(jobs), describe=Description, share=parallel.Share(jobs))
    collector = Collector(rules, root_of(args.paths))
    judging = library.Library(api.linter_for(config).rules)
    with output.opened(args.output_file, stdout, args.paths) as out:
        report = os.path.realpath(args.output_file) if args.output_file else None
        sources = (s for s in api.sources(args.paths, configs, input_format=args.input_format)
                   if report is None or os.path.realpath(s.path) != report)
        with timelimit.watching():
            # (only a file is sliced: a notice has no size)
            slicing: parallel.Slicing[Any, api.Linted, Audited] = parallel.Slicing(lint, partial(_audit_joined, lint))
            for _, (found, observed, described) in parallel.run(partial(_audit_file, lint), sources, jobs,
                                                                 size=_text_size, setup=timelimit.watch, lost=_lost,
                                                                 slicing=slicing):
                collector.add(found, observed, described)
                judging.add(observed)
        audit = collector.finish(judging.judged())
        FORMATS[args.report](audit, out.stream, args.top)
        out.flush()
    return 0


def _audit_file(lint: FileLint, source: SourceFile | Diagnostic) -> Audited:
    """One file of the audit (run in a worker process with ``-j``)."""
    if isinstance(source, Diagnostic):
        return [source], [], None
    found = lint(source)
    return found.diagnostics, found.observed, found.described


def _audit_joined(lint: FileLint, source: SourceFile, slices: list[api.Linted]) -> Audited:
    """What :func:`_audit_file` gives for a file, from its slices."""
    found = lint.joined(source, slices)
    return found.diagnostics, found.observed, found.described


def _lost(source: SourceFile | Diagnostic, why: str) -> Audited:
    """A file whose worker process died on it: one CS904, and the audit goes on."""
    return [api.internal_error(source.path, why)], [], None
