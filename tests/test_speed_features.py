"""Behaviour of the speed features a user can notice: the rule cache is used and survives
corruption, ``-j`` keeps the serial output, huge JSON Lines files stream with the file's
own line numbers, the progress line stays out of pipes, and the quick counts of the
sentence rules match the plain patterns. (The prefilter is tested in test_prefilter.py.)"""
from __future__ import annotations

import io
import json
import pickle
import random
import re
import string
from pathlib import Path

import pytest
import regex

from cslint import api
from cslint.cli import progress
from cslint.config import Config
from cslint.rulefiles import cache
from cslint.runtime import parallel
from cslint.sources import streaming

CP1252 = '; it reads as cp1252 (Windows-1252, which includes Latin-1): pass --encoding cp1252, or encoding = "cp1252" in the configuration'


def test_rule_cache_is_written_reused_and_ignored_when_corrupt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    rule = tmp_path / "rule.yml"
    rule.write_text("x", encoding="utf-8")
    calls = []

    def build() -> list[str]:
        calls.append(1)
        return ["loaded"]

    assert cache.cached(["k"], [rule], build) == ["loaded"]
    assert cache.cached(["k"], [rule], build) == ["loaded"]
    assert len(calls) == 1
    (entry,) = tmp_path.glob("rules-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached(["k"], [rule], build) == ["loaded"]
    assert len(calls) == 2
    rule.write_text("y", encoding="utf-8")  # an edited rule file is a new key
    cache.cached(["k"], [rule], build)
    assert len(calls) == 3


def test_rule_cache_off_and_unwritable_folder_are_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert cache.folder() is None
    monkeypatch.delenv(cache.OFF_VARIABLE)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(cache.DIR_VARIABLE, str(blocker / "cache"))  # cannot be created
    assert cache.cached(["k"], [], lambda: 42) == 42


def test_parallel_run_keeps_the_input_order() -> None:
    items = list(range(200))
    assert [(i, r) for i, r in parallel.run(abs, items, 2)] == [(i, i) for i in items]
    assert list(parallel.run(abs, [3, -4], 2)) == [(3, 3), (-4, 4)]  # few items: serial


def test_jobs_output_equals_serial_output(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for i in range(40):
        (tmp_path / f"r{i:02d}.txt").write_text("As I said, please be advised that we will get back to you.\n" * (i % 3 + 1))
    serial = cli("-j", "1", "--isolated", str(tmp_path))
    parallel_run = cli("-j", "2", "--isolated", str(tmp_path))
    assert serial.returncode == parallel_run.returncode == 1
    assert serial.stdout == parallel_run.stdout
    assert len(serial.lines) >= 40


@pytest.mark.parametrize("ends", [("\n",), ("\r\n",), ("\r",), ("\n", "\r", "\r\n")])
def test_huge_jsonl_streams_with_the_files_line_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         ends: tuple[str, ...]) -> None:
    """Windows of whole lines keep the file's line numbers, whatever ends its lines (CR
    alone, as SourceFile counts it, included: a window never ends at one)."""
    lines = [json.dumps({"id": i, "text": "Hello.\nAs I said, it ships today." if i % 7 == 0 else "Thanks!"}) for i in range(500)]
    path = tmp_path / "export.jsonl"
    path.write_bytes("".join(line + ends[i % len(ends)] for i, line in enumerate(lines)).encode())
    whole = [(d.line, d.column, d.code) for d in api.lint_paths([path], Config())]
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", 1000)
    assert len(list(streaming.windows(str(path), "jsonl", 1000))) > (0 if ends == ("\r",) else 5)  # (CR alone: one window)
    streamed = [(d.line, d.column, d.code) for d in api.lint_paths([path], Config())]
    assert streamed == whole
    assert (1, 1) != whole[0][:2] and any(line == 71 for line, _, _ in whole)


def test_json_lines_on_standard_input_stream_as_the_file_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large export piped in (``zcat export.jsonl.gz | cslint --stdin-filename
    export.jsonl -``) is read a window at a time, as the file would be, with the same
    findings and line numbers; a short input, or one in another format, is read whole."""
    from cslint.sources.document import SourceFile

    lines = [json.dumps({"id": i, "text": "Hello.\nAs I said, it ships today." if i % 7 == 0 else "Thanks!"}) for i in range(500)]
    data = "".join(line + "\n" for line in lines).encode()
    path = tmp_path / "export.jsonl"
    path.write_bytes(data)
    monkeypatch.setattr(streaming, "STREAM_BYTES", 2000)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", 1000)
    monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", 1000)
    piped = list(api.read_stdin("export.jsonl", io.BytesIO(data), Config()))
    assert len(piped) > 5 and all(isinstance(s, streaming.Window) for s in piped)
    assert [(s.text, s.first_line) for s in piped] == [(w.text, w.first_line) for w in streaming.windows(str(path), "jsonl")]
    found = [(d.line, d.column, d.code) for s in piped for d in api.lint_source(s, Config())]  # type: ignore[arg-type]
    assert found == [(d.line, d.column, d.code) for d in api.lint_paths([path], Config())] and len(found) > 50
    assert [type(s) for s in api.read_stdin("export.jsonl", io.BytesIO(data[:1500]), Config())] == [SourceFile]
    assert [type(s) for s in api.read_stdin("notes.txt", io.BytesIO(data), Config())] == [SourceFile]
    assert [type(s) for s in api.read_stdin("export.jsonl", io.BytesIO(data), Config(), stream=False)] == [SourceFile]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(_Terminal())
    assert not progress.wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(_Terminal())


def test_progress_line_shows_replies_rate_and_time_left_then_erases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stream = _Terminal()
    bar = progress.Progress(stream, 1000, enabled=True)
    bar.advance(120, 250)
    shown = stream.getvalue()
    assert shown.startswith("\rcslint: 120 replies, ") and "/s, 25%, " in shown and shown.endswith(" left")
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * (len(shown) - 1) + "\r")


def test_sentence_split_and_word_counts_match_the_plain_patterns() -> None:
    """The sentence splitter stops only at punctuation, emoticons, menu-path steps, masked links
    after a colon and before a capital, and line breaks, and counts the words
    of an ASCII text with the standard library: both give what the plain patterns (the
    splitter's look-behind form, and the word pattern alone) give, on generated text, and
    the words of the whole text are those of its sentences (also counted line by line in
    a long text)."""
    from cslint.checks import sentences

    end = regex.compile(
        r"""(?<=[.!?…])(?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|St|approx|incl|no|No)\.)[)"'”’]*(?=\s)\s*|\n\s*"""
        r"""|(?<=\p{Ll}\p{Ll}[.!?])(?=\p{Lu}\p{Ll})|(?<=\s[:;=]-?[)(DP])(?=\s)\s*|(?<=:)\s{10,}(?=\p{Lu})"""
        r"""|(?<=>|&gt;)\s*(?=[\p{L}\p{N}])"""
    )
    word = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
    pieces = ["Mr", "e.g", "no", "word", "x2", "don't", "it’s", "café", "²", "-", ".", "!", "?", "…", ")", '"', "’",
              " ", "  ", "\n", "\n\n", "\t", "_", "a_b", "日本", "\u00a0", "\x1c", "\ud800",
              ":)", ";-(", "=D", ":", "Thanks", "É", " > ", "&gt;", "          "]
    rng = random.Random(701)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        start, cuts = 0, []
        for m in end.finditer(text):
            cuts.append((start, m.start()))
            start = m.end()
        cuts.append((start, len(text)))
        # each piece without the whitespace around it; blank pieces are no sentence
        expected = [(s + len(piece) - len(piece.lstrip()), s + len(piece.rstrip()))
                    for s, e in cuts if (piece := text[s:e]).strip()]
        assert list(sentences.sentences(text)) == expected, text
        assert [sentences.words(text, s, e) for s, e in expected] == [word.findall(text, s, e) for s, e in expected], text
        # the whole text's words are those of its sentences; the quick count is a bound
        in_sentences = [w for s, e in expected for w in word.findall(text, s, e)]
        assert sentences.totals(text) == (len(in_sentences), sum(map(sentences.syllables, in_sentences))), text
        assert sentences.totals("\n".join([text] * 700)) == (700 * len(in_sentences), 700 * sum(map(sentences.syllables, in_sentences))), text
        # the quick bounds: never fewer words than there are
        assert sentences.holds_words(text, len(in_sentences)), text
        runs = len(re.findall(r"[^\W_]+", text))
        assert not sentences.holds_words(text, runs + 1), text
        assert sentences.word_bound(text) >= runs, text


