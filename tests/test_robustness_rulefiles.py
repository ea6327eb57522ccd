"""Hostile rule files and configuration: refused at load time with one line naming the
file and line (exit status 2), never a traceback, a hang or gigabytes of memory.

Rules and configuration come from the repository being linted, so whoever writes it
controls them (issue 24). The named cases below each crashed or ran away once; the
property tests throw random YAML structures at the rule-file loader and random tables at
the configuration, which must either load or raise cslint's own error.
"""
from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cslint import Config
from cslint.config import SETTINGS, ConfigError, from_mapping
from cslint.rulefiles import plugins
from cslint.rulefiles.parse import RuleFileError, load_folders
from cslint.schema import LineMap

GOOD = """\
code: CS181
name: no-whatever
principle: respect
severity: warning
type: phrases
message: "avoid '{match}'"
description: Dismissive.
source: team style guide
phrases: [whatever]
examples: {flag: [Whatever.], pass: ["What ever happened?"]}
"""
#: Nine levels of nine aliases: 387 million strings if anything walks it.
BOMB = "[" + ", ".join(
    ["&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"&{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
) + "]"


#: The five rule files of issue 24, each with the line it is refused at and what is said.
ISSUE_24 = [
    (("type: phrases", "type: [x]"), 5, "'type': unknown rule type ['x']; known: "),
    (("severity: warning", f"severity: {BOMB}"), 4,
     "'severity': must be one of error, warning, info (got [[...], [...], [...], [...], ...])"),
    (("phrases: [whatever]", "phrases: ['a{1000000000}']"), 9,
     "'phrases': pattern 'a{1000000000}' is too large: its repeats written out make 1,000,000,000 items "
     "(at most 100,000)"),
    (("message: \"avoid '{match}'\"", "message: \"avoid '{match:%}'\""), 6,
     "'message': {match:%} cannot format a text: Unknown format code '%' for object of type 'str'"),
    (("message: \"avoid '{match}'\"", "message: \"avoid '{match:>300000000}'\""), 6,
     "'message': {match:>300000000}: a format spec here is a fill, an alignment and a width or precision up "
     "to 100, like {match:>20}"),
]


def _write(tmp_path: Path, change: tuple[str, str], *more: tuple[str, str]) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "rule.yml"
    text = GOOD
    for old, new in (change, *more):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "line", "message"), ISSUE_24,
                         ids=["type list", "alias bomb", "huge repeat", "format %", "wide format"])
def test_a_hostile_rule_file_is_one_line_and_exit_2(cli, tmp_path: Path, change: tuple[str, str], line: int,
                                                    message: str) -> None:
    path = _write(tmp_path, change)
    (tmp_path / "x.txt").write_text("whatever\n", encoding="utf-8")

    lint = cli("--isolated", "--no-default-rules", "--rules", "rules", "x.txt", cwd=tmp_path)
    assert (lint.returncode, lint.stdout) == (2, "")
    [error] = lint.stderr.splitlines()
    assert error.startswith(f"cslint: error: {path}:{line}: ") and message in error

    checked = cli("check-rules", "rules", cwd=tmp_path)
    assert checked.returncode == 2
    first = checked.stdout.splitlines()[0]
    assert first.startswith(f"{Path('rules', 'rule.yml')}:{line}: ") and message in first


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("phrases: [whatever]", "phrases: ['(?:(?:ab){1000}){1000}']"), 9, "'phrases': pattern '(?:(?:ab){1000}){1000}' is too large"),
        (("phrases: [whatever]", "phrases: ['x{1,100}']"), None, None),  # a repeat range is not written out
        (("message: \"avoid '{match}'\"", "message: \"avoid '{match:{match}}'\""), 6, "'message': {match:{match}}: a format spec"),
        (("message: \"avoid '{match}'\"", "message: \"avoid '{match!x}'\""), 6, "'message': {match!x} cannot format a text"),
        (("message: \"avoid '{match}'\"", "message: \"avoid '{match.__class__}'\""), 6, "'message': uses {match.__class__}"),
        (("message: \"avoid '{match}'\"", "message: \"avoid '{match:>30}' ({match!r:.20})\""), None, None),
        (("phrases: [whatever]", "phrases: ['" + "x" * 5000 + "(']"), 9, "'phrases': invalid pattern 'xxxxx"),
        (("type: phrases", "type: stretched"), None, "'min-run' must be 100 or less"),
    ],
    ids=["nested repeats", "repeat range", "nested field", "bad conversion", "attribute", "good specs", "long entry",
         "huge min-run"],
)
def test_patterns_and_templates_are_checked_when_the_rule_loads(tmp_path: Path, change: tuple[str, str],
                                                                line: int | None, message: str | None) -> None:
    path = _write(tmp_path, change, ("phrases: [whatever]", "min-run: " + "9" * 30) if "stretched" in change[1] else change)
    if message is None:
        load_folders([path.parent], plugins.extensions().rule_types)
        return
    with pytest.raises(RuleFileError) as err:
        load_folders([path.parent], plugins.extensions().rule_types)
    assert str(err.value).startswith(f"{path}:{line}: " if line else f"{path}") and message in str(err.value)
    assert len(str(err.value)) < 300


