"""Configuration: ``[tool.cslint]`` in pyproject.toml, or ``cslint.toml`` / ``.cslint.toml``.

Keys mirror the command-line options, so what a team writes in its configuration reads
like what it would type. Each key is declared once, on a field of :class:`Config`, with
its kind, default and help text (:func:`_key`); the file is validated against those
declarations by :mod:`cslint.schema`, the way rule files are, and the key table of
docs/configuration.md is generated from them. An unknown key is an error naming the file,
the line and the key: a typo must never silently switch a rule back on.
"""
from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

from . import schema
from .diagnostic import SEVERITIES, Item
from .schema import Invalid, Kind, LineMap

#: Files every repository keeps for its developers and lawyers, not its customers. They
#: are matched by name, never by folder: a ``docs/`` folder of a macro repository may hold
#: the replies themselves (angular keeps its saved replies in ``docs/SAVED_REPLIES.md``).
REPOSITORY_FILES: tuple[str, ...] = (
    "README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "HISTORY", "CONTRIBUTING", "CODE_OF_CONDUCT",
    "SECURITY", "AUTHORS", "NOTICE", "PROVENANCE",
)


def _repository_globs(name: str) -> tuple[str, ...]:
    """``README`` alone or with an extension in any usual case (``readme.md``,
    ``License.txt``), and in capitals with any suffix (``LICENSE-repository``). A name in
    small letters with a suffix (``security-question.md``) may well be a reply."""
    cases = dict.fromkeys((name, name.lower(), name.capitalize()))
    return (f"{name}[-_.]*", *(f"{n}{tail}" for n in cases for tail in ("", ".*")))


#: Folders never searched when walking a directory, and repository files never linted
#: there (files named on the command line are linted all the same, unless
#: ``force-exclude`` is set).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages",
    *(glob for name in REPOSITORY_FILES for glob in _repository_globs(name)),
)
CONFIG_FILES: tuple[str, ...] = (".cslint.toml", "cslint.toml", "pyproject.toml")


class ConfigError(schema.SchemaError, ValueError):
    """A configuration that cannot be used; ``str()`` names the file, the line and the key.
    (A ValueError, as a bad value given to :class:`Config` in Python is.)"""


@dataclass(frozen=True)
class Setting:
    """One configuration key: its kind (one of :data:`KINDS`), default and help text."""

    kind: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    #: How the docs show the default where it is not a value to write (``include``).
    shown: str | None = None
    required: bool = False


def _key(kind: str, default: Any, help: str, **more: Any) -> Any:
    """A field of :class:`Config` that is also a key of the configuration file."""
    setting = Setting(kind, default, help, **more)
    if isinstance(default, dict):
        return field(default_factory=dict, metadata={"setting": setting})
    return field(default=default, metadata={"setting": setting})


