"""``--fix`` inside macro libraries: the flagged words change, the container's syntax
(JSON escapes, CSV quoting, YAML quoting and block scalars, HTML) does not, and the file
parses to the same structure with only those strings changed."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

RULES = Path(__file__).parent / "data" / "fix-rules"
ISOLATED = ("--isolated", "--no-default-rules", "--rules", str(RULES))


def _fix(cli, folder: Path, name: str, text: str, newline: str = "\n") -> str:
    (folder / name).write_bytes(text.replace("\n", newline).encode())
    r = cli(*ISOLATED, "--fix", name, cwd=folder)
    assert r.returncode in (0, 1), r.stderr
    assert "not fixed" not in r.stderr
    again = cli(*ISOLATED, "--fix", name, cwd=folder)
    assert "Fixed" not in again.stderr  # fixing twice changes nothing
    return (folder / name).read_bytes().decode()


JSON_BEFORE = r"""[
  {"id": 1, "title": "Delay \"urgent\"", "body": "Hi \"Sam\",\nplease utilize the app prior to noon. Caf\u00e9 \ud83d\udc4b \\o/"},
  {"id": 2, "title": "HTML", "body_html": "<p>We will utilize &amp; fix it</p>\n<p>prior to <b>noon</b></p>"},
  {"id": 3, "title": "Escaped inside", "body": "please util\u0069ze it"}
]
"""


def test_json_keeps_its_escapes_and_structure(cli, tmp_path: Path) -> None:
    after = _fix(cli, tmp_path, "macros.json", JSON_BEFORE)
    assert after == JSON_BEFORE.replace("utilize the app prior to", "use the app before").replace(
        "utilize &amp; fix it</p>\\n<p>prior to", "use &amp; fix it</p>\\n<p>before")
    expected = json.loads(JSON_BEFORE)
    expected[0]["body"] = 'Hi "Sam",\nplease use the app before noon. Café 👋 \\o/'
    expected[1]["body_html"] = "<p>We will use &amp; fix it</p>\n<p>before <b>noon</b></p>"
    # 'util\u0069ze' is flagged but not written verbatim in the file: no fix, left alone.
    assert json.loads(after) == expected


def test_json_escapes_a_replacement_for_its_string(cli, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "quote.yml").write_text(
        (RULES / "wordy.yml").read_text(encoding="utf-8").replace("CS291", "CS295").replace("name: wordy", "name: quote")
        .replace("  in order to: to\n", '  in order to: \'so that "\\ we"\'\n'),
        encoding="utf-8",
    )
    (tmp_path / "m.json").write_text('[{"title": "t", "body": "Sign in in order to pay."}]\n', encoding="utf-8")
    r = cli("--isolated", "--no-default-rules", "--rules", str(rules), "--fix", "m.json", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "m.json").read_text(encoding="utf-8") == '[{"title": "t", "body": "Sign in so that \\"\\\\ we\\" pay."}]\n'
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))[0]["body"] == 'Sign in so that "\\ we" pay.'


CSV_BEFORE = 'id,title,body\n1,"Delay, sorry","Hi ""Sam"",\nplease utilize the app prior to noon."\n2,Plain,We will utilize it prior to noon\n'


def test_csv_keeps_quoting_and_line_endings(cli, tmp_path: Path) -> None:
    after = _fix(cli, tmp_path, "macros.csv", CSV_BEFORE, newline="\r\n")
    assert after == CSV_BEFORE.replace("utilize", "use").replace("prior to", "before").replace("\n", "\r\n")
    rows = list(csv.reader(io.StringIO(after, newline="")))
    assert rows == [
        ["id", "title", "body"],
        ["1", "Delay, sorry", 'Hi "Sam",\r\nplease use the app before noon.'],
        ["2", "Plain", "We will use it before noon"],
    ]


YAML_BEFORE = """\
- title: Plain
  body: We will utilize it prior to noon
- title: Double
  body: "Hi \\"Sam\\",\\nplease utilize the app\\u00e9 prior to noon"
- title: Single
  body: 'It''s fine: utilize it prior to noon'
- title: Literal
  body: |
    Hi Sam,
    please utilize the app
    prior to noon.
- title: Folded across the phrase
  body: >
    Hi Sam, we utilize the app prior
    to noon.
