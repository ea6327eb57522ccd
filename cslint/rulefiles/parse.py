"""Load and validate rule files: one YAML file per rule, strict like a compiler.

A rule file that is wrong in any way is refused with the file, the line and the key, so a
team writing its own rules never ships one that silently does nothing. The keys are
declared (:data:`HEADER`, each rule type's ``keys``) and checked by :mod:`cslint.schema`,
as the configuration is; this module adds the kinds only rule files have and the checks
between keys (a code in its principle's range, a message using the type's fields).
"""
from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from .. import schema
from ..checks import patterns
from ..checks.base import Check, Key
from ..diagnostic import SEVERITIES
from ..schema import Document, Invalid, Kind, LineMap, SchemaError, Spec, shown, validate

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

#: Principle -> the digits its codes start with after "CS": CS1xx respect ... CS8xx
#: consistency (the library rules), and the principles of CS0xx, ten codes each (CS01x
#: reliability ... CS05x inclusivity). Listed in code order.
PRINCIPLES: dict[str, str] = {
    "reliability": "01",
    "transparency": "02",
    "competence": "03",
    "confidentiality": "04",
    "inclusivity": "05",
    "respect": "1",
    "clarity": "2",
    "empathy": "3",
    "accountability": "4",
    "professionalism": "5",
    "personalization": "6",
    "readability": "7",
    "consistency": "8",
}
_CODE = regex.compile(r"CS[0-8]\d\d")


def code_range(principle: str) -> str:
    """The codes of a principle as the docs write them.

    >>> code_range("respect"), code_range("confidentiality")
    ('CS1xx', 'CS04x')
    """
    prefix = PRINCIPLES[principle]
    return f"CS{prefix}{'x' * (3 - len(prefix))}"


def principle_of(code: str) -> str | None:
    """The principle whose range holds a code, or None (CS9xx, CS06x).

    >>> principle_of("CS101"), principle_of("CS041"), principle_of("CS061")
    ('respect', 'confidentiality', None)
    """
    return next((p for p, prefix in PRINCIPLES.items() if code[2:].startswith(prefix)), None)


_WHITESPACE = regex.compile(r"\s+")
_NAME = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

#: The header every rule file shares, whatever its type.
HEADER: dict[str, Key] = {
    "code": Key("text", required=True, help="CS and three digits, in the range of the principle; unique"),
    "name": Key("text", required=True, help="kebab-case; unique"),
    "principle": Key("choice", required=True, choices=tuple(PRINCIPLES), help="the customer-service principle the rule serves"),
    "severity": Key("choice", required=True, choices=SEVERITIES, help="how serious a finding is (`--fail-level` compares it)"),
    "type": Key("text", required=True, help="the rule type, below (or one a plugin adds)"),
    "message": Key("text", required=True, help="what a finding says; may use `{match}` and the type's fields"),
    "description": Key("text", required=True, help="why a customer minds; shown by `cslint rule CODE`"),
    "source": Key("text", required=True, help="where the rule or its phrase list comes from"),
    "examples": Key("examples", required=True, help="texts the rule must report (`flag`) and must not (`pass`)"),
    "link": Key("text", help="a page that explains the rule further"),
    "opt-in": Key("bool", default=False, help="`true` ships the rule switched off (see below)"),
    "yields-to": Key("codes", default=(), help="codes of related rules: this one is silent where one of them reports"),
    "yields-within": Key("choice", default="reply", choices=("reply", "sentence", "span"),
                         help="where a related rule's finding silences this one"),
}


class RuleFileError(SchemaError):
    """A rule file that cannot be used; ``str()`` is the one line shown to the user."""


