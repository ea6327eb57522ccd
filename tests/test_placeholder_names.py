"""CS805 unknown placeholders and CS806 placeholders of another helpdesk or syntax: the
library's helpdesk recognised from its own placeholders, names checked against the
helpdesks' documented ones (rules/helpdesks/)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cslint import lint_paths, load_rules
from cslint.config import Config
from cslint.rulefiles import helpdesks
from cslint.rulefiles.parse import RuleFileError

GOOD = ["{{ticket.requester.first_name}}", "{{ticket.requester.first_name | default: 'there'}}", "{{ticket.id}}",
        "{{current_user.first_name}}", "{{dc.refund_policy}}", "{{ticket.ticket_field_360012}}"]


def _library(tmp_path: Path, placeholders: list[str]) -> Path:
    macros = [{"title": f"m{n}", "body": f"Hi {p},\nYour request is solved."} for n, p in enumerate(placeholders)]
    (tmp_path / "lib.json").write_text(json.dumps(macros, indent=1), encoding="utf-8")
    return tmp_path


def _found(tmp_path: Path, config: Config) -> list[tuple[str, str, str]]:
    return [(d.code, d.item.label() if d.item else "", d.message) for d in lint_paths([str(tmp_path)], config)]


def test_a_typo_with_the_name_it_misspells(cli, tmp_path: Path) -> None:
    _library(tmp_path, [*GOOD, "{{ticket.requester.frist_name}}", "{{ticket.requestor.name}}", "{{ticket.agent_name}}"])
    r = cli("--isolated", "--select", "CS805", ".", cwd=tmp_path)
    assert r.lines == [
        "lib.json:28:15: CS805 '{{ticket.requester.frist_name}}': Zendesk has no placeholder 'ticket.requester.frist_name', "
        "so the customer would see it as written or blank (did you mean '{{ticket.requester.first_name}}'?) [macro: m6]",
        "lib.json:32:15: CS805 '{{ticket.requestor.name}}': Zendesk has no placeholder 'ticket.requestor.name', "
        "so the customer would see it as written or blank (did you mean '{{ticket.requester.name}}'?) [macro: m7]",
        "lib.json:36:15: CS805 '{{ticket.agent_name}}': Zendesk has no placeholder 'ticket.agent_name', "
        "so the customer would see it as written or blank [macro: m8]",
    ]


def test_another_helpdesks_placeholders_in_a_zendesk_library(tmp_path: Path) -> None:
    _library(tmp_path, [*GOOD, "{{ticket.requester.firstname}}", "{%customer.firstName,fallback=there%}", "%{ticket.number}"])
    assert _found(tmp_path, Config(select=("CS805", "CS806"))) == [
        ("CS806", "m6", "'{{ticket.requester.firstname}}' is Freshdesk's placeholder, in a library of Zendesk placeholders "
                        "(6 of 9) (did you mean '{{ticket.requester.first_name}}'?)"),
        ("CS806", "m7", "'{%customer.firstName,fallback=there%}' is Help Scout's placeholder, in a library of Zendesk "
                        "placeholders (6 of 9)"),
        ("CS806", "m8", "'%{ticket.number}' is osTicket's placeholder, in a library of Zendesk placeholders (6 of 9)"),
    ]


def test_no_helpdesk_recognised_then_the_minority_syntax_is_reported(tmp_path: Path) -> None:
    _library(tmp_path, ["{{ order_number }}", "{{ customer_name }}", "{{ customer_name }}", "{%customer_name%}"])
    assert _found(tmp_path, Config(select=("CS805", "CS806"))) == [
        ("CS806", "m3", "'{%customer_name%}' is the {%…%} syntax, in a library of {{…}} placeholders (3 of 4)"),
    ]


def test_the_teams_custom_names_and_a_named_helpdesk(tmp_path: Path) -> None:
    _library(tmp_path, [*GOOD, "{{ticket.order_total}}"])
    assert [c for c, _, _ in _found(tmp_path, Config(select=("CS805",)))] == ["CS805"]
    custom = Config(select=("CS805",), rule_settings={"CS805": {"names": ["ticket.order_total"]}})
    assert _found(tmp_path, custom) == []
    _library(tmp_path, ["{{ticket.requester.firstname}}"])  # too few names to recognise Zendesk by
    assert _found(tmp_path, Config(select=("CS806",))) == []
    named = Config(select=("CS806",), rule_settings={"CS806": {"helpdesk": "zendesk"}})
    assert [m for _, _, m in _found(tmp_path, named)] == [
        "'{{ticket.requester.firstname}}' is Freshdesk's placeholder, in a library of Zendesk placeholders (0 of 1) "
        "(did you mean '{{ticket.requester.first_name}}'?)"]


@pytest.mark.parametrize(("settings", "message"), [
    ({"CS805": {"helpdesk": "Kayako"}}, "configuration: 'helpdesk': no helpdesk named 'Kayako'; known: auto, Freshdesk, "
                                        "Front, Gorgias, Help Scout, Intercom, osTicket, Zendesk"),
    ({"CS806": {"min-known": 0}}, "configuration: 'min-known' must be above 0 and at most 1"),
])
def test_bad_settings_are_refused(settings: dict[str, dict[str, object]], message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rules(Config(rule_settings=settings))
    assert str(caught.value) == message


def test_every_helpdesk_file_reads_and_names_its_source() -> None:
    desks = helpdesks.load()
    assert [d.name for d in desks] == ["Freshdesk", "Front", "Gorgias", "Help Scout", "Intercom", "osTicket", "Zendesk"]
    assert all("http" in d.source for d in desks)
    zendesk = desks[-1]
    assert zendesk.knows("ticket.requester.first_name") and zendesk.knows("dc.anything") and zendesk.knows("ticket.ticket_field_42")
    assert not zendesk.knows("ticket.requester.firstname") and not zendesk.knows("ticket.ticket_field_x")


def test_a_bad_helpdesk_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "kayako.yml"
    bad.write_text("helpdesk: Kayako\nsyntax: [mustache]\ncomplete: true\nsource: x\nnames: [a]\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        helpdesks.read(bad)
    assert str(caught.value).endswith("kayako.yml:2: 'syntax': must be a list of hml, liquid, helpscout, osticket, salesforce, attribute")


def test_real_libraries_hold_no_false_alarm(shared: Path) -> None:
    """docs/audit.md: over the 10 shared libraries (osTicket's 52 placeholders recognised
    as osTicket's; django-helpdesk's, espanso's and typescript-eslint's as no helpdesk's)."""
    for repo in sorted((shared / "macro_repos").iterdir()):
        if repo.is_dir():
            assert list(lint_paths([str(repo)], Config(select=("CS805", "CS806")))) == [], repo.name
