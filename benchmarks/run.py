"""cslint's benchmark: ``python benchmarks/run.py [--quick]``.

Builds the inputs from ``../shared/corpus/`` (skipping cleanly where it is absent), runs
cslint on each as a fresh process, and prints wall time (median of several runs), replies
per second, MB per second and peak memory. When proselint is installed beside cslint it
runs on the same text inputs in the same run, so the ratio holds on a noisy machine.
It installs nothing. ``--quick`` runs a small slice once (the test suite uses it).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import Input, load  # noqa: E402
from measure import Measure, measure, side_by_side  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FAILED = "a cslint run failed (exit status 2); run it by hand to see why"


def cslint_command(item: Input, rules: Path | None = None) -> list[str]:
    """cslint on one input; with ``rules``, only the rule files of that folder."""
    chosen = ["--no-default-rules", "--rules", str(rules)] if rules is not None else []
    return [sys.executable, "-m", "cslint", "--exit-zero", "--quiet", *chosen, *item.options, *item.paths]


def proselint() -> str | None:
    """proselint beside this Python (a virtualenv) or on PATH."""
    here = Path(sys.executable).parent
    return shutil.which("proselint", path=os.pathsep.join([str(here), os.environ.get("PATH", "")]))


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"


def table(header: Sequence[str], rows: list[list[str]]) -> str:
    """A Markdown table (docs/performance.md keeps it as printed)."""
    widths = [max(len(r[i]) for r in [list(header), *rows]) for i in range(len(header))]
    rule = "|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|"
    return "\n".join([_row(header, widths), rule, *(_row(r, widths) for r in rows)])


def _cells(item: Input, m: Measure) -> list[str]:
    mb = item.size / 1e6
    peak = f"{m.peak_mb:.0f}" if m.peak_mb is not None else "n/a"
    return [item.name, f"{item.replies:,}", f"{mb:.2f}", f"{m.seconds:.3f}",
            f"{item.replies / m.seconds:,.0f}", f"{mb / m.seconds:.1f}", peak, f"{m.lines:,}"]


def _change(before: float | None, after: float | None) -> str:
    return f"{after / before - 1:+.1%}" if before and after is not None else "n/a"


def _compare(items: Sequence[Input], work: Path, envs: tuple[dict[str, str], dict[str, str]],
             rules: Path | None, runs: int) -> bool:
    """Print the side-by-side table of two checkouts; True when a run failed."""
    rows = []
    failed = False
    for item in items:
        command = cslint_command(item, rules)
        old, new = side_by_side([(command, envs[0]), (command, envs[1])], work, runs)
        failed |= old.returncode != 0 or new.returncode != 0
        rows.append([item.name, f"{old.seconds:.3f}", f"{new.seconds:.3f}", _change(old.seconds, new.seconds),
                     f"{old.cpu_seconds or 0:.3f}", f"{new.cpu_seconds or 0:.3f}",
                     _change(old.cpu_seconds, new.cpu_seconds), "yes" if old.output == new.output else "no"])
    print(table(["input", "before s", "after s", "change", "before CPU s", "after CPU s", "CPU change",
                 "same findings"], rows))
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a small slice, one run each (for CI)")
    p.add_argument("--runs", type=int, help="measured runs per input (default: 5, quick: 1)")
    p.add_argument("--corpus", type=Path, default=CORPUS, help="the shared reply corpus folder")
    p.add_argument("--no-proselint", action="store_true", help="do not run proselint even when installed")
    p.add_argument("--big", type=int, metavar="MB", help="also stream a JSON Lines export of about this many MB")
    p.add_argument("--against", type=Path, metavar="CHECKOUT",
                   help="also run the cslint of another checkout, taking turns run by run, and compare")
    p.add_argument("--rules", type=Path, metavar="DIR",
                   help="run with only the rule files of DIR (with --against: the same rules for both)")
    args = p.parse_args(argv)
    if not (args.corpus / "twcs.jsonl").is_file():
        print(f"benchmark skipped: no reply corpus at {args.corpus}")
        return 0
    runs = args.runs or (1 if args.quick else 5)
    other = None if args.no_proselint else proselint()
    failed = False
    with tempfile.TemporaryDirectory(prefix="cslint-bench-") as tmp:
        work = Path(tmp)
        made = json.loads(subprocess.run(
            [sys.executable, str(Path(__file__).with_name("inputs.py")), str(args.corpus), tmp,
             *(["--quick"] if args.quick else []), *(["--big", str(args.big)] if args.big else [])],
            check=True, capture_output=True, text=True).stdout)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CSLINT_CACHE_DIR": str(work / "cache")}
        env.pop("CI", None)
        # As on a user's machine: compiled bytecode is written once and reused. Without it
        # every run recompiles cslint's modules, a large part of a cold start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"cslint benchmark: {runs} run(s) per input, median wall time; {os.cpu_count()} cores; "
              f"Python {sys.version.split()[0]}")
        if args.against:
            before = {**env, "PYTHONPATH": str(args.against.resolve()), "CSLINT_CACHE_DIR": str(work / "cache-before")}
            if _compare([load(i) for i in made["inputs"]], work, (before, env), args.rules, runs):
                print(FAILED, file=sys.stderr)
                return 1
            return 0
        header = ["input", "replies", "MB", "cslint s", "replies/s", "MB/s", "peak MB", "findings"]
        if other:
            header += ["proselint s", "ratio"]
        rows = []
        for item in map(load, made["inputs"]):
            m = measure(cslint_command(item, args.rules), work, env, runs)
            failed |= m.returncode != 0
            cells = _cells(item, m)
            if other:
                if item.text:
                    theirs = measure([other, "check", *item.paths], work, env, runs)
                    cells += [f"{theirs.seconds:.3f}", f"{theirs.seconds / m.seconds:.1f}x"]
                else:
                    cells += ["", ""]
            rows.append(cells)
        print(table(header, rows))
        print()
        print("Scaling (10x the input should cost at most 11x the time):")
        for small, big in ([load(a), load(b)] for a, b in made["scaling"]):
            a = measure(cslint_command(small), work, env, runs)
            b = measure(cslint_command(big), work, env, runs)
            failed |= a.returncode != 0 or b.returncode != 0
            print(f"- {small.name}: {a.seconds:.3f} s; {big.name}: {b.seconds:.3f} s; "
                  f"{b.seconds / a.seconds:.1f}x the time for {big.size / small.size:.1f}x the input")
        if args.big:
            item = load(made["big"])
            m = measure(cslint_command(item), work, env, 1, warmup=False)
            failed |= m.returncode != 0
            print()
            print(table(header[:8], [_cells(item, m)]))
            (work / "big.jsonl").unlink()
    if failed:
        print(FAILED, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
