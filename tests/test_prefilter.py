"""The prefilter never changes a result: the scan finds every place where a rule's plain
pattern matches, whatever the entries (inside words, after apostrophes, hyphens and other
punctuation, in any case), the plan skips a rule only where it cannot find anything, and
the derived forms of patterns (compiled at known starts, pickled, ASCII twins) match
exactly what the patterns match."""
from __future__ import annotations

import os
import pickle
import random
import string
from collections.abc import Iterable
from typing import ClassVar

import pytest
import regex

from cslint.checks import Check, Finding, Key, Needs, patterns
from cslint.checks.capitals import _CAPS_WORD
from cslint.checks.limit import Limit
from cslint.checks.phrases import Phrases
from cslint.checks.requires import Requires
from cslint.checks.sentences import _WORD
from cslint.engine.masking import Prose, mask
from cslint.prefilter import chartrie, literals, wordtrie
from cslint.prefilter.ascii_twin import AsciiTwin
from cslint.prefilter.behind import Behind
from cslint.prefilter.index import FIRST, LATER
from cslint.prefilter.literals import prefixes
from cslint.prefilter.pattern import PrefilteredPattern
from cslint.prefilter.plan import Plan
from cslint.rulefiles.parse import Rule

WORDS = ["as", "I", "said", "we", "sorry", "can't", "won’t", "per", "my", "email", "ſorry", "İt", "K", "!!", "e-mail",
         # around the word scanner's words: apostrophes, digits, '_', non-ASCII letters and
         # numbers that the regex module's \w does or does not count
         "we'll", "we’", "²we", "x²", "café", "über", "24h", "a_b", "_x", "’s", "ʼn", "wé",
         # the tails of words: after an inner apostrophe ("we'll be", "doesn’t work"), a
         # hyphen ("e-mail") or other punctuation; and the dotless i, which the regex
         # module matches to a capital I ("as I said" in "as ı said")
         "ll", "t", "s", "re", "mail", "store", "ıt", "ı"]
#: What stands between two pieces of a generated text: mostly a space, sometimes nothing
#: (so that pieces join into one word) or punctuation that ends a word inside a token.
JOINS = [" "] * 6 + ["", "'", "’", "-", ".", "/", "(", "#", "\n"]


#: Look-behinds that may open an entry, before a first word that may be any word, so that
#: the entry has no literal start and is tried only after what its look-behind ends with
#: (a word and a run of spaces, a mark, the start of a line, a line break, a choice of
#: endings that share their last letters, or nothing certain at all).
BEHIND = [r"(?<=we'll )", r"(?<=\b(?:as|per) )", r"(?<=(?:^|[.!?]|\n)\s*)", r"(?<=[,;])\s+", r"(?<=\A)",
          r"(?<=sorry\s*)", r"(?<=\b(?:we|I)(?:'ll| will)(?: (?:now|also))* )", r"(?<=\n)", r"(?<=\w )",
          r"(?<=(?:ſo|\bk) )", r"(?<=(?m:^))", r"\A\s*", r"(?m:^)[ \t]*", r"(?<=\b(?:we|I)(?:'re| are) (?:[\w-]+ ){0,2})"]


def _entry(r: random.Random) -> str:
    if r.random() < 0.15:
        first = r.choice([r"(?:\w+ ){1,3}", r"(?:\w+ )?", r"\w+", r"(?:[\w'’-]+ ){1,2}(?:and|then) "])
        return r.choice(BEHIND) + first + _entry(r)
    parts = []
    for _ in range(r.randint(1, 3)):
        kind = r.random()
        if kind < 0.6:
            parts.append(r.choice(WORDS))
        elif kind < 0.75:
            parts.append("(?:" + "|".join(r.sample(WORDS, 2)) + ")")
        elif kind < 0.85:
            parts.append("(?:" + r.choice(WORDS) + " )?")
        else:
            parts.append(r.choice([r"\w+", r"\p{Lu}", "[sz]e", r"\d+", "[!?]{2,}", "(?:so){2,3}", "e{2}", "(?:x?){3}y", "s{4,}",
                                   r"\bwe", r"(?i:\b(?:we|my))", r"\b!!", r"\bll", r"(?<!\w)s",
                                   # a word's end inside an entry, and a word that punctuation follows
                                   r"u(?![\w@/]|\.\w)", r"as(?:s|ses)?\b", r"we(?!\w)", r"a\*\*", "we,"]))
    return " ".join(parts)


