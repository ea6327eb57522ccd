"""The rule-type capabilities the shipped packs rely on, through a team's own rule files:
what a user writing rules notices (codes, columns, what is and is not reported)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint import lint_text
from cslint.checks.patterns import compile_entries
from cslint.config import Config

HEADER = (
    "code: {code}\nname: {name}\nprinciple: {principle}\nseverity: warning\ntype: {type}\n"
    "message: \"found '{{match}}'\"\ndescription: test rule\nsource: test\n"
    "examples: {{flag: [x], pass: [y]}}\n"
)


def team_rules(tmp_path: Path, **bodies: str) -> Config:
    folder = tmp_path / "team"
    folder.mkdir()
    for name, body in bodies.items():
        code, principle, type_, rest = body.split("|", 3)
        (folder / f"{name}.yml").write_text(
            HEADER.format(code=code, name=name, principle=principle, type=type_) + rest, encoding="utf-8"
        )
    return Config(rules=(str(folder),), no_default_rules=True)


def found(text: str, config: Config) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in lint_text(text, filename="r.txt", config=config)]


def test_text_raw_lets_a_rule_see_placeholders_that_prose_rules_never_see(tmp_path: Path) -> None:
    config = team_rules(
        tmp_path,
        raw="CS681|personalization|phrases|text: raw\nword-boundaries: false\nphrases: ['\\{\\{[\\w.]*name\\}\\}']\n",
        prose="CS682|personalization|phrases|word-boundaries: false\nphrases: ['\\{\\{[\\w.]*name\\}\\}']\n",
    )
    reply = "Hi {{ticket.requester.first_name}},\nthanks!\n\nOn Mon, Bob wrote:\n> Hi {{agent.name}}"
    # only the raw rule reports, and never in the quoted history
    assert found(reply, config) == [(1, 4, "CS681")]


@pytest.mark.parametrize(
    ("entry", "text", "matches"),
    [
        ("did ?n't get", "I didn't get it", True),
        ("did ?n't get", "I did n't get it", True),
        ("did ?n't get", "I didn’t get it", True),
        ("n[o']t working", "it is not working", True),
        ("did n[o']t", "did n’t", True),
        ("tier ?2", "tier2 support", True),
        ("tier ?2", "tier 2 support", True),
        ("tier 2", "tier2 support", False),
    ],
)
def test_optional_space_and_apostrophes_in_phrase_entries(entry: str, text: str, matches: bool) -> None:
    assert (compile_entries([entry]).search(text) is not None) is matches


def test_full_width_marks_are_anchors_so_a_rule_on_them_is_gated() -> None:
    # "！" and "？" have no case: the anchor scan can find them, and no reply without one
    # (or "!!", "?!") is read for the rule
    pattern = compile_entries(["[!?！？]{2,}"], word_boundaries=False)
    assert pattern.starts is not None and {"！！", "！?", "!！", "!!"} <= set(pattern.starts)
    assert [m.group() for m in pattern.finditer("光栄です！！ Thanks?! OK! ")] == ["！！", "?!"]


def test_capitals_skips_codes_lists_and_excepted_labels(tmp_path: Path) -> None:
    config = team_rules(
        tmp_path,
        caps="CS581|professionalism|capitals|min-words: 2\nexceptions: ['(?:click|>) [\\p{Lu} ]+']\n",
    )
    assert found("Your flight SBW-KUL on 11JAN17 is booked.", config) == []
    assert found("Which OS, CPU, RAM do you use?", config) == []
    assert found("Head to Settings > SIGN OUT EVERYWHERE.", config) == []
    assert found("Please DO NOT reply.\nCHANGE FEE + FARE DIFFERENCE applies.", config) == [
        (1, 8, "CS581"),
        (2, 1, "CS581"),
    ]
    # the quick test for "two capitals in a row" lets apostrophes stand between them
    assert found("Hi. A''B C''D now", config) == [(1, 5, "CS581")]


def test_capitals_takes_short_words_off_the_list_for_codes(tmp_path: Path) -> None:
    config = team_rules(
        tmp_path,
        caps="CS581|professionalism|capitals|acronym-letters: 3\nshort-words: [DO, NOT, WE, \"I'M\"]\n",
    )
    # "LAS", "JFK", "TOS" and both halves of "KUL-PEN" are codes; "DO NOT" are words
    assert found("From LAS JFK, or KUL-PEN TOS.", config) == []
    assert found("Please DO NOT reply.", config) == [(1, 8, "CS581")]
    # a longer word shouts whatever the list says; apostrophes do not count as letters
    assert found("Sorry, WE DON'T ship there. I'M SORRY.", config) == [(1, 8, "CS581"), (1, 29, "CS581")]


def test_capitals_exceptions_may_tell_case_apart(tmp_path: Path) -> None:
    body = "min-words: 2\nexceptions: ['click [\\p{Lu} ]+']\n"
    text = "Click here to see OUR NEW PLANS."
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    # ignoring case (the default), the label class also takes "here to see" and hides the run
    assert found(text, team_rules(tmp_path / "a", caps="CS581|professionalism|capitals|" + body)) == []
    config = team_rules(tmp_path / "b", caps="CS581|professionalism|capitals|ignorecase: false\n" + body)
    assert found(text, config) == [(1, 19, "CS581")]


def test_substitution_names_the_suggestion_of_an_entry_with_a_lookahead() -> None:
    from cslint import lint_text
    from cslint.config import Config

    found = lint_text("I passed this to our L2 team.", config=Config(select=("CS202",)))
    assert [(d.column, d.message) for d in found] == [
        (22, "'L2' is support-team jargon; say 'our specialist team'")
    ]


def test_stretched_reports_the_whole_word_once_and_skips_codes_and_exceptions(tmp_path: Path) -> None:
    config = team_rules(
        tmp_path,
        long="CS581|professionalism|stretched|min-run: 4\nword-boundaries: false\nexceptions: ['(?i:zzz+|hmm+)']\n",
    )
    text = "We are SOOOooo happy, yesssss!\nRef 4eeee, Zzzzz and Hmmmm.\nCoooool and naïveeee"
    assert [(d.line, d.column, d.end_column, d.code) for d in lint_text(text, filename="r.txt", config=config)] == [
        (1, 8, 15, "CS581"),  # the word, not the run; one finding for a word with two runs
        (1, 23, 30, "CS581"),
        (3, 1, 8, "CS581"),
        (3, 13, 21, "CS581"),  # the word around the run may hold other letters
    ]


@pytest.mark.parametrize("run", [2, 3, 4, 6])
def test_stretched_finds_what_the_per_letter_phrase_pattern_finds(run: int) -> None:
    """The ``stretched`` type against the phrase pattern it replaced (CS507 before), on
    generated text mixing letter runs, case, digits, accents and underscores, for runs
    of several lengths (its pattern writes each backreference out)."""
    import random
    import string

    import regex

    from cslint.checks.stretched import Stretched
    from cslint.engine.masking import mask

    letters = "|".join(f"{c}{{{run},}}" for c in string.ascii_lowercase)
    oracle = regex.compile(rf"(?<![\p{{L}}\p{{N}}])\p{{L}}*(?:{letters})\p{{L}}*", regex.IGNORECASE)
    check = Stretched({"min-run": run})
    pieces = ["a", "A", "o", "O", "s", "é", "É", "ß", "4", " ", "-", ".", "\n", "_", "x"]
    rng = random.Random(507)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) * rng.choice((1, 1, 2, 3, 4, 5, 6, 7)) for _ in range(rng.randint(1, 14)))
        expected = [(m.start(), m.end()) for m in oracle.finditer(text)]
        assert [(f.start, f.end) for f in check.find(mask(text))] == expected, (run, text)


def test_exceptions_on_one_long_line_read_a_window_around_each_match(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole reply on one line (many exports): each exception check reads a window of a
    few hundred characters around its match, not the line, so a line full of findings
    costs time in proportion to its length; exceptions still apply there."""
    from cslint.checks import base, patterns

    config = team_rules(tmp_path, per="CS281|clarity|phrases|phrases: ['as per']\nexceptions: ['as per usual']\n")
    unit = "We did it as per your request, as per usual. "
    line = unit * 3000  # 135,000 characters
    windows: list[int] = []
    read = patterns.finditer

    def counted(pattern, text, pos=0, endpos=None):  # type: ignore[no-untyped-def]
        windows.append((len(text) if endpos is None else endpos) - pos)
        return read(pattern, text, pos, endpos)

    monkeypatch.setattr(base.patterns, "finditer", counted)
    result = found(line, config)
    assert result == [(1, 11 + len(unit) * i, "CS281") for i in range(3000)]  # "as per usual" is excepted
    exception_windows = windows[1:]  # (the first read is the rule's own pattern, over the line)
    assert len(exception_windows) == 6000 and max(exception_windows) <= 6 * base.EXCEPTION_REACH


