"""Property-based tests of ``--fix`` over generated replies inside every kind of container:
a fixed file still parses to the same structure, only flagged spans change, and fixing a
second time changes nothing."""
from __future__ import annotations

import csv
import io
import json
import re
from functools import partial

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cslint import Config
from cslint.api import lint_source, read_segments
from cslint.fix.apply import fix_source
from cslint.sources.document import SourceFile

CONFIG = Config(select=("CS2",))  # the clarity rules carry fixes
PIECES = [
    "utilize", "Utilize", "prior to", "Prior to", "please be advised that", "in the event that",
    "at your earliest convenience", "per your request", "kindly revert", "the order", "your refund",
    " ", "  ", ", ", ". ", "\n", "\r\n", "\t", '"', "'", "\\", "&", "<b>", "</b>", "é", "日本", "👋", "#", ": ", "- ",
]
replies = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join).filter(lambda t: t.strip())
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def containers(reply: str) -> dict[str, str]:
    """The same reply kept as each helpdesk or repository layout keeps it."""
    out = io.StringIO()
    csv.writer(out).writerows([["id", "title", "body"], ["1", "Refund", reply], ["2", "Other", "Thanks."]])
    return {
        "reply.txt": reply,
        "zendesk.json": json.dumps({"macros": [{"id": 7, "title": "T", "active": True,
                                                 "actions": [{"field": "comment_value", "value": reply}]}]}, indent=2),
        "macros.csv": out.getvalue(),
        "replies.yml": yaml.safe_dump([{"name": "Refund", "body": reply}], allow_unicode=True),
    }


def structure(name: str, text: str) -> object:
    """What the file holds apart from its reply strings."""
    if name.endswith(".json"):
        data = json.loads(text)
        data["macros"][0]["actions"][0]["value"] = None
        return data
    if name.endswith(".csv"):
        rows = list(csv.reader(io.StringIO(text, newline="")))
        return [len(r) for r in rows], rows[0], [r[:2] for r in rows[1:]]
    if name.endswith(".yml"):
        return [sorted(d) for d in yaml.safe_load(text)]
    return None


def untouched_outside(text: str, fixed: str, spans: list[tuple[int, int]]) -> bool:
    """Whether ``fixed`` is ``text`` with only the flagged spans replaced: every stretch of
    the original outside them is still there, in order, with only replacements between."""
    kept, at = [], 0
    for start, end in spans:
        if start > at:
            kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    pattern = "(?s:.*?)".join(re.escape(k) for k in kept)
    if spans and spans[0][0] == 0:  # the first stretch is a replacement
        pattern = "(?s:.*?)" + pattern
    return re.fullmatch(pattern, fixed) is not None


def fix(name: str, text: str) -> tuple[str, list]:
    source = SourceFile(name, text)
    lint = partial(lint_source, config=CONFIG)
    read = partial(read_segments, config=CONFIG)
    outcome = fix_source(source, lint, read=read)
    return outcome.text, outcome.found


@SETTINGS
@given(replies)
def test_fixed_files_keep_their_structure_and_change_only_flagged_spans(reply: str) -> None:
    for name, text in containers(reply).items():
        fixed, found = fix(name, text)
        assert structure(name, fixed) == structure(name, text), name
        spans = sorted((d.fix.start, d.fix.end) for d in found if d.fix is not None)
        assert untouched_outside(text, fixed, spans), (name, text, fixed)
        again, _ = fix(name, fixed)
        assert again == fixed, name