def _text(r: random.Random) -> str:
    pieces = [r.choice([*WORDS, "has", "was", "\n", "  ", "\u00a0", ",", "?!?", "{{", "%{name}", "sososo", "xxy", "yesssss", "ee",
                        "we'll be", "doesn’t work", "it's fine", "you're welcome", "in-store", "re-mail", "O\u212a",
                        "u'll", "u’d", "u.s.", "u@x", "ass", "assist", "a**", "ass's", "we,"])
              for _ in range(r.randint(0, 30))]
    text = ""
    for p in pieces:
        text += (r.choice(JOINS) if text else "") + (p.upper() if r.random() < 0.2 else p)
    return text


@pytest.mark.parametrize("walk_limit", [10**12, 0], ids=["walked", "compiled"])
def test_the_scan_finds_what_the_plain_pattern_finds(walk_limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of finding the starts that begin with punctuation or stand anywhere:
    the trie walked in Python (short runs) and compiled into one searched pattern."""
    monkeypatch.setattr(chartrie, "WALK_LIMIT", walk_limit)
    for scan in (FIRST, LATER):
        monkeypatch.setattr(scan, "_chars", None)  # rebuilt, so the limit applies from the start
    _compare_with_full_scans(random.Random(7), int(os.environ.get("CSLINT_FUZZ_PATTERNS", "300")))


def test_a_long_text_scanned_in_pieces_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long reply is split into words a piece at a time; starts across a piece's end
    must still be found (pieces of 16 characters put an end inside most phrases)."""
    monkeypatch.setattr(wordtrie, "_PIECE", 16)
    monkeypatch.setattr(LATER, "longest", 40)  # and the second scan leaves long texts to windows
    pattern = patterns.compile_entries(["as I said"])
    text = "0123456789abcd as I said, then as I\nsaid"  # the first piece ends after "as"
    assert [m.span() for m in pattern.finditer(text)] == [(15, 24), (31, 40)]
    _compare_with_full_scans(random.Random(11), 150)


def _compare_with_full_scans(r: random.Random, count: int) -> None:
    for _ in range(count):
        entries = [e for e in (_entry(r) for _ in range(r.randint(1, 4))) if patterns.validate_entry(e) is None]
        if not entries:
            continue
        pattern = patterns.compile_entries(entries, ignorecase=r.random() < 0.8, word_boundaries=r.random() < 0.8)
        assert isinstance(pattern, PrefilteredPattern)
        needed = r.random() < 0.7  # what a rule needs joins the first scan, as a plan has it; the rest the second
        gate = pattern.join(FIRST) if needed and pattern.gateable else None
        full = regex.compile(pattern.pattern, pattern.flags)
        for _ in range(4):
            text = _text(r)
            expected = [m.span() for m in full.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (entries, text)
            # A window of the text, as an exception is looked for around one match.
            pos = r.randint(0, len(text))
            end = r.randint(pos, len(text))
            window = [m.span() for m in full.finditer(text, pos, end)]
            assert [m.span() for m in pattern.finditer(text, pos, end)] == window, (entries, text, pos, end)
            # A match at a given place, as substitution rules look for the entry that matched.
            assert _span(pattern.match(text, pos, end)) == _span(full.match(text, pos, end)), (entries, text, pos)
            assert _span(pattern.fullmatch(text, pos, end)) == _span(full.fullmatch(text, pos, end)), (entries, text)
            # A plan skips a rule whose pattern the scan leaves out: only where it cannot match,
            # and one that needs several matches where there are fewer places to start.
            found = FIRST.candidates(text)
            if gate is not None and found is not None and gate not in found:
                assert expected == [], (entries, text)
            most = pattern.most(text)
            assert most is None or most >= len(expected), (entries, text)


def _span(m: regex.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else m.span()


def test_match_and_fullmatch_take_the_first_branch_that_fits_as_the_alternation_does() -> None:
    """``match`` and ``fullmatch`` find what the plain alternation finds, though written so
    that the regex module does not first look for a needed literal through the rest of
    the text (which made every such call in a long reply read on to its end)."""
    pattern = PrefilteredPattern.from_branches([r"(?<!\w)as", r"(?<!\w)as I said", r"(?:will|would) revert"], regex.I)
    full = regex.compile(pattern.pattern, pattern.flags)
    for text in ("as I said", "As I said, twice", "as", "we will revert to you", "will not revert"):
        for pos in range(len(text) + 1):
            assert _span(pattern.match(text, pos)) == _span(full.match(text, pos)), (text, pos)
            assert _span(pattern.fullmatch(text, pos)) == _span(full.fullmatch(text, pos)), (text, pos)
    assert _span(pattern.match("as I said")) == (0, 2) and _span(pattern.fullmatch("as I said")) == (0, 9)


def test_prefixes_read_literal_starts_and_refuse_what_they_cannot_read() -> None:
    assert prefixes(r"(?:double|over)[- ]?charged") == {
        "double charg", "double-charg", "doublecharge", "over charged", "over-charged", "overcharged",
    }
    assert prefixes(r"re(?:fund|turn)\w*") == {"refund", "return"}  # a class ends the start
    assert prefixes(r"\w+ly") is None
    assert prefixes(r"(?:foo){e<=1}") is None  # fuzzy matching: regex-only syntax


def test_an_entry_without_a_start_is_tried_only_after_what_its_look_behind_ends_with() -> None:
    """CS401's entry that may open with any words before "and then" has no literal start;
    it is tried right after the endings of its look-behind ("'ll ", " will "), also after
    a run of blanks (a masked link) and a line break, and finds what the plain pattern finds."""
    pattern = patterns.compile_entries([r"(?<=\b(?:we|I)(?:'ll| will) )(?:(?:[\w'’-]+ ){1,5}(?:and|then) )?get back to you"])
    assert isinstance(pattern, PrefilteredPattern) and pattern.endings == {
        0: frozenset({"we'll ", "we’ll ", "i'll ", "i’ll ", "we will ", "i will "})}
    text = "We'll check with the team and get back to you. I will      'quickly' then get back to you.\nWe will\nget back to you"
    full = regex.compile(pattern.pattern, pattern.flags)
    expected = ["check with the team and get back to you", "'quickly' then get back to you", "get back to you"]
    assert [m.group() for m in full.finditer(text)] == expected
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in full.finditer(text)]
    assert literals.behind(r"(?<=\w )\w+") is None  # nothing certain before the blank: tried everywhere


def test_an_entry_that_cannot_open_with_a_blank_is_tried_where_a_run_of_blanks_ends() -> None:
    """CS103's "as ..., we can't" entry may follow a full stop and any run of blanks, but
    its first word cannot be a blank: it is tried where the run ends, not inside it."""
    entry = r"(?<=(?:^|[.!?]|\n)\s*)(?:\w+\s+)?as said"
    assert not literals.opens_blank(entry) and literals.opens_blank(r"(?<=\.)\s*said")
    endings = literals.behind(entry)
    assert endings is not None
    text = "ok.   as said.\n\n as said"  # (as the scan folds it)
    assert Behind(endings).places(text) == [0, 3, 4, 5, 6, 14, 15, 15, 16, 16, 16, 17, 17, 17]
    assert Behind(endings, solid=True).places(text) == [0, 6, 17, 17, 17]


def test_an_entry_without_a_start_is_not_read_where_its_factors_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """CS106's "(is|are|...'re) not eligible" entry has no start; where another entry of
    its pattern starts, it is read in full only if the text holds "eligible", and finds
    what the plain pattern finds either way."""
    pattern = patterns.compile_entries([r"(?:is|are|\w+'re) not eligible", "refund", r"\w+ly not permitted"])
    assert isinstance(pattern, PrefilteredPattern) and pattern.rest == (0, 1)  # ("refund" comes last)
    full = regex.compile(pattern.pattern, pattern.flags)
    read: list[tuple[int, ...]] = []
    group = PrefilteredPattern._group

    def reading(self: PrefilteredPattern, indices: tuple[int, ...]) -> regex.Pattern[str]:
        read.append(indices)
        return group(self, indices)

    monkeypatch.setattr(PrefilteredPattern, "_group", reading)
    for text, scanned in [("No refund, sorry. This is not allowed.", []),
                          ("No refund: you're not eligible. It's sadly not permitted.", [(0,), (1,)]),
                          ("No refund. It is sadly not permitted.", [(1,)])]:
        read.clear()
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in full.finditer(text)]
        assert read == scanned, text


@pytest.mark.parametrize("behind", BEHIND)
def test_entries_after_a_look_behind_find_what_the_plain_pattern_finds(behind: str) -> None:
    """Texts made of what the look-behinds end with (words, marks, line breaks, runs of
    blanks of every kind) before the entry's words, in every case, and an entry that
    starts with blanks (found inside a run of them, not only after it)."""
    r = random.Random(behind)
    pieces = ["we'll", "We’ll", "I will", "we are", "as", "per", "sorry", "now", "also", "so", "ſo", "K", "\u212a",
              ",", ";", ".", "!", "?", "\n", "\r\n", "  ", "\u00a0", "\u2028", "x", "'x'", "and", "then", "said"]
    for first in ["(?:\\w+ ){1,3}", "(?:\\w+ )?", "\\s*", "(?:[\\w'’-]+ ){1,2}(?:and|then) "]:
        entry = behind + first + "said"
        if patterns.validate_entry(entry) is not None:
            continue
        for word_boundaries in (True, False):
            # (with an entry that has a start: a pattern without any is read in full)
            pattern = patterns.compile_entries([entry, "and said"], word_boundaries=word_boundaries)
            assert isinstance(pattern, PrefilteredPattern)
            full = regex.compile(pattern.pattern, pattern.flags)
            for _ in range(150):
                text = "".join(r.choice(pieces) + r.choice(["", " ", " ", "\n", "   "]) for _ in range(r.randint(1, 9)))
                assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in full.finditer(text)], (entry, text)


