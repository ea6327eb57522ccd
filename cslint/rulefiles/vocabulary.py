"""Word classes: named families of wordings that rule entries reference as ``{name}``.

Many rules need the same families: an apology, an empathy statement, a refusal, a vague
time. Written into each rule, a list drifts (one rule knows "apologise", another only
"apologize") and grows by enumerating the replies it was tried on. A word class is written
once, each entry with the public source it comes from, and a rule says ``{apology}``.

A class is one YAML file, ``vocabulary/<name>.yml`` inside a rule folder (the shipped one,
a plugin's or a team's); the rule loader does not take those files for rules. Its entries
are phrase entries as in a rule (:mod:`cslint.checks.patterns`), and the loader adds, once
for every class, the forms of each whole word (:mod:`cslint.rulefiles.wordforms`):

* British and American spellings ("apologise" also matches "apologize");
* contractions both ways ("we are" also matches "we're", "cannot" also "can't");
* with ``~`` after a word, its inflections ("apology~": "apologies"; "crash~": "crashes",
  "crashed", "crashing");
* ``{other}`` inside an entry stands for another class.

In a rule, ``{name}`` is replaced by the class's alternatives before the entry is
compiled, so the rest of cslint (the prefilter's anchors, the phrase sets) only ever sees
ordinary patterns. An entry that starts with a class becomes one entry per alternative,
so that each keeps the literal start that lets the anchor scan skip replies without it.
A class name starts with a letter, so a quantifier such as ``{2,3}`` is never read as one.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from ..checks import patterns

#: The folder of a rule folder that holds its word classes.
FOLDER = "vocabulary"
_KEYS = ("description", "sources", "entries", "examples")
#: What may follow a whole word (a quantifier, a class or an escape would make the word
#: part of a larger pattern, which is left as written).
_NOT_AFTER_WORD = frozenset("?*+{[\\(")


@lru_cache(maxsize=1)
def _syntax() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """The class name, entry token and inflected-group patterns, compiled when a class is
    first read: a run served from the rule cache never reads one, and saves compiling them."""
    name = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
    token = regex.compile(
        r"""
          (?P<esc>\\(?:[pPNxu]\{[^}]*\}|.))
        | (?P<set>\[\^?\]?(?:\\.|[^\]\\])*\])
        | (?P<ref>\{[a-z][a-z0-9]*(?:-[a-z0-9]+)*\})
        | (?P<open>\((?:\?(?:[:>|=!]|<[=!]|P?<\w+>|[a-zA-Z]+[:)]))?)
        | (?P<word>[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*)
        | (?P<space>\ \??)
        | (?P<other>.)
        """,
        regex.VERBOSE | regex.DOTALL,
    )
    # "(?:want|need)~": a group of words to inflect, each of them.
    inflected = regex.compile(r"\(\?:((?:[\p{L}'’]+\|)*[\p{L}'’]+)\)~")
    return name, token, inflected


class Token(NamedTuple):
    kind: str
    text: str


def tokens(entry: str) -> list[Token]:
    """An entry cut into escapes, sets, class references, group openers, words, spaces
    and single characters."""
    return [Token(m.lastgroup or "other", m.group()) for m in _syntax()[1].finditer(entry)]


def references(entry: str) -> list[str]:
    """The class names an entry references, in order.

    >>> references(r"{apology},? but \\p{Lu}{2,3} {vague-time}")
    ['apology', 'vague-time']
    """
    return [t.text[1:-1] for t in tokens(entry) if t.kind == "ref"]


def _group(forms: Iterable[str]) -> str:
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return ordered[0] if len(ordered) == 1 else f"(?:{'|'.join(ordered)})"


def _after_assertions(parts: Sequence[Token]) -> int:
    """The index of the first token after the lookarounds an entry starts with."""
    i = 0
    while i < len(parts) and parts[i].kind == "open" and parts[i].text in ("(?=", "(?!", "(?<=", "(?<!"):
        depth = 0
        for j in range(i, len(parts)):
            if parts[j].kind == "open":
                depth += 1
            elif parts[j].text == ")":
                depth -= 1
                if depth == 0:
                    break
        i = j + 1
    return i


def _has_top_level_bar(entry: str) -> bool:
    depth = 0
    for t in tokens(entry):
        if t.kind == "open":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.text == "|" and depth == 0:
            return True
    return False


class UnknownClass(Exception):
    """An entry names a class no vocabulary folder defines."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class WordClass:
    """One loaded class: where it is written and the alternatives it matches."""

    name: str
    path: str
    description: str
    sources: Mapping[str, str]
    #: (entry as written, source key, line of its group in the file)
    entries: tuple[tuple[str, str, int], ...]
    #: The entries with every word form and class reference written out, longest first.
    alternatives: tuple[str, ...]
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]

    @property
    def group(self) -> str:
        """The class as one group, to stand inside a larger entry."""
        return f"(?:{'|'.join(self.alternatives)})"