def test_plugin_list_is_cached_until_a_folder_on_the_path_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding entry points imports importlib.metadata and reads every installed package;
    the list is kept in the cache, and installing a package (which changes a folder on
    the import path) is seen on the next run."""
    from cslint import registry

    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert registry.entry_points() == []
    assert [p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()] == ["plugins"]
    info = site / "acme_cslint-1.0.dist-info"  # what pip writes when it installs a plugin
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-cslint\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[cslint.rules]\nacme = acme_cslint:RULES\n", encoding="utf-8")
    assert registry.entry_points() == [("cslint.rules", "acme", "acme_cslint:RULES")]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_json_lines_with_any_line_end_keep_their_line_numbers(end: str) -> None:
    """Lines are split in C on line feeds when a text holds no carriage return, and by
    the pattern otherwise: both give the same lines and positions."""
    from cslint import lint_text

    text = end.join(['{"text": "ok"}', "", '{"text": "As I said, no."}', '  {"text": "As I said."}']) + end
    found = lint_text(text, filename="x.jsonl", config=api.Config(select=("CS101",)))
    assert [(d.line, d.column) for d in found] == [(3, 11), (4, 13)]


def test_long_replies_are_counted_up_to_the_threshold_not_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reply of 10,000 characters or more skips the quick bound (which reads all of it)
    and counts its words only up to the rule's threshold: the same findings either way."""
    from cslint import lint_text
    from cslint.checks import metric

    texts = [
        "Thanks. " * 1500 + "word " * 40 + ".",  # one long sentence at the end
        "!" * 12_000 + " Thanks for writing in.",  # long, but too few words for a finding
        "Your refund was approved yesterday afternoon by our billing specialists. " * 200,
    ]
    config = Config(select=("CS701", "CS702"))

    def found() -> list[list[tuple[int, int, str]]]:
        return [[(d.line, d.column, d.code) for d in lint_text(t, config=config)] for t in texts]

    counted = found()
    monkeypatch.setattr(metric, "_BOUNDED_CHARS", 10**9)
    assert found() == counted
    assert [len(f) for f in counted] == [1, 0, 1] and counted[2][0][2] == "CS702"