@dataclass(frozen=True)
class Config:
    """Everything that decides what cslint checks and how it reports.

    Build one directly in Python (``Config(select=("CS1",))``), or let :func:`discover` /
    :func:`load` read it from a file. Paths in a file are relative to that file.
    """

    select: tuple[str, ...] = _key("codes", ("CS",), "code prefixes to check")
    ignore: tuple[str, ...] = _key("codes", (), "code prefixes to skip")
    extend_select: tuple[str, ...] = _key("codes", (), "code prefixes checked in addition to `select`")
    extend_ignore: tuple[str, ...] = _key("codes", (), "code prefixes skipped in addition to `ignore`")
    per_file_ignores: Mapping[str, tuple[str, ...]] = _key(
        "glob-codes", {}, "code prefixes skipped in matching files (the glob is matched against the path "
        "relative to the configuration file, or the file name)")
    rules: tuple[str, ...] = _key("folders", (), "extra folders of rule files, inside the configuration file's folder (others: `--rules`)")
    no_default_rules: bool = _key("bool", False, "skip the shipped rules (plugin and configured rule folders still load)")
    fail_level: str = _key("choice", "warning", "lowest severity that fails the run (info findings are shown but "
                           "do not fail it)", choices=SEVERITIES)
    min_severity: str = _key("choice", "info", "lowest severity shown: rules below it do not run (like Vale's "
                             "`--minAlertLevel`)", choices=SEVERITIES)
    include: tuple[str, ...] | None = _key(
        "globs", None, "files linted when walking folders",
        shown="every extension a reader declares ([formats](formats.md#how-a-reader-is-chosen))")
    exclude: tuple[str, ...] = _key("globs", (), "files and folders skipped in folder walks; replaces the default list "
                                    "(`.git`, virtual environments, `node_modules`, `build`, `dist`, caches, and "
                                    "repository files: README, LICENSE, CHANGELOG... "
                                    "([cli](cli.md#which-files-are-linted)))")
    extend_exclude: tuple[str, ...] = _key("globs", (), "files and folders skipped in addition to `exclude`")
    force_exclude: bool = _key("bool", False, "apply `exclude` and `extend-exclude` to files named on the command "
                               "line too (for pre-commit, which names every file)")
    rule_settings: Mapping[str, Mapping[str, Any]] = _key(
        "rule-settings", {}, "per-rule overrides of rule-file keys (severity, thresholds, phrase lists), "
        "validated like the rule file")
    input_format: Mapping[str, str] = _key("glob-reader", {}, "the reader for matching files, when detection is not enough")
    #: Reader field names, e.g. {"text": "answer", "title": "question"} (CSV columns, JSON keys).
    fields: Mapping[str, str] = _key(
        "fields", {}, "CSV columns and JSON keys to read ([formats](formats.md#choosing-fields))",
        choices=("text", "title", "id", "context"))
    #: Macros never linted, by id or by title glob ("123", "Internal: *").
    exclude_macros: tuple[str, ...] = _key("macros", (), 'macros never linted, e.g. `["123", "Internal: *"]`')
    format: str = _key("format", "default", "output format ([output](output.md))")
    #: Files larger than this many megabytes get CS902 instead of being read (JSON Lines
    #: exports are streamed and have no limit).
    max_file_size: float = _key("megabytes", 64, "larger files get one CS902 instead of being read "
                                "(JSON Lines exports are streamed and have no limit)")
    #: Files without a byte-order mark are read in this encoding instead of UTF-8.
    encoding: str | None = _key("encoding", None, "the encoding of files without a byte-order mark, e.g. `cp1252` for "
                                "an export from Windows", shown="UTF-8 (a byte-order mark, UTF-16 and UTF-32 are recognised)")
    #: The folder that relative globs and rule folders are resolved against.
    root: str = "."
    #: The file this configuration was read from, if any.
    source: str | None = None
    #: The line of each key in that file, for errors found once the rules are known
    #: (a code prefix no rule has).
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Check every setting as the configuration file's are checked, so a program that
        builds a Config gets a TypeError or ValueError naming the field, not a run that
        quietly does something else. A single string where a list is expected counts as
        a list of that one string (``Config(select="CS1")`` selects CS1)."""
        for f in fields(self):
            setting = f.metadata.get("setting")
            value = getattr(self, f.name)
            if setting is None or value is None or (value == setting.default and value is setting.default):
                continue
            object.__setattr__(self, f.name, _checked(f.name, value, setting))

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


#: The Python type each kind of setting takes, for a TypeError before its values are checked.
_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "codes": (str, list, tuple), "folders": (str, os.PathLike, list, tuple), "globs": (str, list, tuple),
    "macros": (str, list, tuple), "glob-codes": (Mapping,), "glob-reader": (Mapping,), "fields": (Mapping,),
    "rule-settings": (Mapping,), "bool": (bool,), "choice": (str,), "format": (str,), "megabytes": (int, float),
    "encoding": (str,),
}


def _checked(name: str, value: Any, setting: Setting) -> Any:
    """One field of a Config built in Python, in the form the program uses."""
    wanted = _PYTHON_TYPES[setting.kind]
    if not isinstance(value, wanted) or (setting.kind == "megabytes" and isinstance(value, bool)):
        names = " or ".join("path" if t is os.PathLike else t.__name__ for t in wanted)
        raise TypeError(f"Config({name}=...): must be a {names}, not {type(value).__name__}")
    if isinstance(value, (str, os.PathLike)) and setting.kind in ("codes", "folders", "globs", "macros"):
        value = [value]
    plain = _plain(value)
    if setting.kind == "folders":
        plain = [os.fspath(v) if isinstance(v, os.PathLike) else v for v in plain]
    try:
        checked = KINDS[setting.kind].check(plain, setting)
    except Invalid as exc:
        raise ValueError(f"Config({name}=...): {exc.problem}") from None
    return value if setting.kind == "rule-settings" and isinstance(value, LineMap) else checked


def _plain(value: Any) -> Any:
    """Tuples as lists and mappings as dicts, as the TOML loader gives them."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping) and not isinstance(value, LineMap):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _relative(path: str, root: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


