"""The benchmark inputs, generated from the shared reply corpus into a temporary folder.

The corpus is test data that must never be copied into the project, so every input is
written at run time from ``../shared/corpus/`` and deleted afterwards. Each input is a
shape cslint meets in practice: one reply file (what pre-commit passes per call), a
folder of reply files, one long text file, and JSON Lines ticket exports.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path


@dataclass(frozen=True)
class Input:
    """One benchmark input: what to pass on the command line and how much it holds."""

    name: str
    #: Paths given to the linter, relative to the work folder.
    paths: tuple[str, ...]
    replies: int
    size: int
    #: Whether proselint reads it too (plain text only; it has no JSON Lines reader).
    text: bool
    #: Extra command-line options for cslint (``-j 1`` for the serial comparison).
    options: tuple[str, ...] = ()


def texts(path: Path, limit: int | None = None) -> Iterator[str]:
    """The reply texts of a corpus JSON Lines file, in file order."""
    with path.open(encoding="utf-8") as lines:
        for line in islice(lines, limit):
            if line.strip():
                yield json.loads(line)["text"]


def _write(path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8", newline="")
    return len(text.encode("utf-8"))


def _copy_lines(source: Path, target: Path, limit: int | None, repeat: int = 1) -> int:
    """The first ``limit`` lines of a JSON Lines file, ``repeat`` times (byte for byte)."""
    with source.open("rb") as f:
        data = b"".join(islice(f, limit))
    with target.open("wb") as out:
        for _ in range(repeat):
            out.write(data)
    return len(data) * repeat


def build(corpus: Path, work: Path, *, quick: bool) -> list[Input]:
    """Write the inputs into ``work``; ``quick`` takes a small slice of each (for CI)."""
    twcs, bitext = corpus / "twcs.jsonl", corpus / "bitext_synthetic.jsonl"
    n_files, n_text, n_bitext = (100, 2_000, 200) if quick else (2_000, None, None)
    replies = list(texts(twcs, n_text))
    out: list[Input] = []

    size = _write(work / "one.txt", replies[0] + "\n")
    out.append(Input("cold start, 1 small file", ("one.txt",), 1, size, True))

    folder = work / "replies"
    folder.mkdir()
    size = sum(_write(folder / f"reply{i:05d}.txt", t + "\n") for i, t in enumerate(replies[:n_files]))
    out.append(Input(f"folder of {n_files:,} files", ("replies",), n_files, size, True))
    out.append(Input(f"folder of {n_files:,} files, -j 1", ("replies",), n_files, size, False, ("-j", "1")))

    size = _write(work / "twcs.txt", "\n\n".join(replies) + "\n")
    out.append(Input(f"one text file, {len(replies):,} replies", ("twcs.txt",), len(replies), size, True))

    size = _copy_lines(twcs, work / "twcs.jsonl", n_text)
    out.append(Input(f"JSON Lines, {len(replies):,} replies", ("twcs.jsonl",), len(replies), size, False))
    out.append(Input(f"JSON Lines, {len(replies):,} replies, -j 1", ("twcs.jsonl",), len(replies), size, False, ("-j", "1")))

    count = sum(1 for _ in texts(bitext, n_bitext))
    size = _copy_lines(bitext, work / "bitext.jsonl", n_bitext)
    out.append(Input(f"bitext JSON Lines, {count:,} long replies", ("bitext.jsonl",), count, size, False))
    return out


def flag_examples() -> str:
    """The shipped rules' own examples of text they must flag, on one line (as linted:
    without the marks that say what each one expects)."""
    import sys

    import yaml  # (a dependency of cslint, imported only here)

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))  # this checkout's cslint, the one the benchmark runs
    from cslint.rulefiles.examples import unmark

    found = []
    for path in sorted((root / "rules").glob("*/*.yml")):
        examples = yaml.safe_load(path.read_text(encoding="utf-8")).get("examples") or {}
        found += [unmark(text).text.replace("\n", " ") for text in examples.get("flag") or ()]
    return " ".join(found)


def scaling(corpus: Path, work: Path, *, quick: bool) -> list[tuple[Input, Input]]:
    """Pairs of inputs where the second holds ten times the first: a whole export, a
    single reply on one long line (a rule quadratic in a reply's length shows there), and
    one line of the rules' flag examples repeated (a line full of findings, where work
    per finding that grows with the line would show)."""
    n = 200 if quick else 2_000
    replies = list(texts(corpus / "twcs.jsonl", n * 10))
    pairs = []
    small = _copy_lines(corpus / "twcs.jsonl", work / "scale1.jsonl", n)
    big = _copy_lines(corpus / "twcs.jsonl", work / "scale10.jsonl", n * 10)
    pairs.append((Input(f"JSON Lines, {n:,} replies", ("scale1.jsonl",), n, small, False),
                  Input(f"JSON Lines, {n * 10:,} replies", ("scale10.jsonl",), n * 10, big, False)))
    line = " ".join(replies[:n])
    long_line = " ".join(replies)
    small = _write(work / "line1.txt", line + "\n")
    big = _write(work / "line10.txt", long_line + "\n")
    pairs.append((Input(f"one-line reply, {small // 1000:,} kB", ("line1.txt",), 1, small, False),
                  Input(f"one-line reply, {big // 1000:,} kB", ("line10.txt",), 1, big, False)))
    examples = flag_examples() + " "
    line = examples * (1 + (10_000 if quick else 100_000) // len(examples))
    small = _write(work / "findings1.txt", line + "\n")
    big = _write(work / "findings10.txt", line * 10 + "\n")
    pairs.append((Input(f"one line of findings, {small // 1000:,} kB", ("findings1.txt",), 1, small, False),
                  Input(f"one line of findings, {big // 1000:,} kB", ("findings10.txt",), 1, big, False)))
    return pairs


def big_export(corpus: Path, work: Path, megabytes: int) -> Input:
    """The twcs export repeated to about ``megabytes`` MB, for the flat-memory check."""
    source = corpus / "twcs.jsonl"
    one = source.stat().st_size
    lines = sum(1 for _ in source.open("rb"))
    repeat = max(1, round(megabytes * 1_000_000 / one))
    size = _copy_lines(source, work / "big.jsonl", None, repeat)
    return Input(f"JSON Lines, {size / 1e9:.2f} GB (streamed)", ("big.jsonl",), lines * repeat, size, False)


def main(argv: list[str]) -> None:
    """``inputs.py CORPUS WORK [--quick] [--big MB]``: write the inputs and print them as
    JSON. The benchmark runs this in a child process, so that its own memory stays small:
    a measured process starts as a copy of the benchmark's, and the kernel counts that
    copy in the child's peak memory."""
    corpus, work = Path(argv[0]), Path(argv[1])
    quick = "--quick" in argv
    out: dict[str, object] = {
        "inputs": [asdict(i) for i in build(corpus, work, quick=quick)],
        "scaling": [[asdict(a), asdict(b)] for a, b in scaling(corpus, work, quick=quick)],
    }
    if "--big" in argv:
        out["big"] = asdict(big_export(corpus, work, int(argv[argv.index("--big") + 1])))
    print(json.dumps(out))


def load(data: dict[str, object]) -> Input:
    return Input(**{**data, "paths": tuple(data["paths"]), "options": tuple(data["options"])})  # type: ignore[arg-type]


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
