"""CS807 tone outlier: a macro far above its own library's median reading grade or
sentence length (a robust z-score), reported over its body with the figures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cslint import lint_paths, load_rules
from cslint.config import Config
from cslint.rulefiles.parse import RuleFileError

PLAIN = [
    "Thanks for writing in. Your refund is on its way to your card. It takes five to seven days to show up. "
    f"If it does not, reply to this email and I will look again for you. This is note {n}."
    for n in range(10)
]
HARD = ("Notwithstanding the aforementioned considerations, reimbursement eligibility determinations necessitate "
        "comprehensive verification of transactional documentation, including authenticated proof of purchase, "
        "prior to the initiation of administrative remediation procedures by the financial operations department.")


def _library(tmp_path: Path, bodies: list[str]) -> Path:
    macros = [{"title": f"m{n}", "body": body} for n, body in enumerate(bodies)]
    (tmp_path / "lib.json").write_text(json.dumps(macros, indent=1), encoding="utf-8")
    return tmp_path


def test_the_outlier_is_reported_over_its_body_with_its_figures(cli, tmp_path: Path) -> None:
    _library(tmp_path, [*PLAIN, HARD])
    r = cli("--isolated", "--select", "CS807", "--format", "json", ".", cwd=tmp_path)
    [found] = json.loads(r.stdout)
    assert (found["line"], found["column"], found["end_line"], found["end_column"]) == (44, 12, 44, 12 + len(HARD))
    assert found["item"] == {"id": None, "title": "m10"}
    assert found["message"] == ("reads far harder than the rest of the library: reading grade 34.2 against its "
                                "median of 1.4 (robust z-score 92.1)")


def test_a_library_judged_against_itself(tmp_path: Path) -> None:
    """Eleven macros as hard as HARD: none stands out (a fixed limit would report all)."""
    _library(tmp_path, [HARD.replace("department", f"department {n}") for n in range(11)])
    assert list(lint_paths([str(tmp_path)], Config(select=("CS807",)))) == []


def test_short_macros_and_small_libraries_are_not_judged(tmp_path: Path) -> None:
    _library(tmp_path, [*PLAIN[:8], HARD])
    assert list(lint_paths([str(tmp_path)], Config(select=("CS807",)))) == []  # 9 measured macros
    config = Config(select=("CS807",), rule_settings={"CS807": {"min-macros": 9}})
    assert [d.item.label() for d in lint_paths([str(tmp_path)], config) if d.item] == ["m8"]
    _library(tmp_path, [*PLAIN, "Thanks! See you."])  # too short to measure, and not an outlier for it
    assert list(lint_paths([str(tmp_path)], Config(select=("CS807",)))) == []


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(RuleFileError, match="'threshold' must be above 0"):
        load_rules(Config(rule_settings={"CS807": {"threshold": 0}}))


def test_real_libraries(shared: Path) -> None:
    """docs/audit.md: over every shared library, one macro stands out: osTicket's sample
    canned response, one 31-word sentence in a library whose median sentence has 13."""
    found = []
    for repo in sorted((shared / "macro_repos").iterdir()):
        if repo.is_dir() and repo.name != "_derived":
            found += [(Path(d.path).name, d.line, d.column, d.item.label() if d.item else "", d.message)
                      for d in lint_paths([str(repo)], Config(select=("CS807",)))]
    assert found == [("premade.yaml", 8, 5, "What is osTicket (sample)?",
                      "reads far harder than the rest of the library: words per sentence 31 against its median "
                      "of 13 (robust z-score 5.5)")]
