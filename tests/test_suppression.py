"""Inline suppression in comments the customer never sees, and CS901 for stale ones."""
from __future__ import annotations

import pytest

from cslint import lint_text


def found(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in lint_text(text) if d.code in ("CS101", "CS201", "CS901")]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- cslint: disable-next-line CS101 -->",
        "<!--cslint:disable-next-line CS101-->",
        "{# cslint: disable-next-line CS101 #}",
        "{% comment %}cslint: disable-next-line CS101{% endcomment %}",
        "<!-- cslint: disable-next-line CS1 -->",
        "<!-- cslint: disable-next-line -->",
    ],
)
def test_disable_next_line(comment: str) -> None:
    assert found(f"{comment}\nAs I said, thanks.\nAs I said, again.") == [("CS101", 3, 1)]


def test_disable_line_and_regions() -> None:
    assert found("As I said. <!-- cslint: disable-line CS101 -->\nAs I said.") == [("CS101", 2, 1)]
    text = "As I said.\n<!-- cslint: disable CS101 -->\nAs I said.\n<!-- cslint: enable CS101 -->\nAs I said."
    assert found(text) == [("CS101", 1, 1), ("CS101", 5, 1)]


def test_disable_file_only_the_named_codes() -> None:
    text = "<!-- cslint: disable-file CS101 -->\nAs I said, please be advised.\nAs I said."
    assert found(text) == [("CS201", 2, 12)]
    assert found("{# cslint: disable-file #}\nAs I said, please be advised.") == []


def test_unused_suppression_is_reported_as_cs901() -> None:
    diags = [d for d in lint_text("<!-- cslint: disable-next-line CS101 -->\nAll good here.") if d.code == "CS901"]
    assert [(d.line, d.column, d.severity, d.principle) for d in diags] == [(1, 1, "warning", "linter")]
    assert diags[0].message == "unused suppression: 'disable-next-line' for CS101 suppresses nothing"


def test_a_suppression_for_a_rule_that_is_off_is_not_stale() -> None:
    from cslint import Config

    config = Config(ignore=("CS101",))
    assert [d.code for d in lint_text("<!-- cslint: disable-next-line CS101 -->\nAs I said.", config=config)] == []


def test_the_directive_itself_is_never_flagged_as_prose() -> None:
    assert found("Thanks!\n<!-- cslint: disable-file CS101 as I said -->") == []


def test_each_finding_is_judged_against_the_directives_of_its_own_stretch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text file holding a library's macros may carry thousands of directives: each
    finding is checked against those covering its place only, not against every one."""
    from cslint.engine.linter import suppression

    calls = 0
    applies = suppression.Directive.applies

    def counted(self: suppression.Directive, code: str, offset: int) -> bool:
        nonlocal calls
        calls += 1
        return applies(self, code, offset)

    monkeypatch.setattr(suppression.Directive, "applies", counted)
    text = "<!-- cslint: disable-line CS201 --> We will utilize it.\nWe will utilize it again.\n" * 2000
    assert [(code, line) for code, line, _ in found(text)] == [("CS201", 2 * i + 2) for i in range(2000)]
    assert calls == 2000  # each suppressed finding against its line's one directive (was 8,000,000)


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("As I said. <!-- cslint: disabel-line CS101 -->", (1, 12), "'disabel-line' is not a cslint directive; did you mean disable-line?"),
        ("<!-- cslint: disable-next-line CS1O1 -->\nAs I said.", (1, 1), "'CS1O1' is not a code prefix; did you mean CS101?"),
        ("Hi.\n{# cslint: disable CS999 #}\nAs I said.", (2, 1), "'disable' names CS999, which no rule has"),
        ("{# cslint disable-file #}\nAs I said.", (1, 1), "write 'cslint: disable-file', with a colon"),
        ("<!-- cslint: -->\nAs I said.", (1, 1),
         "a cslint comment needs a directive: disable-file, disable-next-line, disable-line, disable, enable"),
    ],
)
def test_a_suppression_comment_with_a_typo_is_reported_as_cs905(text: str, position: tuple[int, int], message: str) -> None:
    found = lint_text(text)
    assert [(d.line, d.column, d.severity, d.message) for d in found if d.code == "CS905"] == [
        (*position, "warning", f"suppression comment: {message}")]
    assert "CS101" in [d.code for d in found]  # (it suppressed nothing)


def test_well_formed_suppressions_give_no_cs905() -> None:
    text = "<!-- cslint: disable-line cs101, CS2 --> As I said.\n{% comment %}cslint: disable-file{% endcomment %}"
    assert [d.code for d in lint_text(text)] == []