@dataclass(frozen=True)
class Rule:
    """One loaded rule: its metadata and the built check."""

    code: str
    name: str
    principle: str
    severity: str
    type: str
    message: str
    description: str
    source: str
    examples_flag: tuple[str, ...]
    examples_pass: tuple[str, ...]
    path: str
    check: Check = field(repr=False, compare=False)
    options: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    link: str | None = None
    #: Codes of related rules: this one is silent where one of them reports, within
    #: ``yields_within`` (reply, sentence or span); see :mod:`cslint.engine.yielding`.
    yields_to: tuple[str, ...] = ()
    yields_within: str = "reply"
    #: Off unless selected by a prefix naming its principle or code (``--extend-select CS504``).
    opt_in: bool = False

    def format_message(self, fields: Mapping[str, object]) -> str:
        """The message for one finding, always on one line: a phrase matched across a line
        break is quoted with a space, so line-based output stays one finding per line.

        >>> rule = Rule("CS101", "x", "respect", "warning", "phrases", "avoid '{match}'", "", "", (), (), "", None)  # type: ignore[arg-type]
        >>> rule.format_message({"match": "as I\\r\\n  said"})
        "avoid 'as I said'"
        """
        one_line = {k: _WHITESPACE.sub(" ", v) if isinstance(v, str) else v for k, v in fields.items()}
        return self.message.format_map(_Fields(one_line))


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> _Missing:
        return _MISSING


class _Missing:
    """A field a finding does not give: empty, whatever its format spec."""

    def __format__(self, spec: str) -> str:
        return ""

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "''"


_MISSING = _Missing()


def _phrases(value: Any, spec: Spec) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("must be a list of phrases (strings)")
    for entry in value:
        problem = patterns.validate_entry(entry)
        if problem:
            raise Invalid(problem)
    return tuple(value)


def _swap(value: Any, spec: Spec) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not value:
        raise Invalid("must map each phrase to its plainer alternative(s)")
    swap: dict[str, tuple[str, ...]] = {}
    for phrase, suggestion in value.items():
        problem = patterns.validate_entry(phrase) if isinstance(phrase, str) else "phrases must be strings"
        if problem:
            raise Invalid(problem, at=phrase)
        options = [suggestion] if isinstance(suggestion, str) else suggestion
        if not isinstance(options, list) or not options or not all(isinstance(s, str) and s for s in options):
            raise Invalid(f"the alternative for {shown(phrase)} must be a string or a list of strings", at=phrase)
        swap[phrase] = tuple(options)
    return swap


def _examples(value: Any, spec: Spec) -> Mapping[str, Any]:
    if not isinstance(value, dict) or set(value) - {"flag", "pass"} or not value.get("flag") or not value.get("pass"):
        raise Invalid("must have 'flag' and 'pass', each a non-empty list of texts")
    for part in ("flag", "pass"):
        if not isinstance(value[part], list) or not all(isinstance(t, str) for t in value[part]):
            raise Invalid(f"'{part}' must be a list of texts", at=part)
    return value


def _texts(value: Any, spec: Spec) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise Invalid("must be a list of non-empty texts")
    return tuple(v.strip() for v in values)


def _choices(value: Any, spec: Spec) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(v in spec.choices for v in values):
        raise Invalid(f"must be a list of {', '.join(spec.choices)} (got {shown(value)})")
    return tuple(values)


def _codes(value: Any, spec: Spec) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and _CODE.fullmatch(v) for v in values):
        raise Invalid("must be a list of rule codes like CS301")
    return tuple(values)


#: The kinds of rule-file values (the ``kind`` of a :class:`cslint.checks.Key`), with how
#: the docs describe them.
KINDS: dict[str, Kind] = {
    **schema.KINDS,
    "phrases": Kind(_phrases, "list of phrases"),
    "swap": Kind(_swap, "table: phrase -> alternative, or a list of them"),
    "examples": Kind(_examples, "`flag` and `pass`, each a list of texts"),
    "choices": Kind(_choices, "list of {choices}"),
    "texts": Kind(_texts, "list of texts"),
    "codes": Kind(_codes, "list of rule codes"),
}


