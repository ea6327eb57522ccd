"""Configuration: ``[tool.cslint]`` in pyproject.toml, or ``cslint.toml`` / ``.cslint.toml``.

Keys mirror the command-line options, so what a team writes in its configuration reads
like what it would type. An unknown key is an error naming the key and the file: a typo
must never silently switch a rule back on.
"""
from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .diagnostic import SEVERITIES, Item

#: Folders never searched when walking a directory.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages",
)
CONFIG_FILES: tuple[str, ...] = (".cslint.toml", "cslint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; ``str()`` names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Everything that decides what cslint checks and how it reports.

    Build one directly in Python (``Config(select=("CS1",))``), or let :func:`discover` /
    :func:`load` read it from a file. Paths in a file are relative to that file.
    """

    select: tuple[str, ...] = ("CS",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    no_default_rules: bool = False
    fail_level: str = "info"
    #: Globs of the files linted when walking a folder; None: every extension a reader
    #: declares (:func:`cslint.readers.folder_globs`).
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    rule_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    input_format: Mapping[str, str] = field(default_factory=dict)
    #: Reader field names, e.g. {"text": "answer", "title": "question"} (CSV columns, JSON keys).
    fields: Mapping[str, str] = field(default_factory=dict)
    #: Macros never linted, by id or by title glob ("123", "Internal: *").
    exclude_macros: tuple[str, ...] = ()
    format: str = "default"
    #: Files larger than this many megabytes get CS902 instead of being read (JSON Lines
    #: exports are streamed and have no limit).
    max_file_size: float = 64
    #: The folder that relative globs and rule folders are resolved against.
    root: str = "."
    #: The file this configuration was read from, if any.
    source: str | None = None

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with options given on the command line taking precedence."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def selected(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The effective (select, ignore) prefix lists."""
        return (*self.select, *self.extend_select), (*self.ignore, *self.extend_ignore)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """Extra ignored prefixes for one file, from ``per-file-ignores``."""
        if not self.per_file_ignores:
            return ()
        rel = _relative(path, self.root)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                out.extend(codes)
        return tuple(out)

    def excludes_macro(self, item: Item | None) -> bool:
        """Whether ``exclude-macros`` names this macro by its id or matches its title."""
        if item is None or not self.exclude_macros:
            return False
        return any(item.id == p or (item.title is not None and fnmatch.fnmatchcase(item.title, p)) for p in self.exclude_macros)

    def rule_folders(self) -> list[Path]:
        return [Path(self.root, r) for r in self.rules]


def _relative(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _codes(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


_TUPLES = {"select", "ignore", "extend-select", "extend-ignore", "rules", "include", "exclude", "extend-exclude", "exclude-macros"}
_FIELD_KINDS = ("text", "title", "id", "context")


def from_mapping(data: Mapping[str, Any], *, source: str, root: str) -> Config:
    """Validate a ``[tool.cslint]`` table and build the Config it describes."""
    known = {f.name.replace("_", "-") for f in fields(Config)} - {"root", "source"}
    values: dict[str, Any] = {}
    for key, value in data.items():
        def fail(problem: str) -> None:
            raise ConfigError(f"{source}: {key!r}: {problem}")

        if key not in known:
            fail(f"unknown key; allowed: {', '.join(sorted(known))}")
        if key in _TUPLES:
            if not _codes(value):
                fail("must be a list of strings")
            value = tuple(v.upper() if key in ("select", "ignore", "extend-select", "extend-ignore") else v for v in value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(_codes(v) for v in value.values()):
                fail('must map a glob to a list of code prefixes, e.g. {"drafts/*" = ["CS7"]}')
            value = {k: tuple(c.upper() for c in v) for k, v in value.items()}
        elif key == "rule-settings":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                fail('must map a rule code to a table of settings, e.g. {CS701 = {max = 30}}')
            value = {k.upper(): dict(v) for k, v in value.items()}
        elif key == "input-format":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                fail('must map a glob to a reader name, e.g. {"exports/*.json" = "zendesk"}')
        elif key == "fields":
            if not isinstance(value, dict) or not all(k in _FIELD_KINDS and isinstance(v, str) and v for k, v in value.items()):
                fail(f'must map {", ".join(_FIELD_KINDS)} to a field name, e.g. {{text = "answer", title = "question"}}')
        elif key == "fail-level":
            if value not in SEVERITIES:
                fail(f"must be one of {', '.join(SEVERITIES)}")
        elif key == "no-default-rules":
            if not isinstance(value, bool):
                fail("must be true or false")
        elif key == "max-file-size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                fail("must be a number of megabytes above 0")
        elif key == "format":
            if not isinstance(value, str):
                fail("must be the name of an output format")
        values[key.replace("-", "_")] = value
    return Config(**values, root=root, source=source)


def load(path: Path) -> Config:
    """Read a configuration file; ``pyproject.toml`` without ``[tool.cslint]`` gives defaults."""
    import tomllib  # only a run that has a configuration file pays for the TOML parser

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cslint", {})
    return from_mapping(data, source=str(path), root=str(path.parent))


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``.

    In one folder ``.cslint.toml`` wins over ``cslint.toml``, which wins over a
    ``pyproject.toml`` that has a ``[tool.cslint]`` table.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file():
                if name != "pyproject.toml" or _has_cslint_table(path):
                    return path
    return None


def _has_cslint_table(path: Path) -> bool:
    import tomllib

    try:
        return "cslint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def discover(paths: Sequence[str]) -> Config:
    """The configuration for a run: the nearest file above the first path (or the current
    folder), or the defaults."""
    start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    found = find(start)
    return load(found) if found else Config()