#: Each key of the configuration file and its declaration, in the order of the docs.
SETTINGS: dict[str, Setting] = {f.name.replace("_", "-"): f.metadata["setting"] for f in fields(Config) if "setting" in f.metadata}


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _list(value: Any, spec: schema.Spec) -> tuple[str, ...]:
    if not _names(value):
        raise Invalid("must be a list of strings")
    return tuple(value)


_PREFIX = re.compile(r"CS\d{0,3}")
#: Letters typed for the digits they look like (CS1O1, CSl01).
_LOOKALIKES = str.maketrans("OoIlL", "00111")


def code_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a code prefix (``CS``, ``CS1``, ``CS10``, ``CS101``,
    in any case), or None.

    >>> code_problem("cs101") is None
    True
    >>> code_problem("CS1O1")
    "'CS1O1' is not a code prefix; did you mean CS101?"
    >>> code_problem("CS1 CS2")
    "'CS1 CS2' holds several code prefixes; give each as its own entry"
    """
    if _PREFIX.fullmatch(text.upper()):
        return None
    if not text.strip():
        return "an empty code prefix; a code prefix is CS and up to three digits (CS1, CS101)"
    if len(text.replace(",", " ").split()) > 1:
        return f"{text!r} holds several code prefixes; give each as its own entry"
    lookalike = text[:2].upper() + text[2:].translate(_LOOKALIKES)
    if _PREFIX.fullmatch(lookalike.upper()):
        return f"{text!r} is not a code prefix; did you mean {lookalike.upper()}?"
    named = _rule_named(text)
    if named:
        return f"{text!r} is not a code prefix; the rule {named[1]} is selected by its code: did you mean {named[0]}?"
    return f"{text!r} is not a code prefix: CS and up to three digits (CS1, CS101); 'cslint rules' lists the codes"


def _rule_named(word: str) -> tuple[str, str] | None:
    """The code and name of the shipped or plugin rule a word names, or nearly names (only
    asked once a prefix is refused: it loads the rules)."""
    from .rulefiles.load import load_rules
    from .suggest import nearest

    try:
        names = {r.name: r.code for r in load_rules(Config())}
    except Exception:  # noqa: BLE001 - a hint must never hide the error it adds to
        return None
    name = word.lower() if word.lower() in names else nearest(word.lower(), names)
    return (names[name], name) if name else None


def _codes(value: Any, spec: schema.Spec) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("must be a list of strings")
    for code in value:
        problem = code_problem(code)
        if problem:
            raise Invalid(problem)
    return tuple(code.upper() for code in value)


def _table(value: Any, entry_ok: Any, problem: str) -> Any:
    """A table whose entries all pass ``entry_ok(key, value)``; else ``problem``, at the
    first entry that fails."""
    if not isinstance(value, dict):
        raise Invalid(problem)
    for key, entry in value.items():
        if not entry_ok(key, entry):
            raise Invalid(problem, at=key)
    return value


def _glob_codes(value: Any, spec: schema.Spec) -> Mapping[str, tuple[str, ...]]:
    table = _table(value, lambda k, v: isinstance(v, list) and all(isinstance(c, str) for c in v),
                   'must map a glob to a list of code prefixes, e.g. {"drafts/*" = ["CS7"]}')
    for glob, codes in table.items():
        for code in codes:
            problem = code_problem(code)
            if problem:
                raise Invalid(problem, at=glob)
    return {glob: tuple(code.upper() for code in codes) for glob, codes in table.items()}


def _glob_reader(value: Any, spec: schema.Spec) -> Mapping[str, str]:
    return dict(_table(value, lambda k, v: isinstance(v, str), 'must map a glob to a reader name, e.g. {"exports/*.json" = "zendesk"}'))


def _fields(value: Any, spec: schema.Spec) -> Mapping[str, str]:
    problem = f'must map {", ".join(spec.choices)} to a field name, e.g. {{text = "answer", title = "question"}}'
    return dict(_table(value, lambda k, v: k in spec.choices and isinstance(v, str) and v, problem))


def _rule_settings(value: Any, spec: schema.Spec) -> Mapping[str, Mapping[str, Any]]:
    """Codes upper-cased; each rule's table keeps its lines, for the rule loader's errors."""
    table = _table(value, lambda k, v: isinstance(v, dict), "must map a rule code to a table of settings, e.g. {CS701 = {max = 30}}")
    lines = {code.upper(): table.line_of(code) for code in table} if isinstance(table, LineMap) else {}
    return LineMap({code.upper(): settings for code, settings in table.items()},
                   line=getattr(table, "line", 0), key_lines=lines, path=getattr(table, "path", None))


def _megabytes(value: Any, spec: schema.Spec) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise Invalid("must be a number of megabytes above 0")
    return value


def _encoding(value: Any, spec: schema.Spec) -> str:
    import codecs

    if not isinstance(value, str):
        raise Invalid("must be the name of an encoding, e.g. cp1252")
    try:
        codecs.lookup(value)
    except LookupError:
        raise Invalid(f"unknown encoding {value!r}; e.g. utf-8, cp1252, latin-1") from None
    return value


def _format(value: Any, spec: schema.Spec) -> str:
    if not isinstance(value, str):
        raise Invalid("must be the name of an output format")
    return value


#: The kinds of configuration values, with how the docs describe them.
KINDS: dict[str, Kind] = {
    **schema.KINDS,
    "codes": Kind(_codes, "list of code prefixes"),
    "folders": Kind(_list, "list of folders"),
    "globs": Kind(_list, "list of globs"),
    "macros": Kind(_list, "list of macro ids or title globs"),
    "glob-codes": Kind(_glob_codes, "table: glob -> list of code prefixes"),
    "glob-reader": Kind(_glob_reader, "table: glob -> reader name"),
    "fields": Kind(_fields, "table: {choices} -> field name"),
    "rule-settings": Kind(_rule_settings, "table: rule code -> table of rule-file keys"),
    "megabytes": Kind(_megabytes, "number of megabytes above 0"),
    "format": Kind(_format, "output format name"),
    "encoding": Kind(_encoding, "encoding name"),
}


def from_mapping(data: Mapping[str, Any], *, source: str, root: str) -> Config:
    """Validate a ``[tool.cslint]`` table (a :class:`cslint.schema.LineMap`, for errors
    with lines) and build the Config it describes."""
    doc = schema.Document(data, path=source, error=ConfigError)
    values = schema.validate(SETTINGS, doc, KINDS)
    project = Path(root).resolve()
    if "rules" in data and not all(Path(project, r).resolve().is_relative_to(project) for r in values["rules"]):
        # a repository's own config must not pull in rule files from elsewhere on the
        # machine (their YAML would be read, and quoted in errors); the value is not echoed
        doc.fail("rules", "rule folders outside the configuration file's folder are refused here; "
                          "give them on the command line with --rules")
    given = {key.replace("-", "_"): value for key, value in values.items() if key in data}
    lines = {key: data.line_of(key) for key in data} if isinstance(data, LineMap) else {}
    return Config(**given, root=root, source=source, key_lines=lines)


_TOML_PLACE = re.compile(r" \(at line (\d+), column (\d+)\)$")


def _parse_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """A configuration file's text and what it holds; a file that cannot be read or does
    not parse is an error naming the file and the line, never skipped for the defaults."""
    import tomllib  # only a run that has a configuration file pays for the TOML parser

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read configuration: {exc}") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        place = _TOML_PLACE.search(str(exc))
        problem = _TOML_PLACE.sub(f" (column {place.group(2)})", str(exc)) if place else str(exc)
        line = int(place.group(1)) if place else len(text.splitlines()) or 1  # (else: "at end of document")
        raise ConfigError(str(path), line, None, f"invalid TOML: {problem}") from None


def load(path: str | os.PathLike[str]) -> Config:
    """Read a configuration file; ``pyproject.toml`` without ``[tool.cslint]`` gives defaults."""
    from .schema import toml

    path = Path(path)
    text, data = _parse_toml(path)
    at: tuple[str, ...] = ("tool", "cslint") if path.name == "pyproject.toml" else ()
    for part in at:
        data = data.get(part, {})
    table = toml.located(data, toml.key_lines(text), str(path), at)
    return from_mapping(table, source=str(path), root=str(path.parent))


def find(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``.

    In one folder ``.cslint.toml`` wins over ``cslint.toml``, which wins over a
    ``pyproject.toml`` that has a ``[tool.cslint]`` table.
    """
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = _in_folder(candidate)
        if own is not None:
            return own
    return None


