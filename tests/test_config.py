"""Configuration files: discovery, keys that mirror options, errors that name the key."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cslint import Config, lint_text
from cslint.config import ConfigError, discover, load

BAD = "As I said, please be advised that the order shipped.\n"


def codes(cli, cwd: Path, *args: str) -> list[str]:
    r = cli("--format", "json", *args, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return [d["code"] for d in json.loads(r.stdout)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.cslint]\nselect = ["CS2"]\n'),
        ("cslint.toml", 'select = ["CS2"]\n'),
        (".cslint.toml", 'select = ["CS2"]\n'),
    ],
)
def test_config_is_found_upward_from_the_linted_path(cli, tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    deep = tmp_path / "macros" / "billing"
    deep.mkdir(parents=True)
    (deep / "r.txt").write_text(BAD, encoding="utf-8")
    assert codes(cli, tmp_path, "macros") == ["CS201"]
    assert codes(cli, deep, "r.txt") == ["CS201"]
    assert codes(cli, tmp_path, "--isolated", "macros") == ["CS101", "CS201"]


def test_dot_cslint_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cslint]\nselect = ["CS1"]\n', encoding="utf-8")
    (tmp_path / ".cslint.toml").write_text('select = ["CS2"]\n', encoding="utf-8")
    assert discover([str(tmp_path)]).select == ("CS2",)


def test_pyproject_without_a_cslint_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('select = ["CS5"]\n', encoding="utf-8")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert discover([str(sub)]).select == ("CS5",)


def test_command_line_wins_over_the_file(cli, tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('select = ["CS2"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    assert codes(cli, tmp_path, "--select", "CS1", "r.txt") == ["CS101"]
    assert codes(cli, tmp_path, "--config", "cslint.toml", "--extend-select", "CS1", "r.txt") == ["CS101", "CS201"]


def test_per_file_ignores_and_exclude(cli, tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text(
        'extend-exclude = ["drafts"]\n\n[per-file-ignores]\n"legal/*" = ["CS2"]\n', encoding="utf-8"
    )
    for folder in ("legal", "drafts", "replies"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_text(BAD, encoding="utf-8")
    r = cli("--format", "json", ".", cwd=tmp_path)
    found = sorted((d["path"], d["code"]) for d in json.loads(r.stdout))
    assert found == [("legal/r.txt", "CS101"), ("replies/r.txt", "CS101"), ("replies/r.txt", "CS201")]


def test_rule_settings_override_severity_and_thresholds() -> None:
    long = "word " * 30 + "end."
    base = [d for d in lint_text(long) if d.code == "CS701"]
    assert base == []
    config = Config(rule_settings={"CS701": {"max": 20, "severity": "error"}})
    found = [d for d in lint_text(long, config=config) if d.code == "CS701"]
    assert [(d.severity, d.column, d.end_column) for d in found] == [("error", 1, 155)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selekt = ["CS1"]\n', ":1: 'selekt': unknown key"),
        ('# team settings\nselect = "CS1"\n', ":2: 'select': must be a list of strings"),
        ('select = ["CS1"]\nfail-level = "fatal"\n', ":2: 'fail-level': must be one of error, warning, info"),
        ('[per-file-ignores]\n"ok/*" = ["CS1"]\n"x" = "CS1"\n', ":3: 'per-file-ignores': must map a glob"),
        ("select = [\n", ":1: invalid TOML"),
        ("a = 1\nb = \n", ":2: invalid TOML: Invalid value (column 5)"),
        ("max-file-size = 0\n", ":1: 'max-file-size': must be a number of megabytes above 0"),
    ],
)
def test_bad_configuration_names_file_line_and_key(cli, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cslint.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}{message}")
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    r = cli("r.txt", cwd=tmp_path)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_rule_setting_for_an_unknown_code_is_an_error(cli, tmp_path: Path) -> None:
    path = tmp_path / "cslint.toml"
    path.write_text("[rule-settings]\nCS701 = {max = 30}\ncs999 = {severity = \"error\"}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    r = cli("r.txt", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, f"cslint: error: {path}:3: 'rule-settings': no rule has the code CS999\n")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("cslint.toml", '[rule-settings.CS701]\nseverity = "error"\nmax = "long"\n', ":3: 'max': must be a number"),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.cslint.rule-settings]\nCS701 = { max = 30, colour = "red" }\n',
         ":5: 'colour': unknown key for a metric rule"),
        ("pyproject.toml", '[tool.cslint]\nrule-settings.cs201.swap = {"ticket" = 3}\n',
         ":2: 'swap': the alternative for 'ticket' must be a string or a list of strings"),
    ],
)
def test_bad_rule_setting_is_reported_where_the_configuration_sets_it(cli, tmp_path: Path, name: str, text: str,
                                                                      message: str) -> None:
    """Settings are validated like the rule file, and an error names the configuration
    file, the line and the key the user wrote, not the rule file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    r = cli("r.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith(f"cslint: error: {path}{message}")


def test_rule_settings_in_python_name_the_configuration() -> None:
    from cslint import RuleFileError, load_rules

    with pytest.raises(RuleFileError) as err:
        load_rules(Config(rule_settings={"CS701": {"max": "long"}}))
    assert str(err.value) == "configuration: 'max': must be a number"
