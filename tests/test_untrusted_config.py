"""A repository's own configuration cannot reach outside the repository for rules: a
``rules`` folder that resolves outside the configuration file's folder is refused with one
line naming the file and key (not echoing the value), unless given with ``--rules``."""
from __future__ import annotations

from pathlib import Path

import pytest

RULES = Path(__file__).parent / "data" / "fix-rules"
WORDY = (RULES / "wordy.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("entry", ["../outside", "/etc", "inside/../../outside", "link"])
def test_a_config_rules_folder_outside_the_project_is_refused(cli, tmp_path: Path, entry: str) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "wordy.yml").write_text(WORDY, encoding="utf-8")
    (project / "inside").mkdir()
    (project / "link").symlink_to(outside)  # a symlink in the repository to a folder outside it
    (project / "reply.txt").write_text("We will utilize it.\n", encoding="utf-8")
    (project / "cslint.toml").write_text(f'select = ["CS"]\nrules = [\n  "inside",\n  "{entry}",\n]\n', encoding="utf-8")
    r = cli("reply.txt", cwd=project)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (f"cslint: error: {project / 'cslint.toml'}:2: 'rules': rule folders outside the configuration "
                        "file's folder are refused here; give them on the command line with --rules\n")
    assert entry not in r.stderr.replace(str(project), "")


def test_rules_folders_inside_the_project_and_on_the_command_line_load(cli, tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "style").mkdir(parents=True)
    outside.mkdir()
    (outside / "wordy.yml").write_text(WORDY, encoding="utf-8")
    (project / "style" / "notes.yml").write_text((RULES / "notes.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "reply.txt").write_text("TODO: we will utilize it.\n", encoding="utf-8")
    (project / "cslint.toml").write_text('no-default-rules = true\nrules = ["style"]\n', encoding="utf-8")
    r = cli("--rules", "../outside", "reply.txt", cwd=project)
    assert [line.split(" ")[1] for line in r.lines] == ["CS594", "CS291"]