def test_a_bad_byte_in_a_later_window_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines that end in a CR alone count as lines where a window cannot be decoded too,
    as they do everywhere else in a streamed file."""
    lines = [json.dumps({"text": "Thanks!"}).encode() for _ in range(200)]
    lines[150] = lines[150].replace(b"Thanks", b"Th\xffanks")  # line 151
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"".join(line + (b"\n", b"\r")[i % 2] for i, line in enumerate(lines)))
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", 500)
    monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", 500)
    found = [(d.line, d.code, d.message) for d in api.lint_paths([path], Config())]
    assert found == [(151, "CS902", "not valid UTF-8 (byte 0xff)" + CP1252)]


def test_prefilter_index_is_kept_beside_the_rules_and_gives_the_same_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    """The indexes of the rules' starts (what they need to match, what they consult
    after a first match, here the apology a rule requires, and what they look for in the
    customer's message, here a complaint) are built on the first run and read back on
    the next; a run that reads them (or damaged copies) reports exactly what a run
    without any cache reports."""
    reply = tmp_path / "reply.txt"
    reply.write_text("As I said, please be advised that we will get back to you. Sorry for any inconvenience.\n",
                     encoding="utf-8")
    answer = tmp_path / "answer.txt"
    answer.write_text("What's your order number?\n\n> I've been waiting two weeks and still no refund.\n", encoding="utf-8")
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    uncached = cli("--format", "json", str(reply), str(answer))
    assert '"CS101"' in uncached.stdout and '"CS305"' in uncached.stdout
    monkeypatch.delenv(cache.OFF_VARIABLE)
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    assert cli("--format", "json", str(reply), str(answer)) == uncached  # builds and keeps the indexes
    kept = sorted((tmp_path / "cache").glob("index-*.pickle"))
    assert len(kept) == 3
    assert cli("--format", "json", str(reply), str(answer)) == uncached  # reads them back
    for index in kept:
        index.write_bytes(index.read_bytes()[:100])
    assert cli("--format", "json", str(reply), str(answer)) == uncached  # damaged copies are rebuilt


def test_a_restored_index_finds_what_the_built_one_finds() -> None:
    from cslint.prefilter.index import Index
    from cslint.prefilter.pattern import PrefilteredPattern

    patterns = [PrefilteredPattern.from_branches([r"(?<!\w)as i said", r"(?<!\w)per my last"], 2),
                PrefilteredPattern.from_branches([r"!!", r"(?<!\w)sorry for"], 2)]
    built = Index()
    for p in patterns:
        p.join(built)
    text = "as i said!! sorry for that, per my last note"
    restored = Index()
    restored.restore(pickle.loads(pickle.dumps(built.state())))
    assert [restored.add((p.pattern, p.flags), {}) for p in patterns] == [0, 1]  # joined by key
    found, expected = restored.candidates(text), built.candidates(text)
    assert found is not None and expected is not None
    assert [found.get(pid) for pid in (0, 1)] == [expected.get(pid) for pid in (0, 1)] != [None, None]
