"""The Python API; the command line is a thin layer over it.

>>> from cslint import lint_text
>>> [d.code for d in lint_text("As I said, please be advised that we will get back to you.")]
['CS101', 'CS201', 'CS401']
"""
from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from typing import BinaryIO, Protocol

from . import readers
from .checks.library import Observation, Observed
from .config import Config, ConfigFor, everywhere
from .diagnostic import Diagnostic
from .engine import library
from .engine import linter as engine
from .engine.linter import INTERNAL_ERROR, UNREADABLE_INPUT, Linter, notice
from .engine.masking import Prose
from .prefilter.index import IndexState
from .readers import NotReplies, ReadError, ReadOptions
from .rulefiles import cache
from .rulefiles.load import load_rules
from .runtime import timelimit
from .runtime.parallel import Part, Share, Slice, sliced
from .sources import discovery, opening, reading, streaming
from .sources.decode import DecodeError, decode
from .sources.document import Deferred, Segment, SourceFile, decoded

_LINTERS: OrderedDict[int, tuple[Config, Linter]] = OrderedDict()
#: Linters kept for the most recently used configurations; older ones are dropped, so a
#: program that builds a new Config per call does not keep a Linter per call forever.
_KEEP = 8


def linter_for(config: Config) -> Linter:
    """One Linter per configuration, so rules are loaded and compiled once.

    Threads may call it at once (``cslint serve`` answers each request in its own): a
    Linter in use is never out of the cache, even for a moment, so no thread builds a
    second one because another was just moving it to the end."""
    key = id(config)
    cached = _LINTERS.get(key)
    if cached is None or cached[0] is not config:
        cached = _LINTERS[key] = (config, Linter(load_rules(config), config, _keep_index))
    else:
        with suppress(KeyError):  # (dropped meanwhile by another thread: it was the oldest)
            _LINTERS.move_to_end(key)  # most recently used last
    while len(_LINTERS) > _KEEP:
        with suppress(KeyError):
            _LINTERS.popitem(last=False)
    return cached[1]


def _keep_index(patterns: list[object], build: Callable[[], IndexState]) -> IndexState:
    """A prefilter's index of these patterns, kept in the rule cache beside the rules."""
    return cache.cached(["index", *patterns], (), build, kind="index")


@dataclass(frozen=True)
class Linted:
    """What linting one file gives."""

    diagnostics: list[Diagnostic]
    #: Replies linted (internal notes and excluded macros are not), for the progress line.
    replies: int
    #: What the file's library rules observed, for the library pass (:func:`judge_library`).
    observed: list[Observed] = field(default_factory=list)
    #: What ``describe`` said of the file's replies (see :func:`linted`).
    described: object = None


class Describing(Protocol):
    """What a caller learns of one file's replies besides their findings (the audit's
    macros, with their text), computed where they are read: in the worker process with
    ``-j``, since replies and their offset maps do not travel between processes."""

    def reply(self, segment: Segment, prose: Prose, observations: Sequence[Observation]) -> None:
        """One reply, once its rules have run (:data:`cslint.engine.linter.EachReply`)."""

    def described(self, result: engine.FileResult) -> object:
        """What is said of the file, once all of it is linted (picklable)."""

    def joined(self, parts: Sequence[tuple[engine.FileResult, object]], result: engine.FileResult) -> object:
        """What is said of a file whose replies were linted in parts, each described on
        its own (:class:`cslint.runtime.parallel.Share`): the parts in file order, each
        with what was said of it, and the file's result, which holds the diagnostics of
        the parts (the same objects) and those of the parts of the file that could not
        be read, sorted."""


#: Starts describing one file (a class whose instances are :class:`Describing`).
Describe = Callable[[SourceFile], Describing]


def lint_source(
    source: SourceFile,
    config: Config,
    *,
    input_format: str | None = None,
    options: ReadOptions | None = None,
    context: str | None = None,
) -> list[Diagnostic]:
    """Lint one decoded file with the reader chosen for it (see :func:`linted`)."""
    return linted(source, config, input_format=input_format, options=options, context=context).diagnostics