def test_entries_that_start_after_an_apostrophe_inside_a_word_are_found() -> None:
    """The tail of "we'll be", "doesn’t work", "it's fine" and "you're welcome": the scan
    proposes a start after an inner apostrophe (straight or curly), as the plain pattern
    matches there; and a dotless i matches the I of "as I said", as in the plain pattern."""
    text = "We'll be fine, it doesn’t work, it's fine, you’re welcome. As ı said."
    pattern = patterns.compile_entries(["ll be", "t work", "s fine", "re welcome", "as I said"])
    assert [m.group() for m in pattern.finditer(text)] == ["ll be", "t work", "s fine", "re welcome", "As ı said"]


def test_fold_turns_every_letter_an_ascii_letter_matches_into_that_letter() -> None:
    """The scan reads starts, lower-cased ASCII, in the folded text: a character that the
    regex module matches to an ASCII letter regardless of case must fold to it, and the
    typographic marks a start may hold must match only themselves. Checked over every
    code point, so that a version of the module with more case pairs fails here."""
    every = "".join(map(chr, (*range(0xD800), *range(0xE000, 0x110000))))
    assert len(literals.fold(every)) == len(every)  # offsets stay put
    for char in string.ascii_lowercase + string.digits + "_":
        matched = "".join(regex.findall(regex.escape(char), every, regex.IGNORECASE))
        assert literals.fold(matched) == char * len(matched), (char, matched)
    for mark in literals.CASELESS:
        assert regex.findall(mark, every, regex.IGNORECASE) == [mark]


