"""What a run lints: repository files skipped in folder walks, files named on the command
line, every format's extension walked, and each file's own configuration (issue 25,
"Scope: lint what customers read")."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cslint import Config, lint_paths, lint_text, readers
from cslint.api import lint_source
from cslint.config import Nearest
from cslint.readers import ReadOptions
from cslint.sources import reading
from cslint.sources.document import SourceFile

BAD = "As I said, please be advised that the order shipped.\n"


def found(cli, cwd: Path, *args: str, stdin: str | None = None) -> list[tuple[str, str]]:
    r = cli("--format", "json", *args, cwd=cwd, stdin=stdin)
    assert r.returncode in (0, 1), r.stderr
    return sorted((d["path"], d["code"]) for d in json.loads(r.stdout))


def paths(cli, cwd: Path, *args: str) -> list[str]:
    return sorted({path for path, _ in found(cli, cwd, *args)})


def test_a_folder_walk_skips_repository_files(cli, tmp_path: Path) -> None:
    repository_files = ["README.md", "readme.txt", "Readme.markdown", "LICENSE.txt", "LICENSE-repository.md",
                        "licence.md", "COPYING.txt", "CHANGELOG.md", "History.md", "CONTRIBUTING.md",
                        "CODE_OF_CONDUCT.md", "SECURITY.md", "AUTHORS.txt", "NOTICE.txt", "PROVENANCE.md"]
    replies = ["macros/refund.md", "security-question.md", "readme-first.txt", "notices.txt"]
    for name in [*repository_files, *replies, "macros/README.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    assert paths(cli, tmp_path, ".") == sorted(replies)


def test_a_file_named_on_the_command_line_is_linted_unless_force_exclude(cli, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    for name in ("README.md", "drafts/r.txt", "r.txt"):
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    (tmp_path / "cslint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    assert paths(cli, tmp_path, "README.md", "drafts/r.txt", "r.txt") == ["README.md", "drafts/r.txt", "r.txt"]
    assert paths(cli, tmp_path, "--force-exclude", "README.md", "drafts/r.txt", "r.txt") == ["r.txt"]
    (tmp_path / "cslint.toml").write_text('extend-exclude = ["drafts"]\nforce-exclude = true\n', encoding="utf-8")
    assert paths(cli, tmp_path, "README.md", "drafts/r.txt", "r.txt") == ["r.txt"]


def test_exclude_replaces_the_default_list(cli, tmp_path: Path) -> None:
    for name in ("README.md", "r.txt", "drafts.txt"):
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    (tmp_path / "cslint.toml").write_text('exclude = ["drafts.txt"]\n', encoding="utf-8")
    assert paths(cli, tmp_path, ".") == ["README.md", "r.txt"]


def test_a_folder_walk_takes_every_extension_a_reader_declares(cli, tmp_path: Path) -> None:
    texts = {
        ".txt": BAD, ".text": BAD, ".md": BAD, ".markdown": BAD, ".html": f"<p>{BAD}</p>", ".htm": f"<p>{BAD}</p>",
        ".json": json.dumps([{"title": "t", "body": BAD}]), ".jsonl": json.dumps({"text": BAD}) + "\n",
        ".ndjson": json.dumps({"text": BAD}) + "\n", ".csv": f'title,body\nt,"{BAD}"\n',
        ".tsv": f"title\tbody\nt\t{BAD}", ".yml": f"title: t\nbody: {BAD}", ".yaml": f"title: t\nbody: {BAD}",
    }
    assert {glob[1:] for glob in readers.folder_globs()} == set(texts)
    for ext, text in texts.items():
        (tmp_path / f"reply{ext}").write_text(text, encoding="utf-8")
    assert paths(cli, tmp_path, ".") == sorted(f"reply{ext}" for ext in texts)


def _nested(tmp_path: Path, files: int = 1) -> None:
    """A repository configured for CS1 whose ``billing/`` folder has its own configuration
    (CS2 only, and its drafts skipped)."""
    (tmp_path / "cslint.toml").write_text('select = ["CS1"]\n', encoding="utf-8")
    (tmp_path / "billing" / "drafts").mkdir(parents=True)
    (tmp_path / "billing" / ".cslint.toml").write_text('select = ["CS2"]\nextend-exclude = ["drafts"]\n',
                                                       encoding="utf-8")
    for i in range(files):
        for folder in ("", "billing/", "billing/drafts/"):
            (tmp_path / f"{folder}r{i}.txt").write_text(BAD, encoding="utf-8")


def test_each_file_uses_the_nearest_configuration(cli, tmp_path: Path) -> None:
    _nested(tmp_path)
    expected = [("billing/r0.txt", "CS201"), ("r0.txt", "CS101")]
    assert found(cli, tmp_path, ".") == expected
    assert found(cli, tmp_path, "billing/r0.txt", "r0.txt") == expected
    assert found(cli, tmp_path / "billing", "r0.txt") == [("r0.txt", "CS201")]
    # the command line still wins over every file, and --config names one file for all
    assert found(cli, tmp_path, "--select", "CS101", ".") == [("billing/r0.txt", "CS101"), ("r0.txt", "CS101")]
    assert found(cli, tmp_path, "--config", "cslint.toml", "billing/r0.txt") == [("billing/r0.txt", "CS101")]


def test_worker_processes_use_each_file_s_configuration(cli, tmp_path: Path) -> None:
    _nested(tmp_path, files=20)
    serial = found(cli, tmp_path, "-j", "1", ".")
    assert {code for path, code in serial if path.startswith("billing/")} == {"CS201"}
    assert {code for path, code in serial if not path.startswith("billing/")} == {"CS101"}
    assert found(cli, tmp_path, "-j", "2", ".") == serial


def test_standard_input_uses_the_configuration_nearest_its_name(cli, tmp_path: Path) -> None:
    _nested(tmp_path)
    assert found(cli, tmp_path, "--stdin-filename", "billing/new.txt", "-", stdin=BAD) == [("billing/new.txt", "CS201")]
    assert found(cli, tmp_path, "--stdin-filename", "new.txt", "-", stdin=BAD) == [("new.txt", "CS101")]


def test_a_broken_configuration_in_a_subfolder_stops_the_run_before_any_output(cli, tmp_path: Path) -> None:
    _nested(tmp_path)
    (tmp_path / "billing" / ".cslint.toml").write_text('selekt = ["CS2"]\n', encoding="utf-8")
    r = cli(".", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert "'selekt': unknown key" in r.stderr


@pytest.mark.parametrize("name", ["cslint.toml", "pyproject.toml"])
def test_a_subfolder_without_its_own_table_inherits(cli, tmp_path: Path, name: str) -> None:
    (tmp_path / "cslint.toml").write_text('select = ["CS2"]\n', encoding="utf-8")
    (tmp_path / "pkg").mkdir()
    if name == "pyproject.toml":  # a pyproject.toml with no [tool.cslint] is not a configuration
        (tmp_path / "pkg" / name).write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "pkg" / "r.txt").write_text(BAD, encoding="utf-8")
    assert found(cli, tmp_path, ".") == [("pkg/r.txt", "CS201")]


# Files that hold no reply library


def lint(text: str, filename: str, **config: object) -> list[tuple[int, int, str, str, str]]:
    return [(d.line, d.column, d.code, d.severity, d.message) for d in lint_text(text, filename=filename, config=Config(**config))]


def test_a_table_with_no_reply_column_is_one_notice() -> None:
    assert lint("url,domain\nhttps://example.com/terms,example.com\n", "pages.csv") == [
        (1, 1, "CS906", "info", "not a reply library: no reply column in the header (looked for body, text, content, "
         "answer, response, reply, message, macro, template); name the reply column with --text-field")]
    # a column the user named and the file lacks is a mistake, not a guess that failed
    options = ReadOptions(fields={"text": "answer"})
    source = SourceFile("pages.csv", "url,body\nx,y\n")
    assert [(d.code, d.message) for d in lint_source(source, Config(), options=options)] == [
        ("CS902", "cannot read as csv: no reply column in the header (looked for answer); name it with --text-field")]


def test_a_table_of_documents_is_one_notice_unless_its_column_is_named() -> None:
    page = "Acceptance of the agreement. " + "As I said, you agree to these terms. " * 400
    table = "url,body,title\n" + "".join(f'https://example.com/{i},"{page}",Terms {i}\n' for i in range(3))
    assert lint(table, "websites.csv") == [
        (1, 1, "CS906", "info", "not a reply library: the 'body' column holds documents, not replies (its typical cell "
         "is over 10,000 characters); name it with --text-field to lint it all the same")]
    source = SourceFile("websites.csv", table)
    named = lint_source(source, Config(), options=ReadOptions(fields={"text": "body"}))
    assert {d.code for d in named} >= {"CS101"}
    assert "CS906" not in {d.code for d in named}
    # one long reply among short ones is still a reply library
    short = "id,body\n" + "".join(f"{i},As I said the order shipped.\n" for i in range(3)) + f'9,"{page}"\n'
    assert "CS906" not in {code for _, _, code, _, _ in lint(short, "replies.csv")}


def test_json_with_no_reply_field_is_one_notice() -> None:
    package = json.dumps({"name": "macros", "version": "1.0.0", "scripts": {"test": "jest"}})
    assert lint(package, "package.json") == [
        (1, 1, "CS906", "info", "not a reply library: no object has a reply field (looked for body_html, content_html, "
         "html, body, content, text, comment, reply, response, answer, plain_text, body_text, replace, template); "
         "name it with --text-field")]
    assert lint(package, "package.json", ignore=("CS906",)) == []
    assert lint("[]", "empty.json") == []
    # a library whose every macro is switched off is still a library
    assert lint(json.dumps([{"title": "t", "body": BAD, "active": False}]), "off.json") == []


# Text addressed to staff


OSTICKET = "notes: |\n    For the record.\nsubject: New ticket\nbody: |\n    <p>As I said, please be advised the ticket is open.</p>\n"


@pytest.mark.parametrize(
    ("name", "linted"),
    [
        ("ticket.alert.yaml", False), ("note.alert.yaml", False), ("ticket.overdue.yaml", False),
        ("task.activity.notice.yaml", False), ("pwreset-staff.yaml", False),
        ("ticket.notice.yaml", True), ("ticket.reply.yaml", True), ("pwreset-client.yaml", True),
    ],
)
def test_osticket_templates_for_agents_are_not_held_to_customer_rules(name: str, linted: bool) -> None:
    source = SourceFile(name, OSTICKET)
    assert reading.reader_for(source).name == "osticket"
    assert bool(lint(OSTICKET, name)) is linted


@pytest.mark.parametrize(
    ("note", "reply"),
    [
        ({"public": False}, {"public": True}),  # Zendesk ticket comments
        ({"private": True}, {"private": False}),  # Freshdesk conversations
        ({"type": "note"}, {"type": "customer"}),  # Help Scout threads
        ({"part_type": "note"}, {"part_type": "comment"}),  # Intercom conversation parts
    ],
)
def test_internal_notes_in_ticket_exports_are_not_linted(note: dict, reply: dict) -> None:
    records = [{"id": 1, "body": BAD, **note}, {"id": 2, "body": BAD, **reply}]
    by_id = {d.item.id for d in lint_text(json.dumps({"comments": records}, indent=1), filename="t.json") if d.item}
    assert by_id == {"2"}
    jsonl = "".join(json.dumps(r) + "\n" for r in records)
    assert {d.line for d in lint_text(jsonl, filename="t.jsonl")} == {2}


# The real libraries


_REPOSITORY_FILE = re.compile(r"(README|LICEN[CS]E|COPYING|CHANGELOG|HISTORY|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY|"
                              r"AUTHORS|NOTICE|PROVENANCE)\b", re.IGNORECASE)


def test_the_real_libraries_have_no_finding_on_a_repository_file(shared: Path) -> None:
    repos = shared / "macro_repos"
    found = [d for d in lint_paths([repos], Config()) if d.code != "CS906"]
    on_repository_files = [f"{d.path}:{d.line}: {d.code}" for d in found if _REPOSITORY_FILE.match(Path(d.path).name)]
    assert on_repository_files == []
    linted = {Path(d.path).relative_to(repos).as_posix() for d in found}
    assert {"cs_automation_app/macros.csv", "gumroad-help-index/saved_replies.json",
            "typescript-eslint/.github/replies.yml"} <= linted
    websites = [(d.line, d.code) for d in lint_paths([repos / "cs_automation_app" / "websites.csv"], Config())]
    assert websites == [(1, "CS906")]


def test_nearest_loads_each_configuration_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _nested(tmp_path)
    monkeypatch.chdir(tmp_path)
    nearest = Nearest()
    top, billing = nearest("r0.txt"), nearest("billing/r0.txt")
    assert (top.select, billing.select) == (("CS1",), ("CS2",))
    assert nearest("billing/drafts/r0.txt") is billing and nearest(str(tmp_path / "billing")) is billing
    assert nearest("stdin") is top and nearest("new/folder/r.txt") is top
