"""Huge phrase lists load and run quickly, and match exactly what one alternation would."""
from __future__ import annotations

import random
import string
from collections.abc import Sequence
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
         "we'll", "be", "ll", "doesn’t", "work", "it’s", "fine", "ſorry", "O\u212a", "İt", "ıt", "as ı said", "über", "ÜBER",
         # where a plain phrase and an entry with pattern syntax match at one place
         "sorry for any", "sorry for", "pick it up", "in-store pick up", "as ı"]
ENTRIES = ["as I said", "can't wait", "sorry", "sorry for any", "in-store pick up", "pick up", "I", "the said",
           "ll be", "t work", "s fine", "store", "ok", "it", "über"]
#: Entries with pattern syntax, mixed among the plain ones: some start at the words the
#: plain ones start with, so that at one place either kind may match first.
OTHERS = ["[!?]{2,}", r"sorry(?=\s+for)", r"pick(?: it)? up", r"s\w+", r"(?<=-)store", r"as\s+ı"]


def alternation(entries: Sequence[str]) -> regex.Pattern[str]:
    ordered = sorted(entries, key=len, reverse=True)
    return regex.compile("|".join(entry_regex(e) for e in ordered), regex.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([*VOCAB, " ", "  ", "\n", "’", "!!", ",", "As", "SORRY"]),
                          st.sampled_from([" ", " ", " ", "", "'", "’", "-", "."])), max_size=30)
       .map(lambda pairs: "".join(word + join for word, join in pairs)),
       st.randoms(use_true_random=False))
def test_phrase_set_matches_exactly_like_the_alternation(text: str, r: random.Random) -> None:
    """The same matches as the alternation of all entries, whether plain phrases, other
    entries or both could match at one place (in either order of the two kinds)."""
    entries = [*ENTRIES, *OTHERS]
    r.shuffle(entries)
    phrase_set = PhraseSet(entries, alternation, ignorecase=True)
    full = alternation(entries)
    assert [m.span() for m in phrase_set.finditer(text)] == [m.span() for m in full.finditer(text)]
    pos = r.randint(0, len(text))
    end = r.randint(pos, len(text))
    assert [m.span() for m in phrase_set.finditer(text, pos, end)] == [m.span() for m in full.finditer(text, pos, end)]
    assert _span(phrase_set.match(text, pos, end)) == _span(full.match(text, pos, end))
    assert _span(phrase_set.fullmatch(text, pos, end)) == _span(full.fullmatch(text, pos, end))


def _span(m: regex.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else m.span()


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