#: Values like those each message field is given (a number field may be a whole number or
#: not), to try a template's format specs on when the rule loads. A field a plugin's rule
#: type adds may be any of these.
_SAMPLES: dict[str, tuple[object, ...]] = {
    "match": ("x",), "suggestion": ("x",), "count": (3,), "min": (3, 2.5), "max": (3, 2.5), "value": (3, 2.5),
}
#: A format spec of Python's mini-language, with no nested field; width and precision are
#: bounded, so that a finding's message stays a line ('{match:>300000000}' made 900 MB).
_FORMAT_SPEC = regex.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?[a-zA-Z%]?", regex.DOTALL)
MAX_WIDTH = 100


def _check_message(message: str, allowed: frozenset[str], fail: Any) -> None:
    """Refuse a template that could not format every finding: a field the rule type does
    not give, or a conversion or format spec that fails on (or blows up) what it gives."""
    try:
        fields = [(f, conversion, spec) for _, f, spec, conversion in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        fail("message", f"is not a valid template: {exc}")
    unknown = {f for f, _, _ in fields} - allowed
    if unknown:
        fail("message", f"uses {{{sorted(unknown)[0][:60]}}}; this rule type offers {', '.join(sorted(allowed))}")
    for name, conversion, spec in fields:
        written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        written = written if len(written) <= 60 else written[:56] + "...}"
        bounded = _FORMAT_SPEC.fullmatch(spec or "")
        if bounded is None or any(int(bounded.group(part) or 0) > MAX_WIDTH for part in ("width", "precision")):
            fail("message", f"{written}: a format spec here is a fill, an alignment and a width "
                            f"or precision up to {MAX_WIDTH}, like {{{name}:>20}}")
        template = "{0" + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        samples = _SAMPLES.get(name)
        errors = []
        for sample in samples or ("x", 3, 2.5):
            try:
                template.format(sample)
            except (ValueError, TypeError) as exc:
                errors.append((sample, exc))
        if errors and (samples is not None or len(errors) == 3):  # (a plugin's field: one kind suffices)
            sample, error = errors[0]
            fail("message", f"{written} cannot format {'a text' if isinstance(sample, str) else 'a number'}: {error}")


def build_rule(
    data: Any,
    path: str,
    rule_types: Mapping[str, type[Check]],
    overrides: Mapping[str, Any] | None = None,
    vocabulary: Vocabulary | None = None,
) -> Rule:
    """Validate one rule file's data (a :class:`LineMap`) and build its rule.

    ``overrides`` (per-rule settings from the configuration, a :class:`LineMap` naming
    that file where it was read from one) go over the file's keys, so an override is
    validated exactly like the file itself, and a bad one is reported where it was written.
    Word classes (``{apology}``) are looked up in ``vocabulary``, by default the shipped
    classes.
    """
    if not isinstance(data, dict):
        raise RuleFileError(path, 1, None, "a rule file must be a mapping of keys (code, name, type, ...)")
    doc = Document(data, *([overrides] if overrides else []), path=path, error=RuleFileError)
    fail = doc.fail
    type_name = doc.values.get("type")
    if not isinstance(type_name, str) or type_name not in rule_types:
        fail("type" if "type" in doc.values else None, f"unknown rule type {shown(type_name)}; known: {', '.join(sorted(rule_types))}")
    cls = rule_types[type_name]
    from .vocabulary import expand_rule

    expanded = expand_rule(data, {**HEADER, **cls.keys}, path, vocabulary)
    if expanded is not data:
        doc = Document(expanded, *([overrides] if overrides else []), path=path, error=RuleFileError)
        fail = doc.fail
    values = validate({**HEADER, **cls.keys}, doc, KINDS, f"unknown key for a {type_name} rule")
    code, name, principle = values["code"], values["name"], values["principle"]
    if not _CODE.fullmatch(code):
        fail("code", f"{shown(code)} is not a rule code like CS101 (CS9xx is reserved for cslint itself)")
    if principle_of(code) != principle:
        fail("code", f"{code} is outside the {principle} range {code_range(principle)}")
    if not _NAME.fullmatch(name):
        fail("name", f"{shown(name)} must be kebab-case (lowercase words joined by '-')")
    if code in values["yields-to"]:
        fail("yields-to", f"{code} cannot yield to itself")
    _check_message(values["message"], cls.message_fields, fail)
    options = {k: v for k, v in values.items() if k in cls.keys}
    problem = cls.problem(options)
    if problem:
        fail(None, problem)
    try:
        check = cls(options)
    except (ValueError, regex.error) as exc:
        fail(None, str(exc))
    examples = values["examples"]
    return Rule(
        code=code,
        name=name,
        principle=principle,
        severity=values["severity"],
        type=type_name,
        message=values["message"],
        description=values["description"],
        source=values["source"],
        examples_flag=tuple(examples["flag"]),
        examples_pass=tuple(examples["pass"]),
        path=path,
        check=check,
        options=options,
        link=values.get("link"),
        opt_in=values.get("opt-in", False),
        yields_to=values["yields-to"],
        yields_within=values["yields-within"],
    )


def read_rule_file(path: Path) -> Any:
    """Parse one rule file safely, turning YAML and encoding errors into RuleFileError.

    YAML is imported here, not at module level: a run served from the rule cache never
    parses a rule file, and saves the import on every pre-commit call.
    """
    import yaml

    from .yamlsafe import error_line, load_with_lines

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), None, None, f"cannot read: {exc}") from None
    try:
        return load_with_lines(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleFileError(str(path), error_line(exc), None, f"invalid YAML: {problem}") from None


def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder and its subfolders (one principle per subfolder; the
    word classes of its ``vocabulary`` folder and the placeholder data of ``helpdesks``
    are not rules)."""
    from .helpdesks import FOLDER as HELPDESKS
    from .vocabulary import FOLDER

    if not folder.is_dir():
        raise RuleFileError(str(folder), None, None, "rule folder not found")
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix in (".yml", ".yaml") and p.is_file() and p.relative_to(folder).parts[0] not in (FOLDER, HELPDESKS)
    )


def load_folders(
    folders: Iterable[Path],
    rule_types: Mapping[str, type[Check]],
    settings: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Rule]:
    """Load every rule of the folders, refusing duplicate codes and names."""
    from . import vocabulary

    folders = list(folders)
    classes = vocabulary.load(folders)
    settings = settings or {}
    where = getattr(settings, "path", None) or "configuration"  # (settings built in Python name no file)
    rules: list[Rule] = []
    by_code: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for folder in folders:
        for path in rule_files(folder):
            data = read_rule_file(path)
            code = data.get("code") if isinstance(data, dict) else None
            overrides = settings.get(code) if isinstance(code, str) else None
            if overrides is not None and not isinstance(overrides, LineMap):
                overrides = LineMap(overrides, path=where)
            rule = build_rule(data, str(path), rule_types, overrides, classes)
            for index, key, value in ((by_code, "code", rule.code), (by_name, "name", rule.name)):
                if value in index:
                    line = data.line_of(key) if hasattr(data, "line_of") else None
                    raise RuleFileError(str(path), line, key, f"{value} is already used by {index[value].path}")
                index[value] = rule
            rules.append(rule)
    unknown = sorted(set(settings) - set(by_code))
    if unknown:
        line = settings.line_of(unknown[0]) if isinstance(settings, LineMap) else None
        raise RuleFileError(where, line, "rule-settings", f"no rule has the code {unknown[0]}")
    _refuse_yield_cycles(rules)
    return rules


def _refuse_yield_cycles(rules: Iterable[Rule]) -> None:
    """Rules that yield to each other in a circle would silence each other: refused."""
    from ..engine import yielding

    by_code = {r.code: r for r in rules}
    try:
        yielding.order({r.code: (r.yields_to, r.yields_within) for r in by_code.values() if r.yields_to})
    except ValueError as exc:
        first = by_code[str(exc).split(" -> ")[0]]
        raise RuleFileError(first.path, None, "yields-to", f"rules yield to each other in a circle: {exc}") from None