class Vocabulary(Mapping[str, WordClass]):
    """The word classes a run knows, by name."""

    def __init__(self, classes: Mapping[str, WordClass]) -> None:
        self._classes = dict(classes)

    def __getitem__(self, name: str) -> WordClass:
        return self._classes[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._classes)

    def __len__(self) -> int:
        return len(self._classes)

    def expand(self, entry: str, *, spread: bool = True) -> list[str]:
        """The entries a rule entry stands for: itself when it names no class; with
        ``spread``, an entry that starts with a class becomes one entry per alternative.

        Raises :class:`UnknownClass` for a name no folder defines.
        """
        parts = tokens(entry)
        if not any(t.kind == "ref" for t in parts):
            return [entry]
        for t in parts:
            if t.kind == "ref" and t.text[1:-1] not in self._classes:
                raise UnknownClass(t.text[1:-1])
        # Lookarounds before the first class match no text: "(?<=the )(?:{fault})" is
        # spread like "{fault}", keeping the lookbehind in front of each alternative.
        at = _after_assertions(parts)
        written = [self._classes[t.text[1:-1]].group if t.kind == "ref" else t.text for t in parts]
        if not spread or at >= len(parts) or parts[at].kind != "ref":
            return ["".join(written)]
        lead, rest = "".join(written[:at]), "".join(written[at + 1 :])
        alternatives = self._classes[parts[at].text[1:-1]].alternatives
        return [lead + (f"(?:{alt})" if (rest or lead) and _has_top_level_bar(alt) else alt) + rest for alt in alternatives]

    def pattern(self, name: str) -> patterns.Pattern:
        """The class compiled on its own, as a rule would match it (for its examples)."""
        return patterns.compile_entries(self.expand("{" + name + "}"))


def problems(vocabulary: Vocabulary, name: str) -> list[str]:
    """What is wrong with a class's examples (empty when they all behave)."""
    wc = vocabulary[name]
    pattern = vocabulary.pattern(name)
    out = []
    for i, text in enumerate(wc.examples_match, 1):
        if patterns.search(pattern, text) is None:
            out.append(f"{wc.path}: class {name} does not match its 'match' example {i}: {text!r}")
    for i, text in enumerate(wc.examples_no_match, 1):
        found = patterns.search(pattern, text)
        if found is not None:
            out.append(f"{wc.path}: class {name} matches {found.group()!r} in its 'no-match' example {i}: {text!r}")
    return out


# ---------------------------------------------------------------------------------------
# Word forms


def _whole_words(parts: Sequence[Token]) -> list[bool]:
    """Which word tokens stand as whole words: after the start, a space, '|', a group
    opener or an optional group that ends with a space ("(?:very )?sorry"), and before
    the end, a space, '~' or punctuation that is no quantifier."""
    whole = []
    for i, t in enumerate(parts):
        if t.kind != "word":
            whole.append(False)
            continue
        before = parts[i - 1] if i else None
        after = parts[i + 1] if i + 1 < len(parts) else None
        opens = before is None or before.kind in ("space", "open") or before.text == "|" or (
            before.text in "?*" and i >= 3 and parts[i - 2].text == ")" and parts[i - 3].kind == "space"
        )
        closes = after is None or after.kind == "space" or (after.kind == "other" and after.text not in _NOT_AFTER_WORD)
        whole.append(opens and closes)
    return whole