def _in_folder(folder: Path) -> Path | None:
    """The configuration file kept in ``folder`` itself, if any."""
    for name in CONFIG_FILES:
        path = folder / name
        if path.is_file() and (name != "pyproject.toml" or _has_cslint_table(path)):
            return path
    return None


def _has_cslint_table(path: Path) -> bool:
    """Whether a pyproject.toml configures cslint; one that does not parse is an error
    (its ``[tool.cslint]`` may be what is broken)."""
    tool = _parse_toml(path)[1].get("tool", {})
    return isinstance(tool, dict) and "cslint" in tool


def discover(paths: Sequence[str]) -> Config:
    """The configuration for a run: the nearest file above the first path (or the current
    folder), or the defaults."""
    start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
    found = find(start)
    return load(found) if found else Config()


#: The configuration of a path (a file, a folder, or the name standard input is given).
ConfigFor = Callable[[str], Config]


def _unchanged(config: Config) -> Config:
    return config


def _given(config: Config, path: str) -> Config:
    return config


def everywhere(config: Config) -> ConfigFor:
    """One configuration for every path (``--config``, ``--isolated``, a Config given to
    the API); picklable, for worker processes."""
    return partial(_given, config)


class Nearest:
    """The configuration of each path, as ruff finds it: the nearest configuration file at
    or above the path's folder (the defaults when there is none), with ``adjust`` applied
    to it (the command line's options over the file). Each folder is looked at once and
    each file loaded once, so every file of one configuration gets the same Config
    object (and so one Linter). ``adjust`` must be picklable where worker processes are
    spawned: the workers resolve their files' configuration themselves."""

    def __init__(self, adjust: Callable[[Config], Config] = _unchanged) -> None:
        self.adjust = adjust
        #: Each folder's configuration, by the folder as the paths name it.
        self._named: dict[str, Config] = {}
        self._folders: dict[str, Path | None] = {}
        self._configs: dict[Path | None, Config] = {}

    def __call__(self, path: str) -> Config:
        """The configuration of the file or folder at ``path`` (standard input: the name
        given with ``--stdin-filename``, else the current folder)."""
        # (a stat and a look-up: this runs for every file of a run, in the walk and in
        # the worker that lints it)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        config = self._named.get(folder)
        if config is None:
            file = self._file_for(os.path.abspath(folder))
            config = self._configs.get(file)
            if config is None:
                config = self._configs[file] = self.adjust(load(file) if file else Config())
            self._named[folder] = config
        return config

    def _file_for(self, folder: str) -> Path | None:
        if folder in self._folders:
            return self._folders[folder]
        own = _in_folder(Path(folder))
        parent = os.path.dirname(folder)
        found = own if own is not None or parent == folder else self._file_for(parent)
        self._folders[folder] = found
        return found
