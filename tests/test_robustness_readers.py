"""Every reader survives hostile and malformed files: deep nesting, YAML alias bombs,
ragged CSV, broken HTML, and a fuzzing run over mutated fixtures. Each gets diagnostics or
one CS902, never an exception or an internal error (CS904)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cslint import Config
from cslint.api import lint_source
from cslint.readers import registry
from cslint.sources.document import SourceFile

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
CONFIG = Config()
#: Examples per reader; CI runs the short budget, `CSLINT_FUZZ_EXAMPLES=5000 pytest ...` a long one.
BUDGET = int(os.environ.get("CSLINT_FUZZ_EXAMPLES", "40"))


def codes(path: str, text: str, fmt: str | None = None) -> list[str]:
    return [d.code for d in lint_source(SourceFile(path, text), CONFIG, input_format=fmt)]


def test_deeply_nested_json_is_refused_cleanly() -> None:
    found = codes("deep.json", "[" * 200_000 + "]" * 200_000)
    assert "CS904" not in found
    found = codes("deep.json", '{"macros": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001)
    assert "CS904" not in found


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize("fmt", [None, "yaml", "replies-yml", "osticket", "zendesk", "markdown-frontmatter"])
def test_yaml_alias_bomb_does_not_explode(fmt: str | None) -> None:
    found = codes("bomb.yml", BILLION_LAUGHS, fmt)
    assert "CS904" not in found
    assert len(found) < 100


def test_yaml_anchors_in_a_real_layout_are_read() -> None:
    text = "- name: Refund\n  body: &b As I said, the refund is on its way.\n- name: Copy\n  body: *b\n"
    found = [d for d in lint_source(SourceFile("replies.yml", text), CONFIG) if d.code == "CS101"]
    assert [(d.line, d.column) for d in found][:1] == [(2, 12)]


def test_ragged_csv_rows() -> None:
    text = 'id,title,body\n1,Refund,"As I said, done."\n2,Short\n3,Long,"As I said.",extra,cells\n\n'
    found = lint_source(SourceFile("macros.csv", text), CONFIG)
    assert "CS904" not in [d.code for d in found]
    assert [(d.line, d.column) for d in found if d.code == "CS101"][:1] == [(2, 11)]


@pytest.mark.parametrize(
    "html",
    [
        "<p>As I said<b>, we",
        "<div><p>As I said</div></span>&nbsp;&bogus;&#xZZ;&#99999999;",
        "<script>as I said</script><!-- unclosed",
        "<p title='As I said>x</p>",
    ],
)
def test_broken_html_in_a_macro_body(html: str) -> None:
    import json

    text = json.dumps({"macros": [{"id": 1, "title": "T", "active": True, "actions": [{"field": "comment_value_html", "value": html}]}]})
    assert "CS904" not in codes("zendesk.json", text)


def _seeds() -> list[tuple[str, str]]:
    if not FIXTURES.is_dir():
        return []
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.iterdir()) if p.is_file()]


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> str:
    """A fixture with a few random cuts, duplications and insertions of syntax characters."""
    text = seed
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["cut", "dup", "insert"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "dup":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(st.text(alphabet='{}[]":,\\\'<>&;#\n\r\t-*|!%u00', max_size=6)) + text[i:]
    return text


@pytest.mark.parametrize("reader", sorted(registry()))
def test_fuzz_every_reader(reader: str) -> None:
    seeds = _seeds()
    if not seeds:
        pytest.skip("no fixtures")

    @settings(max_examples=BUDGET, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(seeds).flatmap(lambda s: st.tuples(st.just(s[0]), mutated(s[1]))))
    def run(case: tuple[str, str]) -> None:
        name, text = case
        found = lint_source(SourceFile(name, text), CONFIG, input_format=reader)
        assert "CS904" not in [d.code for d in found], [d.message for d in found if d.code == "CS904"]
        lines = text.splitlines() or [""]
        for d in found:
            assert 1 <= d.line <= len(lines) + 1

    run()