def word_forms(entry: str) -> str:
    """A class entry with the forms of its whole words written out (see the module
    docstring); raises ValueError for a '~' that follows no whole word.

    >>> word_forms("(?:want|need)~ it")
    '(?:(?:wanting|wanted|wants|want)|(?:needing|needed|needs|need)) it'
    >>> word_forms("we are sorry")
    "(?:we are|we're) sorry"
    >>> word_forms("apology~ for (?:the|any) delay~")
    '(?:apologying|apologied|apologies|apology) for (?:the|any) (?:delaying|delayed|delays|delay)'
    """
    from . import wordforms

    parts = tokens(_syntax()[2].sub(lambda m: "(?:" + m.group(1).replace("|", "~|") + "~)", entry))
    whole = _whole_words(parts)
    out: list[str] = []
    i = 0
    while i < len(parts):
        t = parts[i]
        if t.text == "~":
            raise ValueError("'~' marks a word to inflect: write it right after a whole word ('apology~')")
        if not whole[i]:
            out.append(t.text)
            i += 1
            continue
        # Two words a contraction joins ("we are"), then the word alone.
        if i + 2 < len(parts) and parts[i + 1].text == " " and whole[i + 2]:
            joined = wordforms.contraction(t.text, parts[i + 2].text)
            if joined is not None and parts[i + 3 : i + 4] != [Token("other", "~")]:
                out.append(_group(wordforms.contracted_forms(joined) or ()))
                i += 3
                continue
        inflect = i + 1 < len(parts) and parts[i + 1].text == "~"
        contracted = None if inflect else wordforms.contracted_forms(t.text)
        if contracted is not None:
            out.append(_group(contracted))
        else:
            forms = wordforms.inflections(t.text) if inflect else {t.text}
            out.append(_group(s for f in forms for s in wordforms.spellings(f)))
        i += 2 if inflect else 1
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Loading


def folders_for(rule_folders: Iterable[Path]) -> list[Path]:
    """The vocabulary folders of a run: the shipped one (always: its classes are a
    library for every team's rules), then each rule folder's, once each."""
    from .plugins import default_rules_dir

    seen: dict[Path, None] = {}
    for folder in (default_rules_dir(), *rule_folders):
        candidate = Path(folder) / FOLDER
        if candidate.is_dir():
            seen.setdefault(candidate.resolve(), None)
    return list(seen)


def files(rule_folders: Iterable[Path]) -> list[Path]:
    """Every class file of a run's folders, in loading order."""
    return [p for folder in folders_for(rule_folders) for p in _class_files(folder)]


def _class_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def load(rule_folders: Iterable[Path]) -> Vocabulary:
    """The classes of a run's folders, validated (raises RuleFileError with file and
    line). Kept per process, keyed by each file's path, size and modification time."""
    stamp = []
    for path in files(rule_folders):
        st = path.stat()
        stamp.append((str(path), st.st_size, st.st_mtime_ns))
    return _load(tuple(stamp))


def shipped() -> Vocabulary:
    """The shipped classes alone (what a rule built without a run's folders sees)."""
    return load(())


@lru_cache(maxsize=8)
def _load(stamp: tuple[tuple[str, int, int], ...]) -> Vocabulary:
    from .parse import RuleFileError, read_rule_file

    raw: dict[str, tuple[Path, Any]] = {}
    for path_text, _, _ in stamp:
        path = Path(path_text)
        name = path.stem
        if not _syntax()[0].fullmatch(name):
            raise RuleFileError(str(path), None, None, f"a class file is named after its class: {name!r} is not lowercase words joined by '-'")
        if name in raw:
            raise RuleFileError(str(path), None, None, f"class {name} is already defined by {raw[name][0]}")
        raw[name] = (path, read_rule_file(path))
    resolved: dict[str, WordClass] = {}
    for name in raw:
        _resolve(name, raw, resolved, ())
    return Vocabulary(resolved)