"""


def test_yaml_keeps_quoting_and_block_scalars(cli, tmp_path: Path) -> None:
    after = _fix(cli, tmp_path, "macros.yaml", YAML_BEFORE)
    assert after == (
        "- title: Plain\n"
        "  body: We will use it before noon\n"
        "- title: Double\n"
        '  body: "Hi \\"Sam\\",\\nplease use the app\\u00e9 before noon"\n'
        "- title: Single\n"
        "  body: 'It''s fine: use it before noon'\n"
        "- title: Literal\n"
        "  body: |\n"
        "    Hi Sam,\n"
        "    please use the app\n"
        "    before noon.\n"
        "- title: Folded across the phrase\n"
        "  body: >\n"
        "    Hi Sam, we use the app prior\n"  # 'prior\\n    to' is folded: not verbatim, no fix
        "    to noon.\n"
    )
    assert [m["body"] for m in yaml.safe_load(after)] == [
        "We will use it before noon",
        'Hi "Sam",\nplease use the appé before noon',
        "It's fine: use it before noon",
        "Hi Sam,\nplease use the app\nbefore noon.\n",
        "Hi Sam, we use the app prior to noon.\n",
    ]
    assert [m["title"] for m in yaml.safe_load(after)] == [m["title"] for m in yaml.safe_load(YAML_BEFORE)]


def _risky_rules(folder: Path) -> Path:
    """A rule whose replacement holds what CSV and YAML treat as syntax: ``,``, ``: ``, `` #``."""
    rules = folder / "rules"
    rules.mkdir()
    text = (RULES / "wordy.yml").read_text(encoding="utf-8")
    (rules / "risky.yml").write_text(text.replace("  in order to: to\n", '  in order to: "so, that: we #1"\n'), encoding="utf-8")
    return rules


def test_a_replacement_that_would_change_the_structure_is_never_written_raw(cli, tmp_path: Path) -> None:
    rules = _risky_rules(tmp_path)
    (tmp_path / "m.csv").write_text("id,title,body\n1,Plain,Pay in order to ship prior to noon\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text("- title: Plain\n  body: Pay in order to ship prior to noon\n", encoding="utf-8")
    r = cli("--isolated", "--no-default-rules", "--rules", str(rules), "--fix", "m.csv", "m.yaml", cwd=tmp_path)
    rows = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_text(encoding="utf-8"))))
    body = yaml.safe_load((tmp_path / "m.yaml").read_text(encoding="utf-8"))[0]["body"]
    # The other fix in the reply is applied either way; the risky one only if the reader
    # can write it in its container, and then the file reads exactly as intended.
    for name, value in (("m.csv", rows[1][2]), ("m.yaml", body)):
        assert value in ("Pay in order to ship before noon", "Pay so, that: we #1 ship before noon")
        assert (f"cslint: {name}: 1 fix not applied" in r.stderr) == (value == "Pay in order to ship before noon")
    assert rows[0] == ["id", "title", "body"] and len(rows) == 2 and len(rows[1]) == 3
    if "in order to" in rows[1][2]:
        assert "m.csv:2:13: CS291 'in order to' is wordy; use 'so, that: we #1' [macro: Plain]" in r.lines
        assert "fixable" not in r.stderr  # --fix already tried it


def _parsed(path: Path) -> object:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix in (".yml", ".yaml"):
        return yaml.safe_load(text)
    return list(csv.reader(io.StringIO(text, newline="")))


def _strings(value: object, path: str = "") -> dict[str, object]:
    """Every leaf (string, number, null...) of a parsed file, by its path in the tree."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _strings(item, f"{path}/{key}").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _strings(item, f"{path}/{i}").items()}
    return {path: value}


@pytest.mark.slow
def test_fixing_real_macro_libraries_changes_only_strings_and_settles(cli, shared: Path, tmp_path: Path) -> None:
    libraries = tmp_path / "macro_repos"
    shutil.copytree(shared / "macro_repos", libraries)
    for path in libraries.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    r = cli("--isolated", "--fix", "--unsafe-fixes", ".", cwd=libraries)
    assert "not fixed" not in r.stderr
    changed = [p for p in sorted(libraries.rglob("*")) if p.is_file()
               and p.read_bytes() != (shared / "macro_repos" / p.relative_to(libraries)).read_bytes()]
    assert changed, "the shipped rules fix nothing in the real libraries"
    for path in changed:
        if path.suffix not in (".json", ".yml", ".yaml", ".csv"):
            continue
        before = _strings(_parsed(shared / "macro_repos" / path.relative_to(libraries)))
        after = _strings(_parsed(path))
        assert before.keys() == after.keys(), path  # the same structure
        assert {k: v for k, v in before.items() if not isinstance(v, str)} == {
            k: v for k, v in after.items() if not isinstance(v, str)}, path
    again = cli("--isolated", "--fix", "--unsafe-fixes", ".", cwd=libraries)
    assert "Fixed" not in again.stderr