def linted(
    source: SourceFile,
    config: Config,
    *,
    input_format: str | None = None,
    options: ReadOptions | None = None,
    run: engine.RuleRunner | None = None,
    context: str | None = None,
    describe: Describe | None = None,
    library_only: bool = False,
    share: Share | None = None,
    part: Slice | None = None,
) -> Linted:
    """Lint one decoded file in one pass: its plan resolved, its reader chosen and run to
    the end of the file, then its replies linted (their rules run by ``run``, one after
    the other unless the command line spreads them; checked by the watchdog running in
    this process, if any). ``context`` is the customer's message for the replies whose
    file carries none (a plain text reply has no context field). ``describe`` starts a
    :class:`Describing` of the file, told of each reply as it is linted and then of
    what was found in them. With ``library_only``, only the
    library rules observe the replies and nothing is reported: the file is part of the
    library, not one to report on (``--library``). ``share`` lints the replies of a
    large file in parts in worker processes (the command line's); the result is the same.
    ``part`` lints only that slice of the file's replies (the parts of the file that could
    not be read go with its last slice): :func:`joined` makes the file's result of its
    slices' (:class:`cslint.runtime.parallel.Slicing`), and an unexpected error is raised,
    for the file to be given up as a whole.

    Reading comes first, so a part the reader cannot read gives one CS902 at its line and
    costs none of the findings of the rest (:mod:`cslint.sources.reading`). An unexpected
    error gives one CS904 naming the file, so one odd file never ends a run.
    """
    linter = linter_for(config)  # a bad rule file is the caller's error, not this file's
    try:
        plan = linter.plan_for(source.path)
        if library_only:
            if not plan.library:
                return Linted([], 0)
            plan = replace(plan, rules=linter.no_rules, notices=frozenset())
        found = _reading(source, config, input_format, options, deferred=share is not None)
        replies = [s for s in found.segments if s.public and not config.excludes_macro(s.item)]
        if context:
            for reply in replies:
                reply.context = reply.context or context
        problems: Sequence[ReadError] = found.problems
        if part is not None:
            replies = replies[sliced([_size(reply) for reply in replies], part)]
            problems = problems if part.stop == part.shares else ()
            share = None
        parts = share.parts([_size(reply) for reply in replies]) if share is not None else None
        if share is None or parts is None:
            result, described = _lint(source, replies, plan, problems, run, describe)
        else:
            shared = _shared(source, replies, plan, found.problems, run, describe, share, parts)
            if isinstance(shared, str):  # (a part was lost: the file is, as when linted in one process)
                return Linted([internal_error(source.path, shared)], 0)
            result, described = shared
        return Linted(result.diagnostics, len(replies), result.observed, described)
    except Exception as exc:  # (the contract is: never a traceback, always a named file)
        if part is not None:
            raise  # (the file's error, not the slice's: its caller gives up the whole file)
        return Linted([internal_error(source.path, f"{type(exc).__name__}: {exc}")], 0)


def _size(reply: Segment | Deferred) -> int:
    return reply.size if isinstance(reply, Deferred) else len(reply.text)


def _lint(source: SourceFile, replies: Sequence[Segment | Deferred], plan: engine.FilePlan,
          problems: Sequence[ReadError], run: engine.RuleRunner | None,
          describe: Describe | None) -> tuple[engine.FileResult, object]:
    """The replies of a file linted in this process (all of them, or a part of a shared
    file: there the replies are decoded), and what ``describe`` says of them."""
    describing = describe(source) if describe is not None else None
    result = engine.lint_file(source, map(decoded, replies), plan, problems, watchdog=timelimit.current(), run=run,
                              each=describing.reply if describing is not None else None)
    return result, describing.described(result) if describing is not None else None


def _shared(source: SourceFile, replies: list[Segment | Deferred], plan: engine.FilePlan, problems: Sequence[ReadError],
            run: engine.RuleRunner | None, describe: Describe | None, share: Share,
            parts: Sequence[Part]) -> tuple[engine.FileResult, object] | str:
    """The replies of a file linted in parts in worker processes, joined into what linting
    them in one process gives: the diagnostics of all parts and of the parts of the file
    that could not be read, sorted as :func:`cslint.engine.linter.lint_file` sorts them
    (a stable sort, so ties keep the order of the replies), the observations in reply
    order. Why a part was lost, if one was (its worker died, or linting it failed)."""
    work = partial(_lint_part, source, replies, plan, run, describe)
    done: list[tuple[engine.FileResult, object]] = []
    outcomes: Iterator[tuple[engine.FileResult, object] | str] = share.run(work, parts, _part_lost)
    for outcome in outcomes:
        if isinstance(outcome, str):
            return outcome
        done.append(outcome)
    done.append((engine.lint_file(source, (), plan, problems), None))
    return _join(source, done, describe)


def _join(source: SourceFile, parts: Sequence[tuple[engine.FileResult, object]],
          describe: Describe | None) -> tuple[engine.FileResult, object]:
    """The result of a file linted in parts (in file order, each with what ``describe``
    said of it; the last may be only the notices of the parts of the file that could not
    be read, described as nothing), as linting it in one process gives: the diagnostics
    of all parts sorted as :func:`cslint.engine.linter.lint_file` sorts them (a stable
    sort, so ties keep the order of the replies), the observations in reply order."""
    diagnostics = sorted((d for found, _ in parts for d in found.diagnostics), key=Diagnostic.sort_key)
    result = engine.FileResult(diagnostics, [o for found, _ in parts for o in found.observed])
    described = [(found, said) for found, said in parts if said is not None]
    return result, describe(source).joined(described, result) if describe is not None else None