def _resolve(name: str, raw: Mapping[str, tuple[Path, Any]], done: dict[str, WordClass], chain: tuple[str, ...]) -> WordClass:
    """Build one class, first the classes its entries reference."""
    from .parse import RuleFileError

    if name in done:
        return done[name]
    path, data = raw[name]
    where = str(path)

    def fail(problem: str, line: int | None = None, key: str | None = None) -> Any:
        if line is None and key and hasattr(data, "line_of"):
            line = data.line_of(key)
        raise RuleFileError(where, line, key, problem)

    if not isinstance(data, dict):
        fail("a class file must be a mapping with description, sources, entries and examples", 1)
    for key in data:
        if key not in _KEYS:
            fail(f"unknown key for a word class; allowed: {', '.join(_KEYS)}", key=key)
    for key in _KEYS:
        if key not in data:
            fail(f"missing required key {key!r}")
    description, sources, groups, examples = (data[k] for k in _KEYS)
    if not isinstance(description, str) or not description.strip():
        fail("must be a non-empty string", key="description")
    if not isinstance(sources, dict) or not sources or not all(isinstance(v, str) and v.strip() for v in sources.values()):
        fail("must map a short key to each source's citation (a public page or publication)", key="sources")
    if not isinstance(groups, list) or not groups:
        fail("must be a list of groups, each with 'source' and 'phrases'", key="entries")
    entries: list[tuple[str, str, int]] = []
    alternatives: list[str] = []
    for group in groups:
        line = getattr(group, "line", None) or data.line_of("entries")
        if not isinstance(group, dict) or set(group) != {"source", "phrases"}:
            fail("each group has exactly 'source' (a key of 'sources') and 'phrases' (a list)", line, "entries")
        if group["source"] not in sources:
            fail(f"source {group['source']!r} is not a key of 'sources'", line, "entries")
        phrases = group["phrases"]
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            fail("'phrases' must be a non-empty list of phrases", line, "entries")
        for phrase in phrases:
            try:
                written = word_forms(phrase.strip())
            except ValueError as exc:
                fail(f"{phrase!r}: {exc}", line, "entries")
            for other in references(written):
                if other == name or other in chain:
                    fail(f"class {other} references itself through {' -> '.join((*chain, name, other))}", line, "entries")
                if other not in raw:
                    fail(f"unknown word class {{{other}}}; known: {', '.join(sorted(raw))}", line, "entries")
                _resolve(other, raw, done, (*chain, name))
            # An entry that opens with another class stands for each of its alternatives, as
            # in a rule: each keeps its own start ("{continued}" holds "&gt;&gt;" at the end
            # of a word, which one group opening the entry would put behind a word boundary).
            for expanded in Vocabulary(done).expand(written):
                problem = patterns.validate_entry(expanded)
                if problem:
                    fail(f"{phrase!r}: {problem}", line, "entries")
                alternatives.append(expanded)
            entries.append((phrase, group["source"], line))
    if not isinstance(examples, dict) or set(examples) != {"match", "no-match"} or not all(
        isinstance(v, list) and v and all(isinstance(t, str) for t in v) for v in examples.values()
    ):
        fail("must have 'match' and 'no-match', each a non-empty list of texts", key="examples")
    unique = sorted(dict.fromkeys(alternatives), key=len, reverse=True)
    done[name] = WordClass(
        name, where, " ".join(description.split()), dict(sources), tuple(entries), tuple(unique),
        tuple(examples["match"]), tuple(examples["no-match"]),
    )
    return done[name]


# ---------------------------------------------------------------------------------------
# Rule files


def expand_rule(data: Any, keys: Mapping[str, Any], path: str, vocabulary: Vocabulary | None) -> Any:
    """A rule file's data with every class reference in its phrase keys written out.

    ``keys`` is the rule type's schema; ``data`` is returned as it is when no entry names
    a class. An unknown class is refused with the line of the entry that names it.
    """
    from .parse import RuleFileError
    from .yamlsafe import LineMap

    changed: dict[str, Any] = {}
    for key, spec in keys.items():
        value = data.get(key)
        if spec.kind not in ("phrases", "swap") or not value:
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, dict)) or not any(isinstance(e, str) and "{" in e for e in items):
            continue
        vocabulary = vocabulary if vocabulary is not None else shipped()
        for entry in items:  # (an error is placed in the entry as written, not as expanded)
            problem = _problem_as_written(entry) if isinstance(entry, str) and "{" in entry else None
            if problem:
                line = _line_naming(path, entry, data.line_of(key) if hasattr(data, "line_of") else None)
                raise RuleFileError(path, line, key, problem)
        try:
            if isinstance(items, dict):
                changed[key] = {vocabulary.expand(k, spread=False)[0] if isinstance(k, str) else k: v for k, v in items.items()}
            else:
                changed[key] = [e for entry in items for e in (vocabulary.expand(entry) if isinstance(entry, str) else [entry])]
        except UnknownClass as exc:
            line = _line_naming(path, "{" + exc.name + "}", data.line_of(key) if hasattr(data, "line_of") else None)
            known = ", ".join(sorted(vocabulary)) or "none"
            raise RuleFileError(path, line, key, f"unknown word class {{{exc.name}}}; known: {known}") from None
    if not changed:
        return data
    merged = LineMap(data)
    merged.line, merged.key_lines = getattr(data, "line", 1), dict(getattr(data, "key_lines", {}))
    merged.update(changed)
    return merged


def _problem_as_written(entry: str) -> str | None:
    """What is wrong with an entry naming classes, checked with each reference standing as
    a group of the same length (``{apology}`` as ``(?:xxxxx)``), so a position is one in
    the entry the author wrote."""
    parts = tokens(entry)
    if not any(t.kind == "ref" for t in parts):
        return None
    stand_in = "".join(t.text if t.kind != "ref" else "(x)" if len(t.text) < 4 else f"(?:{'x' * (len(t.text) - 4)})" for t in parts)
    return patterns.validate_entry(stand_in, written=entry)


def _line_naming(path: str, needle: str, start: int | None) -> int | None:
    """The first line from ``start`` on that holds ``needle`` (the entry naming a class)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return start
    for number in range(start or 1, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return start

