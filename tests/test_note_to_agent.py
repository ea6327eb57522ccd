"""CS508 note-to-agent and CS510 empty-field: notes for the agent and empty fields left in
a reply, where the template-marker rule (CS505) does not already report them."""
from __future__ import annotations

from pathlib import Path

from cslint import lint_paths, lint_text
from cslint.config import Config


def test_a_slot_both_rules_see_is_reported_once_by_the_template_marker_rule() -> None:
    found = [(d.code, d.column) for d in lint_text("It should arrive on [ETA date]. Your refund: [INSERT AMOUNT]")
             if d.code in ("CS505", "CS508")]
    assert found == [("CS508", 21), ("CS505", 46)]


def test_a_form_of_empty_fields_each_field_at_its_line(cli, tmp_path: Path) -> None:
    (tmp_path / "reset.txt").write_text("Please log in with:\n\nEmail:\nPassword: \n\nThanks!\n", encoding="utf-8")
    r = cli("--isolated", "--select", "CS510", ".", cwd=tmp_path)
    assert r.lines == [
        "reset.txt:3:1: CS510 'Email:' is a field left empty; fill it in or take it out before sending",
        "reset.txt:4:1: CS510 'Password:' is a field left empty; fill it in or take it out before sending",
    ]
    assert r.returncode == 1  # an error, like a template marker


def test_filled_fields_and_placeholders_are_not_empty() -> None:
    text = "Ticket ID: {{ ticket.ticket }}\nQueue: {{ queue.title }}\nStatus: open\nDocs:\nhttps://example.com/docs\n"
    assert [d for d in lint_text(text) if d.code in ("CS508", "CS510")] == []


def test_real_libraries(shared: Path) -> None:
    """docs/audit.md: what the default rules report as CS508 and CS510 in the shared libraries."""
    found = []
    for name in ("gumroad-help-index", "cs_automation_app", "espanso-gitlab-support"):
        found += [(Path(d.path).name, d.line, d.column, d.code, d.message.split("'")[1])
                  for d in lint_paths([str(shared / "macro_repos" / name)], Config()) if d.code in ("CS508", "CS510")]
    assert found == [
        ("saved_replies.json", 76, 50, "CS508", "(delete list before sending)"),
        ("saved_replies.json", 256, 472, "CS508", "(select for adult/credit repair etc)"),
        ("saved_replies.json", 280, 138, "CS510", "Email:"),
        ("saved_replies.json", 280, 168, "CS510", "Product:"),
        ("saved_replies.json", 280, 200, "CS510", "Receipt Link:"),
        ("saved_replies.json", 400, 143, "CS510", "Email:"),
        ("saved_replies.json", 408, 200, "CS508", "[Stripe ETA date]"),
        ("macros.csv", 39, 35, "CS508", "check their subscription"),
        ("macros.csv", 41, 126, "CS508", "If user cancels"),
        ("package.yml", 120, 48, "CS508", "(internal)"),
        ("package.yml", 120, 196, "CS510", "Questions:"),
    ]
