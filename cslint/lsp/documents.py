"""What the language server lints: an editor's buffer, read as the command line reads
the file it stands for.

A buffer is linted as ``cslint --stdin-filename PATH -`` lints the same text: with the
configuration nearest to ``PATH`` (cached as a lint run caches it), its reader chosen by
``PATH``'s name, ``max-file-size`` bounding what is read, and the library rules judging
the file on its own, as they do for a run over that one file. So the editor shows the
findings the command line prints. Nothing here knows of LSP.
"""
from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import api
from ..config import CONFIG_FILES, Config, Nearest
from ..diagnostic import Diagnostic
from ..fix.apply import Lint, Read
from ..rulefiles import load
from ..rulefiles.parse import Rule
from ..schema import SchemaError
from ..sources import discovery
from ..sources.document import Segment, SourceFile


@dataclass(frozen=True)
class Findings:
    """One version of a buffer and what cslint found in it."""

    source: SourceFile
    version: int | None
    diagnostics: list[Diagnostic]
    #: The buffer's configuration; None when it could not be used (``problem`` says why).
    config: Config | None
    #: The rules of that configuration by code, for links and hovers.
    rules: dict[str, Rule] = field(default_factory=dict)
    #: The rule file or configuration file that kept the buffer from being linted.
    problem: SchemaError | None = None


class Linting:
    """Lints buffers with the configuration of their paths, found as the command line
    finds it; :meth:`reload` forgets what was read, after a rule or configuration file
    changed."""

    def __init__(self) -> None:
        self.configs = Nearest()
        #: Buffers are linted in several threads: one finds a configuration, and loads
        #: its rules, at a time.
        self.lock = threading.Lock()
        #: The rule folders of the configurations used so far: a file saved in one of
        #: them changes the rules.
        self.rule_folders: set[Path] = set()

    def reload(self) -> None:
        with self.lock:
            load.forget()
            self.configs = Nearest()
            self.rule_folders.clear()

    def changes_rules(self, path: str) -> bool:
        """Whether saving the file at ``path`` may change the rules or configuration of
        some buffer: a configuration file, or a file in a rule folder in use."""
        file = Path(path).absolute()
        return file.name in CONFIG_FILES or any(file.is_relative_to(folder) for folder in self.rule_folders)

    def findings(self, path: str, text: str, version: int | None = None) -> Findings:
        """What cslint finds in ``text`` as the file at ``path``."""
        source = SourceFile(path, text)
        try:
            with self.lock:
                config = self.configs(path)
                self.rule_folders.update(f.absolute() for f in config.rule_folders())
                linter = api.linter_for(config)
                excluded = not any(discovery.files([path], self.configs))  # force-exclude, as for a named file
        except SchemaError as exc:
            return Findings(source, version, [], None, problem=exc)
        rules = {r.code: r for r in linter.rules}
        if excluded:
            return Findings(source, version, [], config, rules)
        data = text.encode("utf-8", "surrogatepass")
        # (standard input's reading: the size limit, a NUL byte, text that is not UTF-8)
        read = list(api.read_stdin(path, io.BytesIO(data), config, stream=False))
        if not any(isinstance(r, SourceFile) for r in read):
            return Findings(source, version, [r for r in read if isinstance(r, Diagnostic)], config, rules)
        # The buffer itself is linted (a byte-order mark the editor keeps stays in it), so
        # every position is a position in what the editor holds.
        linted = api.linted(source, config)
        return Findings(source, version, [*linted.diagnostics, *api.judge_library(config, linted.observed)], config, rules)


def reader(config: Config) -> Read:
    """The replies of a file as ``--fix`` reads them, to check a fixed text."""
    def read(source: SourceFile) -> list[Segment]:
        return api.read_segments(source, config)
    return read


def linter(config: Config) -> Lint:
    """What ``--fix`` lints a file with, between its rounds of fixes."""
    def lint(source: SourceFile) -> list[Diagnostic]:
        return api.lint_source(source, config)
    return lint
