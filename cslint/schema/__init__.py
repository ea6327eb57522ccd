"""One way to validate what users write: the configuration and rule files alike.

Each key is declared once, with its kind, default and help text (configuration keys on
:class:`cslint.config.Config`'s fields, rule-file keys as :class:`cslint.checks.Key`).
:func:`validate` checks a mapping against such declarations, and every error names the
file, the line and the key, so a user knows what to edit. The same declarations generate
the key tables of the docs (:mod:`cslint.schema.docs`).

What a user wrote is a :class:`LineMap` (a ``dict`` that knows the line of each key; the
YAML and TOML loaders build them) and may come in layers: a rule file with the
configuration's ``rule-settings`` for it on top, each layer naming its own file.
"""
from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol

#: How a value a user wrote is quoted in an error: a few items and levels and the start of
#: a long string, so that an alias bomb ("billion laughs") or a huge value makes a line of
#: an error message, not gigabytes.
_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict, _SHOWN.maxtuple, _SHOWN.maxset = 1, 4, 4, 4, 4
_SHOWN.maxstring, _SHOWN.maxother, _SHOWN.maxlong = 60, 60, 40


def shown(value: Any) -> str:
    """``repr(value)``, cut short.

    >>> shown([["lol"] * 9] * 9), shown(["warning"])
    ('[[...], [...], [...], [...], ...]', "['warning']")
    >>> len(shown("x" * 10_000))
    60
    """
    return _SHOWN.repr(value)


class SchemaError(Exception):
    """A file that cannot be used; ``str()`` is the one line shown to the user:
    ``path:line: 'key': problem``, without the parts that are not known."""

    def __init__(self, path: str, line: int | None, key: str | None, problem: str) -> None:
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {f'{key!r}: ' if key else ''}{problem}")


class Invalid(Exception):
    """Raised by a kind's check: ``problem`` says what is wrong with the value; ``at``
    names the entry of a table value at fault, when the value knows its line."""

    def __init__(self, problem: str, at: Any = None) -> None:
        super().__init__(problem)
        self.problem, self.at = problem, at


class LineMap(dict):  # type: ignore[type-arg]
    """A mapping read from a file, with the 1-based line of the mapping and of each key,
    and the file it came from (None: the file of the document it is part of)."""

    def __init__(self, items: Any = (), *, line: int = 0, key_lines: dict[Any, int] | None = None,
                 path: str | None = None) -> None:
        super().__init__(items)
        self.line = line
        self.key_lines: dict[Any, int] = key_lines if key_lines is not None else {}
        self.path = path

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class Spec(Protocol):
    """One declared key (:class:`cslint.checks.Key`, :class:`cslint.config.Setting`)."""

    @property
    def kind(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def default(self) -> Any: ...
    @property
    def choices(self) -> tuple[str, ...]: ...
    @property
    def help(self) -> str: ...


@dataclass(frozen=True)
class Kind:
    """What values a key of this kind takes: ``check`` returns the value in the form the
    program uses or raises :class:`Invalid`; ``label`` describes it in the docs
    (``{choices}`` stands for the key's choices)."""

    check: Callable[[Any, Spec], Any]
    label: str

    def describe(self, spec: Spec) -> str:
        return self.label.format(choices=", ".join(f"`{c}`" for c in spec.choices))


def _text(value: Any, spec: Spec) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be a non-empty string")
    return value.strip()


def _bool(value: Any, spec: Spec) -> bool:
    if not isinstance(value, bool):
        raise Invalid("must be true or false")
    return value


def _int(value: Any, spec: Spec) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid("must be a whole number >= 0")
    return value


def _number(value: Any, spec: Spec) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid("must be a number")
    return value


def _choice(value: Any, spec: Spec) -> Any:
    if value not in spec.choices:
        raise Invalid(f"must be one of {', '.join(spec.choices)} (got {shown(value)})")
    return value


#: Kinds both files use; each adds its own (:data:`cslint.config.KINDS`,
#: :data:`cslint.rulefiles.parse.KINDS`).
KINDS: dict[str, Kind] = {
    "text": Kind(_text, "text"),
    "bool": Kind(_bool, "`true` or `false`"),
    "int": Kind(_int, "whole number >= 0"),
    "number": Kind(_number, "number"),
    "choice": Kind(_choice, "{choices}"),
}


class Document:
    """What a user wrote for one thing (a rule, a configuration): one mapping, or layers
    of them where a later one overrides keys of the earlier ones. Knows which file and
    line each key's value came from, and raises ``error`` there."""

    def __init__(self, *layers: Mapping[str, Any], path: str, error: type[SchemaError]) -> None:
        self.layers, self.path, self.error = layers, path, error
        self.values: dict[str, Any] = {k: v for layer in layers for k, v in layer.items()}

    def where(self, key: str | None) -> tuple[str, int | None]:
        """The file and line of a key's value; for ``None`` (a problem between keys), of
        the last mapping: where there are layers, the overrides are what changed a
        working rule, so the error names the user's configuration, not the rule file."""
        for layer in reversed(self.layers):
            if key is not None and key in layer:
                return getattr(layer, "path", None) or self.path, layer.line_of(key) if isinstance(layer, LineMap) else None
        first = self.layers[-1] if key is None and self.layers else self.layers[0] if self.layers else {}
        return getattr(first, "path", None) or self.path, getattr(first, "line", None) or None

    def fail(self, key: str | None, problem: str) -> NoReturn:
        path, line = self.where(key)
        raise self.error(path, line, key, problem)

    def invalid(self, key: str, exc: Invalid) -> NoReturn:
        """Report a kind's complaint about a key's value, at the entry it names if the
        value knows where that entry stands."""
        value = self.values[key]
        if exc.at is not None and isinstance(value, LineMap) and exc.at in value.key_lines:
            raise self.error(value.path or self.where(key)[0], value.line_of(exc.at), key, exc.problem)
        self.fail(key, exc.problem)


def validate(specs: Mapping[str, Spec], doc: Document, kinds: Mapping[str, Kind], unknown: str = "unknown key") -> dict[str, Any]:
    """Check every key of ``doc`` against ``specs`` and return the values in the form the
    program uses, with the defaults of the keys not given.

    A key that is not declared is an error listing the declared ones (``unknown`` says
    for what), as is a missing required key; a key given as ``null`` counts as not given.
    """
    for key in doc.values:
        if key not in specs:
            doc.fail(key, f"{unknown}; allowed: {', '.join(specs)}")
    values: dict[str, Any] = {}
    for key, spec in specs.items():
        if doc.values.get(key) is not None:
            try:
                values[key] = kinds[spec.kind].check(doc.values[key], spec)
            except Invalid as exc:
                doc.invalid(key, exc)
        elif spec.required:
            doc.fail(None, f"missing required key {key!r}")
        elif spec.default is not None:
            values[key] = spec.default
    return values


__all__ = [
    "KINDS", "Document", "Invalid", "Kind", "LineMap", "SchemaError", "Spec", "shown", "validate",
]