def test_a_missing_field_in_a_message_is_empty_whatever_its_spec(tmp_path: Path) -> None:
    """A field the finding does not give formats as nothing, even with a number's spec."""
    from cslint.rulefiles.parse import Rule

    rule = Rule("CS101", "x", "respect", "warning", "limit", "{count:>3d} of {max:.1f}{min:d}", "", "", (), (), "",
                None)  # type: ignore[arg-type]
    assert rule.format_message({"count": 12, "max": 10}) == " 12 of 10.0"


# Random YAML: scalars of every kind, nested lists and mappings, as a rule file's values.
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["{match}", "{match:%}", "{count:>99999}", "{0}", "{}", "{", "a{99999999}", "(?:", "CS1",
                     "phrases", "warning", "respect", "reply", "whatever", ""]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12) | st.sampled_from(["flag", "pass"]), inner, max_size=4)),
    max_leaves=12,
)
_RULE_KEYS = st.sampled_from(
    ["code", "name", "principle", "severity", "type", "message", "description", "source", "examples", "phrases",
     "exceptions", "swap", "min-run", "max", "yields-to", "yields-within", "opt-in", "link", "unknown"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=st.dictionaries(_RULE_KEYS, _VALUES, min_size=1, max_size=4), rule_type=st.sampled_from(
    ["phrases", "substitution", "limit", "metric", "requires", "capitals", "stretched"]))
def test_any_rule_file_loads_or_is_refused_cleanly(tmp_path_factory: pytest.TempPathFactory, changes: dict[str, Any],
                                                   rule_type: str) -> None:
    data = yaml.safe_load(GOOD)
    data["type"] = rule_type
    data.update(changes)
    folder = tmp_path_factory.mktemp("rules")
    (folder / "rule.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_folders([folder], plugins.extensions().rule_types)
    except RuleFileError as exc:
        assert str(exc).startswith(str(folder / "rule.yml")) and "\n" not in str(exc)
        assert len(str(exc)) < 2000


@settings(max_examples=80, deadline=None)
@given(table=st.dictionaries(st.sampled_from(sorted(SETTINGS)) | st.text(alphabet=string.ascii_lowercase + "-", max_size=12),
                             _VALUES, max_size=4))
def test_any_configuration_table_loads_or_is_refused_cleanly(table: dict[str, Any]) -> None:
    try:
        config = from_mapping(LineMap(table), source="pyproject.toml", root=".")
    except ConfigError as exc:
        assert str(exc).startswith("pyproject.toml") and "\n" not in str(exc) and len(str(exc)) < 2000
        return
    assert isinstance(config, Config)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(overrides=st.dictionaries(_RULE_KEYS, _VALUES, min_size=1, max_size=3))
def test_any_rule_settings_load_or_are_refused_cleanly(tmp_path_factory: pytest.TempPathFactory,
                                                       overrides: dict[str, Any]) -> None:
    """``rule-settings`` in the configuration go over a rule file's keys: the same checks."""
    folder = tmp_path_factory.mktemp("rules")
    (folder / "rule.yml").write_text(GOOD, encoding="utf-8")
    try:
        load_folders([folder], plugins.extensions().rule_types, LineMap({"CS181": overrides}, path="cslint.toml"))
    except RuleFileError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 2000
