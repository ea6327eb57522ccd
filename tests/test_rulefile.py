"""Bad rule files are refused with the file, the line and the key, and exit status 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint import Config, RuleFileError, load_rules

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
examples: {flag: [Whatever.], pass: [What ever happened?]}
"""


def write(folder: Path, text: str, name: str = "rule.yml") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: Path) -> None:
    load_rules(Config(rules=(str(folder),), no_default_rules=True))


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("phrases: [whatever]", "phrases: [whatever]\ncolour: red"), 10, "'colour': unknown key for a phrases rule"),
        (("severity: warning", "severity: fatal"), 4, "'severity': must be one of error, warning, info (got 'fatal')"),
        (("phrases: [whatever]", "phrases: 12"), 9, "'phrases': must be a list of phrases"),
        (("code: CS181", "code: CS281"), 1, "'code': CS281 is outside the respect range CS1xx"),
        (("code: CS181", "code: CS901"), 1, "'code': 'CS901' is not a rule code like CS101"),
        (("code: CS181", "code: CS041"), 1, "'code': CS041 is outside the respect range CS1xx"),
        (("code: CS181\nname: no-whatever\nprinciple: respect", "code: CS061\nname: no-whatever\nprinciple: confidentiality"), 1,
         "'code': CS061 is outside the confidentiality range CS04x"),
        (("code: CS181\nname: no-whatever\nprinciple: respect", "code: CS005\nname: no-whatever\nprinciple: inclusivity"), 1,
         "'code': CS005 is outside the inclusivity range CS05x"),
        (("phrases: [whatever]", "phrases: ['(unclosed']"), 9, "'phrases': invalid pattern '(unclosed'"),
        (("phrases: [whatever]", "phrases: ['a|']"), 9, "'phrases': pattern 'a|' matches the empty string"),
        (("phrases: [whatever]", "phrases: [\"(?:is|'s) whatever\"]"), 9,
         "'phrases': pattern \"(?:is|'s) whatever\": its alternative \"'s\" can never match"),
        (("type: phrases", "type: magic"), 5, "'type': unknown rule type 'magic'"),
        (("name: no-whatever", "name: No Whatever"), 2, "'name': 'No Whatever' must be kebab-case"),
        (("message: \"avoid '{match}'\"", "message: \"use {suggestion}\""), 6, "'message': uses {suggestion}"),
        (("source: team style guide\n", ""), 1, "missing required key 'source'"),
        (("examples: {flag: [Whatever.], pass: [What ever happened?]}", "examples: {flag: [x]}"), 10, "'examples': must have 'flag' and 'pass'"),
        (("severity: warning", "severity: [warning"), 5, "invalid YAML"),
        (("name: no-whatever", "name: a\nname: b"), 3, "invalid YAML: duplicate key 'name'"),
    ],
)
def test_bad_rule_file_names_file_line_and_key(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    path = write(tmp_path / "rules", GOOD.replace(*change))
    with pytest.raises(RuleFileError) as err:
        load(tmp_path / "rules")
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert message in str(err.value)


def test_duplicate_code_and_name(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(folder, GOOD, "a.yml")
    second = write(folder, GOOD.replace("name: no-whatever", "name: other"), "b.yml")
    with pytest.raises(RuleFileError, match=rf"^{second}:1: 'code': CS181 is already used by .*a\.yml"):
        load(folder)
    second.write_text(GOOD.replace("code: CS181", "code: CS182"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"^{second}:2: 'name': no-whatever is already used"):
        load(folder)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    write(tmp_path / "rules", GOOD.replace("source: team style guide", "source: !!python/object/apply:os.system ['touch pwned']"))
    with pytest.raises(RuleFileError, match="invalid YAML"):
        load(tmp_path / "rules")
    assert not Path("pwned").exists()


def test_cli_refuses_a_bad_rule_file_with_exit_2(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "rules", GOOD.replace("severity: warning", "severity: loud"))
    (tmp_path / "r.txt").write_text("whatever\n", encoding="utf-8")
    r = cli("--isolated", "--rules", "rules", "r.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [f"cslint: error: {path}:4: 'severity': must be one of error, warning, info (got 'loud')"]
    assert r.stdout == ""


def test_a_team_rule_in_a_cs0_principle_loads_and_reports_its_principle(tmp_path: Path) -> None:
    text = GOOD.replace("code: CS181", "code: CS048").replace("principle: respect", "principle: confidentiality")
    write(tmp_path / "rules", text)
    rules = load_rules(Config(rules=(str(tmp_path / "rules"),), no_default_rules=True))
    assert [(r.code, r.principle) for r in rules] == [("CS048", "confidentiality")]


def test_shipped_rules_are_valid_and_in_their_ranges() -> None:
    rules = load_rules(Config())
    assert len({r.code for r in rules}) == len(rules)
    ranges = {"respect": "1", "clarity": "2", "empathy": "3", "accountability": "4", "professionalism": "5", "personalization": "6", "readability": "7", "consistency": "8",
              "reliability": "01", "transparency": "02", "competence": "03", "confidentiality": "04", "inclusivity": "05"}
    for rule in rules:
        assert rule.code[2:].startswith(ranges[rule.principle]), rule.path
        assert Path(rule.path).parent.name == rule.principle, "one folder per principle"
    assert {r.type for r in rules} >= {"phrases", "substitution", "requires", "limit", "capitals", "metric"}


def test_stretched_rule_needs_a_run_of_two_letters_or_more(tmp_path: Path) -> None:
    text = GOOD.replace("type: phrases", "type: stretched").replace("phrases: [whatever]", "min-run: 1")
    path = write(tmp_path / "rules", text)
    with pytest.raises(RuleFileError) as err:
        load(tmp_path / "rules")
    assert str(err.value) == f"{path}:1: 'min-run' must be 2 or more (one letter is every word)"