def joined(source: SourceFile, slices: Sequence[Linted], describe: Describe | None = None) -> Linted:
    """What linting a file gives, from what its slices gave, in order (see :func:`linted`'s
    ``part``; ``describe`` as there)."""
    result, described = _join(source, [(engine.FileResult(s.diagnostics, s.observed), s.described) for s in slices],
                              describe)
    return Linted(result.diagnostics, sum(s.replies for s in slices), result.observed, described)


def _lint_part(source: SourceFile, replies: list[Segment | Deferred], plan: engine.FilePlan, run: engine.RuleRunner | None,
               describe: Describe | None, part: Part) -> tuple[engine.FileResult, object]:
    """One part of a shared file (in the worker it was sent to, which has the file's
    replies from the process that read it)."""
    return _lint(source, replies[part.start : part.stop], plan, (), run, describe)


def _part_lost(part: Part, why: str) -> str:
    return why


def internal_error(path: str, why: str) -> Diagnostic:
    """The CS904 of a file whose linting failed (an error inside cslint or a plugin, or
    the worker process linting it died), saying ``why``."""
    return notice(path, INTERNAL_ERROR, f"internal error ({why}); please report it with this file")


def read_segments(
    source: SourceFile,
    config: Config,
    *,
    input_format: str | None = None,
    options: ReadOptions | None = None,
) -> list[Segment]:
    """The replies of one decoded file, read by the reader chosen for it.

    Raises :class:`ReadError` (naming the reader) where the file cannot be read in full.
    ``--fix`` reads a fixed file again with it, to check the fixes changed nothing but
    the replies.
    """
    found = _reading(source, config, input_format, options)
    for problem in found.problems:
        if not isinstance(problem, NotReplies):
            raise problem
    return [decoded(s) for s in found.segments]  # (none is deferred: not asked for)


def _reading(source: SourceFile, config: Config, input_format: str | None, options: ReadOptions | None, *,
             deferred: bool = False) -> reading.Reading:
    """The file read; with ``deferred``, HTML bodies are decoded where they are linted
    (in the workers of a shared file)."""
    reader = reading.reader_for(source, input_format, config.input_format)
    options = options or ReadOptions(fields=dict(config.fields))
    return reading.read(source, reader, replace(options, deferred=True) if deferred else options)


def lint_text(text: str, *, filename: str | None = None, config: Config | None = None,
              context: str | None = None) -> list[Diagnostic]:
    """Lint a reply (or the contents of a macro file) given as a string.

    ``filename`` picks the input format by its extension and is the path diagnostics carry.
    ``context`` is the customer's message the reply answers, read by the rules that ask
    whether the reply addresses it (CS305), together with any history the reply quotes; a
    reply whose file has its own context field (a CSV column) keeps that one.

    >>> [d.code for d in lint_text("Please send us your order number.", context="I was charged twice!")]
    ['CS305']
    """
    return lint_source(SourceFile(filename or "<text>", text), config or Config(), context=context)


def read_file(path: str, max_mb: float | None = None, encoding: str | None = None) -> SourceFile | Diagnostic:
    """The decoded file, or a CS902 diagnostic saying why it cannot be read.

    A file above ``max_mb`` megabytes is refused before it is read: one reply or macro
    file that large is almost always an accident (a log, a database dump), and linting it
    whole would hold it several times in memory. JSON Lines exports are streamed instead.
    Only regular files are read: a named pipe or a device is refused without waiting on
    it (:mod:`cslint.sources.opening`).
    """
    try:
        data = opening.read(path, _limit(max_mb))
    except opening.Refused as exc:
        return notice(path, UNREADABLE_INPUT, str(exc))
    except OSError as exc:
        return notice(path, UNREADABLE_INPUT, f"cannot read: {exc.strerror or exc}")
    return read_bytes(path, data, encoding)


def _limit(max_mb: float | None) -> int | None:
    return None if max_mb is None else int(max_mb * 1_000_000)


def read_bytes(name: str, data: bytes, encoding: str | None = None) -> SourceFile | Diagnostic:
    """``data`` decoded as a file named ``name`` (standard input reads as a file does: its
    byte-order mark, UTF-16 and bytes that are not text alike; ``encoding`` where there is
    no byte-order mark, else UTF-8), or a CS902 diagnostic saying why it cannot be read."""
    try:
        decoded = decode(data, encoding)
    except DecodeError as exc:
        return notice(name, UNREADABLE_INPUT, str(exc), exc.line or 1)
    return SourceFile(name, decoded.text, decoded.encoding)


