"""CS509 broken placeholder: a placeholder or template tag that is not closed, or closes
nothing, found from what masking leaves of its delimiters and from unpaired block tags."""
from __future__ import annotations

from pathlib import Path

from cslint import lint_text


def _found(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in lint_text(text) if d.code == "CS509"]


def test_each_broken_placeholder_at_its_line_and_column(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text(
        "Hi {{ticket.requester.first_name},\n\n{% if ticket.status == 'solved' %}Glad it is sorted!\n", encoding="utf-8")
    r = cli("--isolated", "--select", "CS509", ".", cwd=tmp_path)
    assert r.lines == [
        "reply.txt:1:4: CS509 '{{ticket.requester.first_name}' is not closed: the helpdesk will not fill it in, "
        "and the customer sees the template code",
        "reply.txt:3:1: CS509 '{% if ticket.status == 'solved' %}' has no {% endif %}: the helpdesk will not fill it in, "
        "and the customer sees the template code",
    ]
    assert r.returncode == 1


def test_nested_blocks_pair_and_a_wrong_end_is_reported() -> None:
    nested = "{% for o in orders %}{% if o.late %}Late{% endif %}{% endfor %}"
    assert _found(nested) == []
    assert [m.split("'")[1] for _, _, m in _found("{% if a %}x{% endfor %}")] == ["{% if a %}", "{% endfor %}"]


def test_code_is_an_example_not_a_template() -> None:
    assert _found("Write `{{ticket.id` and `{% if x %}` like this:\n```\n{% for o in orders %}\n```\n") == []
