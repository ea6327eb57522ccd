"""Mistakes a user makes must be loud: exit status 2 and one line that names the problem
(issue 25, "Silent mistakes must be loud"). Each test here fails on aea93d8."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint import Config, lint_paths, lint_text
from cslint.cli.main import main
from cslint.config import ConfigError, discover, load

BAD = "As I said, please be advised that the order shipped.\n"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """``cslint ARGS`` in this process, in ``tmp_path`` (which holds r.txt): the exit
    status, standard output and standard error."""
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def call(*argv: str) -> tuple[int, str, str]:
        status = main(["-j", "1", *argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--select", "XYZ"], "argument --select: 'XYZ' is not a code prefix"),
        (["--select", "CS999"], "--select: no rule has a code starting with 'CS999'"),
        (["--ignore", "CS1 CS2"], "argument --ignore: 'CS1 CS2' holds several code prefixes"),
        (["--extend-select", "blame"], "argument --extend-select: 'blame' is not a code prefix; the rule blame is selected by its code: did you mean CS102?"),
        (["--select", ""], "argument --select: an empty code prefix"),
        (["--select", "CS1,,CS2"], "argument --select: an empty code prefix"),
        (["--extend-ignore", "CS1O1"], "'CS1O1' is not a code prefix; did you mean CS101?"),
        (["--select", "CS1011"], "'CS1011' is not a code prefix"),
    ],
)
def test_a_bad_code_prefix_on_the_command_line_is_an_error(run, argv: list[str], error: str) -> None:
    status, out, err = run("--isolated", *argv, "r.txt")
    assert (status, out) == (2, "")
    assert err.startswith("cslint: error: ") and error in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('select = ["XYZ"]\n', ":1: 'select': 'XYZ' is not a code prefix"),
        ('# ours\nignore = ["CS999"]\n', ":2: 'ignore': no rule has a code starting with 'CS999'"),
        ('extend-select = ["CS1 CS2"]\n', ":1: 'extend-select': 'CS1 CS2' holds several code prefixes"),
        ('extend-ignore = [""]\n', ":1: 'extend-ignore': an empty code prefix"),
        ('[per-file-ignores]\n"legal/*" = ["blame"]\n', ":2: 'per-file-ignores': 'blame' is not a code prefix"),
        ('[per-file-ignores]\n"legal/*" = ["CS808"]\n', ":1: 'per-file-ignores': no rule has a code starting with 'CS808'"),
    ],
)
def test_a_bad_code_prefix_in_the_configuration_names_file_and_line(run, tmp_path: Path, text: str, error: str) -> None:
    (tmp_path / "cslint.toml").write_text(text, encoding="utf-8")
    status, out, err = run("r.txt")
    assert (status, out) == (2, "")
    assert err.startswith(f"cslint: error: {tmp_path / 'cslint.toml'}{error}") and err.count("\n") == 1


def test_prefixes_of_rules_from_rules_folders_count_as_known(run, tmp_path: Path) -> None:
    folder = tmp_path / "ours" / "respect"
    folder.mkdir(parents=True)
    (folder / "r.yml").write_text(
        "code: CS181\nname: as-i-said-again\nprinciple: respect\nseverity: warning\ntype: phrases\n"
        "message: avoid '{match}'\ndescription: d\nsource: s\nphrases: [as I said]\n"
        "examples: {flag: [As I said.], pass: [Hello.]}\n", encoding="utf-8")
    status, out, _ = run("--isolated", "--rules", "ours", "--select", "CS18", "r.txt")
    assert (status, out) == (1, "r.txt:1:1: CS181 avoid 'As I said'\n")
    assert run("--isolated", "--no-default-rules", "--rules", "ours", "--select", "CS2", "r.txt")[0] == 2


def test_a_pyproject_that_does_not_parse_is_an_error_not_the_defaults(run, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cslint]\nselect = ["CS2"\n', encoding="utf-8")
    status, out, err = run("r.txt")
    assert (status, out) == (2, "")
    assert err.startswith(f"cslint: error: {tmp_path / 'pyproject.toml'}:5: invalid TOML")
    with pytest.raises(ConfigError):
        discover([str(tmp_path)])


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--no-default", "r.txt"], "unknown option --no-default; did you mean --no-default-rules?"),
        (["--selec", "CS1", "r.txt"], "unknown option --selec; did you mean --select?"),
        (["--statistic", "r.txt"], "unknown option --statistic; did you mean --statistics?"),
    ],
)
def test_options_are_not_abbreviated_and_a_usage_error_is_one_line(run, argv: list[str], error: str) -> None:
    status, out, err = run("--isolated", *argv)
    assert (status, out) == (2, "")
    assert err.startswith(f"cslint: error: {error}") and err.count("\n") == 1


def test_a_subcommand_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "CS101", "--rule", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cslint: error: unknown option --rule; did you mean --rules?") and err.count("\n") == 1


def test_lint_paths_takes_one_path_as_str_or_pathlike(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    expected = [(d.path, d.code) for d in lint_paths([str(tmp_path / "r.txt")])]
    assert expected == [(str(tmp_path / "r.txt"), "CS101"), (str(tmp_path / "r.txt"), "CS201")]
    assert [(d.path, d.code) for d in lint_paths(str(tmp_path / "r.txt"))] == expected
    assert [(d.path, d.code) for d in lint_paths(tmp_path / "r.txt")] == expected


def test_config_load_takes_a_str(tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('select = ["CS2"]\n', encoding="utf-8")
    assert load(str(tmp_path / "cslint.toml")).select == ("CS2",)


def test_config_takes_one_code_as_a_str() -> None:
    assert Config(select="CS1").select == ("CS1",)
    assert [d.code for d in lint_text(BAD, config=Config(select="cs2"))] == ["CS201"]


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"fail_level": "bogus"}, ValueError, "Config(fail_level=...): must be one of error, warning, info (got 'bogus')"),
        ({"select": "CS1 CS2"}, ValueError, "Config(select=...): 'CS1 CS2' holds several code prefixes"),
        ({"select": 101}, TypeError, "Config(select=...): must be a str or list or tuple, not int"),
        ({"no_default_rules": "yes"}, TypeError, "Config(no_default_rules=...): must be a bool, not str"),
        ({"max_file_size": -1}, ValueError, "Config(max_file_size=...): must be a number of megabytes above 0"),
        ({"per_file_ignores": ["CS1"]}, TypeError, "Config(per_file_ignores=...): must be a Mapping, not list"),
        ({"fields": {"body": "x"}}, ValueError, "Config(fields=...): must map text, title, id, context"),
        ({"format": None, "include": 3}, TypeError, "Config(include=...): must be a str or list or tuple, not int"),
    ],
)
def test_every_config_field_is_checked(fields: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as err:
        Config(**fields)  # type: ignore[arg-type]
    assert str(err.value).startswith(message)


def test_a_config_built_in_python_with_an_unknown_code_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'select': no rule has a code starting with 'CS999'"):
        lint_text(BAD, config=Config(select=("CS999",)))


RULE = (
    "code: {code}\nname: {name}\nprinciple: respect\nseverity: {severity}\ntype: phrases\n"
    "message: \"avoid '{{match}}'{extra}\"\ndescription: d\nsource: team\nphrases: [\"{phrase}\"]\n"
    "examples: {{flag: [As I said.], pass: [Hello.]}}\n"
)


def test_check_rules_reports_every_error_of_a_file_and_collisions_with_shipped_rules(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "respect" / "a.yml"
    bad.parent.mkdir()
    bad.write_text(RULE.format(code="CS101", name="blame", severity="fatal", extra=" {nope}", phrase="as I (said"), encoding="utf-8")
    classes = tmp_path / "respect" / "b.yml"
    classes.write_text(RULE.format(code="CS181", name="as-i-said", severity="warning", extra="",
                                   phrase="as {apology} I [said"), encoding="utf-8")
    assert main(["check-rules", str(tmp_path)]) == 2
    shipped = Path(__file__).resolve().parents[1] / "rules" / "respect"
    assert capsys.readouterr().out.splitlines() == [
        f"{bad}:1: 'code': CS101 is already used by {shipped / 'passive-aggressive.yml'}",
        f"{bad}:2: 'name': blame is already used by {shipped / 'blame.yml'}",
        f"{bad}:4: 'severity': must be one of error, warning, info (got 'fatal')",
        f"{bad}:6: 'message': uses {{nope}}; this rule type offers match",
        f"{bad}:9: 'phrases': invalid pattern 'as I (said': missing ) at position 10",
        f"{classes}:9: 'phrases': invalid pattern 'as {{apology}} I [said': unterminated character set at position 20",
        "0 rules checked: 2 invalid, 0 failing examples",
    ]


def test_checking_the_shipped_rules_is_no_collision(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = Path(__file__).resolve().parents[1] / "rules" / "respect"
    assert main(["check-rules", str(shipped)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        ("[rule-settings.CS507]\nmin-run = 1\n", ":1: 'min-run' must be 2 or more (one letter is every word)"),
        ('[rule-settings.CS101]\nphrases = ["as I (said"]\n', ":2: 'phrases': invalid pattern 'as I (said': missing ) at position 10"),
    ],
)
def test_a_bad_rule_setting_names_the_configuration_not_the_rule_file(run, tmp_path: Path, settings: str, error: str) -> None:
    (tmp_path / "cslint.toml").write_text(settings, encoding="utf-8")
    status, out, err = run("r.txt")
    assert (status, out, err) == (2, "", f"cslint: error: {tmp_path / 'cslint.toml'}{error}\n")