def lint_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    *,
    input_format: str | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Diagnostic]:
    """Lint files and folders (walked recursively), yielding diagnostics file by file in
    sorted path order; a missing or unreadable file gives a CS902 diagnostic. ``paths`` is
    one path (a string or a :class:`os.PathLike`) or an iterable of them.

    The findings of library rules (CS8xx, which judge all the files together) come last,
    once every file is read."""
    config = config or Config()
    observed: list[Observed] = []
    for source in sources(paths, config, input_format=input_format):
        if isinstance(source, Diagnostic):
            yield source
        else:
            found = linted(source, config, input_format=input_format, options=options)
            observed.extend(found.observed)
            yield from found.diagnostics
    yield from judge_library(config, observed)


def judge_library(config: Config, observed: list[Observed]) -> list[Diagnostic]:
    """The findings of the library rules of ``config`` on what they observed in every file
    of a run (:mod:`cslint.engine.library`)."""
    return library.judge(linter_for(config).rules, observed) if observed else []


def sources(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], config: Config | ConfigFor, *,
            stream: bool = True,
            input_format: str | None = None) -> Iterator[SourceFile | Diagnostic]:
    """The files of a run, decoded, in sorted path order, or the CS902 diagnostic saying
    why one cannot be read (``--fix`` needs the file itself, not only its diagnostics).
    ``config`` is one configuration for all, or the configuration of each path
    (:class:`cslint.config.Nearest`): it says which files a folder walk takes, and how
    each file is read.

    With ``stream``, a huge JSON Lines export comes as several windows of whole lines
    (:mod:`cslint.sources.streaming`) instead of one text, so memory stays flat; each
    window is read with the reader chosen for the file (``input_format`` forces one)."""
    config_for = everywhere(config) if isinstance(config, Config) else config
    readers.registry()  # a broken reader plugin fails before any output ...
    named = [paths] if isinstance(paths, (str, os.PathLike)) else paths
    found = sorted(dict.fromkeys(discovery.files([os.fspath(p) for p in named], config_for)))
    configs = [config_for(path) for path in found]
    for each in {id(c): c for c in configs}.values():
        linter_for(each)  # ... and so does a bad rule file, of any configuration the files use
    for path, file_config in zip(found, configs):
        if not os.path.exists(path):
            yield notice(path, UNREADABLE_INPUT, "no such file or folder")
            continue
        reader = streaming.wanted(path, input_format, file_config.input_format) if stream else None
        if reader is not None:
            windows = streaming.windows(path, reader, encoding=file_config.encoding,
                                        longest=_limit(file_config.max_file_size))
            yield from _streamed(path, windows, file_config)
            continue
        yield from _readable(read_file(path, file_config.max_file_size, file_config.encoding), file_config)


def read_stdin(name: str, data: BinaryIO, config: Config, *, input_format: str | None = None,
               stream: bool = True) -> Iterator[SourceFile | Diagnostic]:
    """Standard input as the file ``name``: read as a file of that name would be, and, as
    for a file, a JSON Lines export of 2 MB or more comes as windows of whole lines (``zcat
    export.jsonl.gz | cslint --stdin-filename export.jsonl -`` stays flat in memory). What
    is read whole is read to ``max-file-size`` at most, as a file is (``cslint - <
    /dev/zero`` gets the CS902 of a file too large). ``config`` is the configuration of
    ``name`` (the command line finds the nearest to it)."""
    head = data.read(streaming.STREAM_BYTES)
    if stream and len(head) == streaming.STREAM_BYTES:
        reader = streaming.line_reader(name, head, input_format, config.input_format)
        if reader is not None:
            windows = streaming.read_windows(name, streaming.replayed(head, data), reader, given=config.encoding,
                                             longest=_limit(config.max_file_size))
            yield from _streamed(name, windows, config)
            return
    try:
        rest = opening.bounded(data, _limit(config.max_file_size), len(head))
    except opening.Refused as exc:
        yield from _readable(notice(name, UNREADABLE_INPUT, str(exc)), config)
        return
    yield from _readable(read_bytes(name, head + rest, config.encoding), config)


def _streamed(name: str, windows: Iterator[SourceFile], config: Config) -> Iterator[SourceFile | Diagnostic]:
    """The windows of a streamed file, then CS902 if it cannot be read on to its end."""
    try:
        yield from windows
    except DecodeError as exc:
        yield from _readable(notice(name, UNREADABLE_INPUT, str(exc), exc.line or 1), config)
    except OSError as exc:
        yield from _readable(notice(name, UNREADABLE_INPUT, f"cannot read: {exc.strerror or exc}"), config)


def _readable(source: SourceFile | Diagnostic, config: Config) -> Iterator[SourceFile | Diagnostic]:
    """The file, or the notice that it cannot be read unless that notice is turned off."""
    if not isinstance(source, Diagnostic) or source.code in linter_for(config).plan_for(source.path).notices:
        yield source