def test_limit_counts_matches_not_candidates(tmp_path: Path) -> None:
    """A limit rule is skipped where the shared scan finds no more candidates than the
    limit; where it finds more, the matches themselves are counted (an anchor that does
    not complete its phrase, an exception) and only one too many is reported."""
    config = team_rules(
        tmp_path,
        sorry="CS381|empathy|limit|max: 1\nscope: sentence\npattern: ['sorry about']\nexceptions: ['not sorry about']\n",
    )
    assert found("Sorry about that. Sorry for the wait.", config) == []  # two anchors, one match
    assert found("Sorry about that, not sorry about this.", config) == []  # one is excepted
    assert found("Sorry about that. Sorry about this.", config) == []  # one per sentence
    assert found("Sorry about that, sorry about this.", config) == [(1, 19, "CS381")]


def test_capitals_quick_paths_find_what_the_unicode_path_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shouting reads a text whose letters are all ASCII with the standard library, and
    first searches it for two capitalised words side by side: on generated text both give
    exactly what the Unicode pattern alone gives, and the word patterns what their plain
    forms give."""
    import random

    import regex

    from cslint.checks import capitals
    from cslint.engine.masking import Prose

    check = capitals.Capitals({"min-words": 2, "allow": ["DM", "ID"]})
    single = capitals.Capitals({"min-words": 1})
    pieces = ["AB", "A''B", "A-B", "A–B", "AB-", "--", "DM", "ID", "I", "A1", "X2B", "x", "ab", "É", "ÉT", "é", "😀", "Ⅻ",
              "’", "'", " ", "  ", "\n", ".", "!", ",", "/", "&", "—", "-", "9", "B", "C-", "-D", "A'", "’B", "\u00a0",
              "\x1c", "+", ";", "ǅ"]
    rng = random.Random(501)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    # the word patterns, whose look-behind follows the capital, are the plain ones
    plain = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{N}'’]*(?:[-–][\p{Lu}\p{N}]+)*(?![\p{L}\p{N}])")
    plain_narrow = regex.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9'’]*(?:[-–][A-Z0-9]+)*(?![A-Za-z0-9])")
    assert [capitals._CAPS_WORD.wide.findall(t) for t in texts] == [plain.findall(t) for t in texts]
    assert [capitals._CAPS_WORD.narrow.findall(t) for t in texts] == [plain_narrow.findall(t) for t in texts]
    # a long reply is read for runs without counting its shouted words first
    joined = Prose("\n".join(texts), "")
    assert len(joined.text) > capitals._COUNTED_CHARS
    long_runs = [(f.start, f.end) for f in check.find(joined)]
    monkeypatch.setattr(capitals, "_COUNTED_CHARS", len(joined.text) + 1)
    assert [(f.start, f.end) for f in check.find(joined)] == long_runs and len(long_runs) > 100
    quick = [[(f.start, f.end) for c in (check, single) for f in c.find(Prose(t, ""))] for t in texts]
    monkeypatch.setattr(capitals, "narrow", lambda text: False)  # every text takes the Unicode path
    assert quick == [[(f.start, f.end) for c in (check, single) for f in c.find(Prose(t, ""))] for t in texts]
    assert sum(map(bool, quick)) > 300  # the texts do shout, often


@pytest.mark.parametrize("ending", [" >>", " >>\n", "... ^JB\n", " (1/2)\n"])
def test_a_reply_continued_in_another_message_is_not_asked_for_a_time(tmp_path: Path, ending: str) -> None:
    """A saved reply in a text file ends with a newline; the marker that the reply goes on
    in another message must still be seen there (it was looked for only at the very end)."""
    reply = tmp_path / "reply.txt"
    reply.write_text("We'll get back to you soon" + ending, encoding="utf-8")
    assert lint_text(reply.read_text(encoding="utf-8"), config=Config(select=("CS402",))) == []
    reply.write_text("We'll get back to you soon.\n", encoding="utf-8")
    assert [d.code for d in lint_text(reply.read_text(encoding="utf-8"), config=Config(select=("CS402",)))] == ["CS402"]


def test_a_sentence_exception_anywhere_in_the_sentence_keeps_the_match_out(tmp_path: Path) -> None:
    config = team_rules(
        tmp_path,
        cancel="CS381|empathy|phrases|phrases: [cancelled]\nsentence-exceptions: ['as (?:you )?requested']\n",
    )
    text = (
        "Your order was cancelled as you requested. As requested, the booking is cancelled.\n"
        "As requested, we checked. Your order was cancelled.\n"
    )
    # the request before or after the match, in its sentence, excuses it; one sentence over, not
    assert found(text, config) == [(2, 42, "CS381")]


def test_a_sentence_exception_also_reaches_a_substitution_rule(tmp_path: Path) -> None:
    config = team_rules(
        tmp_path,
        plain="CS281|clarity|substitution|swap: {utilize: use}\nsentence-exceptions: ['the word']\n",
    )
    assert found("Utilize it. We say 'utilize' to quote the word.", config) == [(1, 1, "CS281")]
