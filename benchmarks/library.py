"""The library audit's benchmark: ``python benchmarks/library.py [--macros N] [--runs N]``.

Synthesises a macro library of ``--macros`` saved replies (10,000 by default) from the real
libraries in ``../shared/macro_repos/`` into a temporary folder (nothing from ``../shared``
is ever written into the project), then runs ``cslint audit`` on it as a fresh process and
prints wall time, CPU time and peak memory (the medians and the largest of ``--runs``
runs; see ``measure.py``). Skips cleanly when the libraries are absent.

How the library is made, so that it holds what a real one does and nothing a real one
would not: every reply of the real libraries (read with cslint's own readers) is cut into
sentences; each synthetic macro takes a real macro's greeting and sign-off and 3 to 9
sentences drawn from the whole pool, about one word in twelve swapped for another word of the
libraries (so that a sentence reused by many macros reads as many writers' versions of it,
and the library holds as many distinct phrases as a large real one); then 1% of the
macros are planted near-copies of an earlier one (one word changed, a sentence added or
dropped), the near-duplicates CS801 must report. The macros are written as a helpdesk
export would hold them, HTML bodies in JSON (the shape of gumroad's ``saved_replies.json``),
split into one file per category of 500 macros, as a library kept in a repository is.
``--one-file`` writes them as one export instead.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
REPOS = ROOT.parent / "shared" / "macro_repos"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from measure import measure

#: The share of macros that are near-copies of an earlier one.
PLANTED = 0.01
#: Where one sentence ends and the next begins.
_SENTENCE_END = regex.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
#: Words a planted copy may change one of (a policy edited in one copy only).
_SWAPS = {"two": "three", "days": "weeks", "refund": "credit", "email": "message", "account": "profile"}


def real_replies(repos: Path) -> list[str]:
    """The text of every reply of the real libraries, as a customer reads it."""
    from cslint import api
    from cslint.config import Config
    from cslint.diagnostic import Diagnostic

    config = Config()
    out = []
    for source in api.sources([str(repos)], config, stream=False):
        if isinstance(source, Diagnostic):
            continue
        try:
            segments = api.read_segments(source, config)
        except Exception:  # noqa: BLE001 - a file cslint cannot read gives no reply here
            continue
        out.extend(s.text for s in segments if s.public and len(s.text.split()) >= 5)
    return out


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in regex.split(r"\n\s*\n", text) if p.strip()]


def synthesise(replies: Sequence[str], count: int, seed: int = 20) -> list[dict[str, str]]:
    """``count`` macros (title, HTML content) made from ``replies`` (see the module docstring)."""
    rng = random.Random(seed)
    greetings, signoffs, sentences = [], [], []
    for reply in replies:
        paragraphs = _paragraphs(reply)
        if len(paragraphs) >= 3 and len(paragraphs[0]) < 40:
            greetings.append(paragraphs[0])
        if len(paragraphs) >= 3 and len(paragraphs[-1]) < 60:
            signoffs.append(paragraphs[-1])
        for p in paragraphs[1:-1] if len(paragraphs) >= 3 else paragraphs:
            sentences.extend(s for s in _SENTENCE_END.split(p) if len(s.split()) >= 4)
    vocabulary = sorted({word for sentence in sentences for word in sentence.split() if word.isalpha()})
    macros: list[dict[str, str]] = []
    bodies: list[list[str]] = []
    for n in range(count):
        copy = bool(n) and rng.random() < PLANTED  # a planted near-copy of an earlier macro
        if copy:
            body = list(bodies[rng.randrange(len(bodies))])
            _edit(body, rng, sentences)
        else:
            picked = [_varied(sentence, rng, vocabulary) for sentence in rng.sample(sentences, rng.randint(3, 9))]
            cut = rng.randint(1, len(picked))
            body = [rng.choice(greetings), " ".join(picked[:cut]), " ".join(picked[cut:]), rng.choice(signoffs)]
            body = [p for p in body if p]
        bodies.append(body)
        title = " ".join(body[1].split()[:6]).rstrip(".,!?:") if len(body) > 1 else body[0]
        content = "<br /><br />".join(html.escape(p, quote=False) for p in body)
        macros.append({"title": f"{title} ({n + 1}{' (copy)' if copy else ''})", "content": content})
    return macros


def _varied(sentence: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """A sentence with about one word in twelve swapped for another of the libraries' words,
    so that macros sharing a sentence differ as two writers' versions of it do (a library
    of 10,000 macros holds far more distinct phrases than the few hundred real ones)."""
    words = sentence.split()
    return " ".join(rng.choice(vocabulary) if word.isalpha() and rng.random() < 1 / 12 else word for word in words)


def _edit(body: list[str], rng: random.Random, sentences: Sequence[str]) -> None:
    """Change a copy a little: one word swapped, or one sentence added at its end."""
    for i, paragraph in enumerate(body):
        words = paragraph.split()
        for k, word in enumerate(words):
            if word in _SWAPS:
                words[k] = _SWAPS[word]
                body[i] = " ".join(words)
                return
    body.insert(len(body) - 1, rng.choice([s for s in sentences if len(s.split()) < 12]))


def write(macros: Sequence[dict[str, str]], folder: Path, *, one_file: bool) -> list[Path]:
    """The library on disk: one export, or one file per category of 500 macros."""
    folder.mkdir(parents=True, exist_ok=True)
    if one_file:
        chunks = [macros]
    else:
        chunks = [macros[i : i + 500] for i in range(0, len(macros), 500)]
    paths = []
    for n, chunk in enumerate(chunks):
        path = folder / ("macros.json" if one_file else f"category-{n + 1:02d}" / Path("macros.json"))
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(list(chunk), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--macros", type=int, default=10_000, help="macros in the library (default: 10,000)")
    p.add_argument("--runs", type=int, default=3, help="measured runs (default: 3)")
    p.add_argument("--one-file", action="store_true", help="write the library as one export file")
    p.add_argument("--jobs", "-j", default=None, help="pass -j N to cslint")
    p.add_argument("--keep", type=Path, metavar="DIR", help="write the library to DIR and keep it (no measurement)")
    p.add_argument("--repos", type=Path, default=REPOS, help="the shared macro libraries")
    p.add_argument("extra", nargs="*", help="more options for 'cslint audit' (after --)")
    args = p.parse_args(argv)
    if not args.repos.is_dir():
        print(f"benchmark skipped: no macro libraries at {args.repos}")
        return 0
    macros = synthesise(real_replies(args.repos), args.macros)
    if args.keep:
        write(macros, args.keep, one_file=args.one_file)
        print(f"{len(macros):,} macros written to {args.keep}")
        return 0
    with tempfile.TemporaryDirectory(prefix="cslint-audit-bench-") as tmp:
        work = Path(tmp)
        files = write(macros, work / "library", one_file=args.one_file)
        size = sum(f.stat().st_size for f in files)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CSLINT_CACHE_DIR": str(work / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        jobs = ["-j", args.jobs] if args.jobs else []
        command = [sys.executable, "-m", "cslint", "audit", "--isolated", *jobs, *args.extra, "library"]
        m = measure(command, work, env, args.runs)
        print(f"cslint audit: {len(macros):,} macros in {len(files)} file(s), {size / 1e6:.1f} MB; {os.cpu_count()} cores; "
              f"Python {sys.version.split()[0]}; {args.runs} run(s)")
        print(f"wall {m.seconds:.2f} s (median), CPU {m.cpu_seconds or 0:.2f} s, peak {m.peak_mb or 0:.0f} MB "
              f"(the largest process), exit status {m.returncode}")
        report = subprocess.run([*command, "--format", "json"], cwd=work, env=env, capture_output=True, text=True)
        if report.returncode == 0:
            found = json.loads(report.stdout)
            links = sum(len(c["links"]) for c in found["near_duplicates"])
            print(f"{found['findings']:,} findings; {links} near-duplicates in {len(found['near_duplicates'])} clusters "
                  f"({sum('(copy)' in m['title'] for m in macros)} copies planted, one word or sentence apart: "
                  "a copy of a short macro is under the 90% threshold)")
        return 0 if m.returncode == 0 and report.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