def test_long_s_and_kelvin_sign_still_match_case_insensitively() -> None:
    pattern = patterns.compile_entries(["sorry", "ok"])
    assert isinstance(pattern, PrefilteredPattern)
    assert [m.group() for m in pattern.finditer("ſORRY, O\u212a")] == ["ſORRY", "O\u212a"]


def test_a_pickled_pattern_brings_its_compiled_alternations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule cache keeps each pattern's compiled alternations (the whole one, one per
    branch, the branches without starts), so a run loads them instead of compiling,
    and finds exactly what a fresh pattern finds."""
    fresh = patterns.compile_entries(["as I said", "per my last (?:email|message)", "[a-z]+ly wrong", "please note"])
    text = "As I said, please note: per my last email you were sadly wrong. Please note it."
    expected = [m.span() for m in fresh.finditer(text)]
    loaded = pickle.loads(pickle.dumps(fresh))
    entry = pickle.loads(pickle.dumps(patterns.compile_entries(["please note"])))  # (a substitution entry)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"compiled again: {args}")

    monkeypatch.setattr(regex, "compile", refuse)
    assert [m.span() for m in loaded.finditer(text)] == expected == [(0, 9), (11, 22), (24, 41), (51, 62), (64, 75)]
    assert loaded.search("it is oddly wrong").span() == (6, 17)
    assert entry.match("well, please note", 6).span() == (6, 17)



def _rule(check: Check) -> Rule:
    return Rule("CS189", "test-rule", "respect", "warning", check.type_name, "{match}", "", "", (), (), "", check)


def test_a_plan_runs_a_rule_wherever_its_plain_patterns_find_something() -> None:
    """Rules of the built-in phrase types, on generated entries and texts: wherever the
    rule finds something with its patterns read in full (every pattern joined to no scan
    at all), the plan lets it run, and its findings are the same."""
    r = random.Random(19)
    for _ in range(int(os.environ.get("CSLINT_FUZZ_PATTERNS", "300")) // 3):
        entries = [e for e in (_entry(r) for _ in range(r.randint(1, 3))) if patterns.validate_entry(e) is None]
        if not entries:
            continue
        options = {"ignorecase": r.random() < 0.8, "word-boundaries": r.random() < 0.8, "exceptions": (), "text": "prose"}
        kind = r.choice(["phrases", "limit", "requires"])
        if kind == "phrases":
            check: Check = Phrases({**options, "phrases": entries})
        elif kind == "limit":
            check = Limit({**options, "pattern": entries, "max": r.randint(0, 2), "scope": "reply"})
        else:
            check = Requires({**options, "trigger": entries, "required": ["sorry"], "trigger-in": r.choice(["reply", "either"])})
        plan = Plan([_rule(check)])
        for _ in range(4):
            prose = mask(_text(r), _text(r))
            found = [tuple(f[:2]) for f in check.find(prose)]
            if not plan.to_run(prose):
                assert found == [], (kind, entries, prose)


class _Keyword(Check):
    """A plugin's rule type, which compiles its own pattern with the regex module."""

    type_name = "keyword"
    keys: ClassVar[dict[str, Key]] = {"word": Key("text", required=True)}

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._pattern = regex.compile(rf"\b{regex.escape(options['word'])}\b", regex.IGNORECASE)

    def needs(self) -> Needs:
        return Needs(in_reply=(self._pattern,))

    def find(self, prose: Prose) -> Iterable[Finding]:
        for m in self._pattern.finditer(prose.text):
            yield Finding(m.start(), m.end(), {"match": m.group()})


