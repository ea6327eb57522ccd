"""Huge phrase lists load and run quickly, and match exactly what one alternation would."""
from __future__ import annotations

import random
import string
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cslint import Config, lint_paths
from cslint.checks.patterns import compile_entries, entry_regex
from cslint.prefilter.phraseset import PhraseSet, is_plain

VOCAB = ["as", "I", "said", "can't", "wait", "sorry", "for", "any", "in-store", "pick", "up", "the",
         # the tails of words after an apostrophe or a hyphen, and the letters that the regex
         # module matches to an ASCII letter regardless of case: long s, Kelvin sign, dotted
         # and dotless i
         "we'll", "be", "ll", "doesn’t", "work", "it’s", "fine", "ſorry", "O\u212a", "İt", "ıt", "as ı said", "über", "ÜBER"]
ENTRIES = ["as I said", "can't wait", "sorry", "sorry for any", "in-store pick up", "pick up", "I", "the said",
           "ll be", "t work", "s fine", "store", "ok", "it", "über"]


def alternation(entries: list[str]) -> regex.Pattern[str]:
    ordered = sorted(entries, key=len, reverse=True)
    return regex.compile("|".join(entry_regex(e) for e in ordered), regex.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([*VOCAB, " ", "  ", "\n", "’", "!!", ",", "As", "SORRY"]),
                          st.sampled_from([" ", " ", " ", "", "'", "’", "-", "."])), max_size=30)
       .map(lambda pairs: "".join(word + join for word, join in pairs)))
def test_phrase_set_matches_exactly_like_the_alternation(text: str) -> None:
    others = alternation(["[!?]{2,}"])
    phrase_set = PhraseSet(ENTRIES, others, alternation, ignorecase=True)
    expected = [m.span() for m in alternation([*ENTRIES, "[!?]{2,}"]).finditer(text)]
    assert [m.span() for m in phrase_set.finditer(text)] == expected


def test_is_plain() -> None:
    assert is_plain("can't wait") and is_plain("in-store") and is_plain("x")
    assert not is_plain("you (?:must|should)") and not is_plain("[!?]{2,}") and not is_plain("wait ")


def test_a_100000_entry_rule_loads_and_runs_in_reasonable_time(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = {"".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10))) + " " + "".join(rng.choices(string.ascii_lowercase, k=5)) for _ in range(100_000)}
    rules = tmp_path / "rules"
    rules.mkdir()
    phrases = "\n".join(f"  - {w}" for w in sorted(words))
    (rules / "banned.yml").write_text(
        "code: CS289\nname: banned-terms\nprinciple: clarity\nseverity: warning\ntype: phrases\n"
        "message: \"'{match}' is on the banned list\"\ndescription: A team's banned terms.\nsource: test\n"
        f"phrases:\n{phrases}\n  - glorp zint\nexamples: {{flag: [a glorp zint here], pass: [fine]}}\n",
        encoding="utf-8",
    )
    reply = tmp_path / "r.txt"
    reply.write_text("Thanks for asking about the glorp  zint.\n" * 2000, encoding="utf-8")
    found = list(lint_paths([reply], Config(rules=(str(rules),), no_default_rules=True)))
    assert len(found) == 2000 and (found[0].column, found[0].end_column) == (29, 40)
    assert isinstance(compile_entries(sorted(words)), PhraseSet)