def test_a_plugin_type_that_declares_its_own_regex_pattern_runs_only_where_it_can_match() -> None:
    """The prefilter reads the declared pattern's source and flags: the type runs on the
    replies that hold its word (in any case, and ending where the pattern says a word
    ends: not "glorpy"), and on no other."""
    check = _Keyword({"word": "glorp"})
    plan = Plan([_rule(check)])
    replies = ["Thanks for writing in.", "The GLORP is fixed.", "No glorpy things here.", "glorp", "All done!", "glorp's"]
    assert [bool(plan.to_run(mask(reply))) for reply in replies] == [False, True, False, True, False, True]
    assert [[f.fields["match"] for f in check.find(mask(reply))] for reply in replies] == [[], ["GLORP"], [], ["glorp"], [], ["glorp"]]


def test_a_limit_rule_runs_only_where_the_scan_finds_one_too_many_places_to_start() -> None:
    """A limit of three exclamation marks needs four matches: a reply with three is never
    read by the rule, one with four is, and reports the fourth."""
    check = Limit({"pattern": ["!"], "max": 3, "word-boundaries": False, "ignorecase": True, "exceptions": (),
                   "text": "prose", "scope": "reply"})
    plan = Plan([_rule(check)])
    assert plan.to_run(mask("Hi! Thanks! Done!")) == []
    busy = mask("Hi! Thanks! Done! Bye!")
    assert [r.check for r in plan.to_run(busy)] == [check]
    assert [f[:2] for f in check.find(busy)] == [(21, 22)]


@pytest.mark.parametrize("source", [_CAPS_WORD.wide.pattern, _WORD.wide.pattern])
def test_an_ascii_twin_matches_what_its_pattern_matches_on_a_text_with_ascii_letters_and_digits(source: str) -> None:
    """Texts of ASCII, typographic marks, emoji, combining marks and other characters that
    are neither letters nor digits: the twin, read by the standard library, finds what the
    Unicode pattern finds; a text with a letter or digit beyond ASCII is read by the latter."""
    twin = AsciiTwin(source)
    pieces = ["DM", "US", "ok", "I'M", "SBW-KUL", "x2", "2X", "’", "–", "—", "\u0301", "😀", "\u00a0", "²", ".", "-", " ",
              "\n", "_", "A", "z", "9"]
    r = random.Random(23)
    for _ in range(2000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(0, 12)))
        chosen = twin.for_text(text)
        assert chosen is (twin.wide if "²" in text else twin.narrow)
        assert [m.span() for m in chosen.finditer(text)] == [m.span() for m in twin.wide.finditer(text)], text
    assert twin.for_text("Zoë SAYS HI") is twin.wide


@pytest.mark.parametrize("source", [r"\w+", r"\p{Lu}\s", r"(?i)\p{L}", r"\p{Greek}", r"\bA"])
def test_a_pattern_whose_meaning_differs_beyond_ascii_letters_has_no_twin(source: str) -> None:
    with pytest.raises(ValueError, match="no ASCII twin"):
        AsciiTwin(source)
