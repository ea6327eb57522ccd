"""Record cslint's findings on the shared real-world inputs, and compare two recordings.

A change that should not alter behaviour (a refactor, a speed-up) is checked by recording
before and after it and comparing the two, finding for finding:

    python scripts/compare_findings.py record /tmp/before      # on the old commit
    python scripts/compare_findings.py record /tmp/after       # on the new one
    python scripts/compare_findings.py compare /tmp/before /tmp/after

The inputs are ``../shared/corpus/twcs.jsonl``, every library in ``../shared/macro_repos/``
and the labelled replies of ``../shared/eval/`` (each written to its own file, with the
customer's message quoted below it, as the scorer does; for these only counts are
compared, since half of them are the check half, which is scored and never read). Each
recording is cslint's
``--format json`` output, run as a fresh process from this checkout. Exits 0 when the
recordings agree, 1 when they differ; skips cleanly (exit 0) when ``../shared`` is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _labelled_replies(folder: Path) -> None:
    """One file per labelled reply that carries its text, named by its id."""
    for labels in sorted((SHARED / "eval").glob("*.jsonl")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if not row or "text" not in row:
                continue
            context = (row.get("context") or "").strip()
            body = row["text"]
            if context:
                quoted = "\n".join("> " + part if part else ">" for part in context.splitlines())
                body += f"\n\nOn Mon, 1 Jan 2018, Customer <customer@example.com> wrote:\n{quoted}\n"
            (folder / f"{labels.stem}-{row['id']}.txt").write_text(body, encoding="utf-8")


def _inputs(scratch: Path) -> Iterator[tuple[str, Path]]:
    yield "twcs", SHARED / "corpus" / "twcs.jsonl"
    for repo in sorted((SHARED / "macro_repos").iterdir()):
        if repo.is_dir():
            yield f"macro_repos-{repo.name}", repo
    labelled = scratch / "labelled"
    labelled.mkdir()
    _labelled_replies(labelled)
    yield "labelled", labelled


def record(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in _inputs(Path(tmp)):
            proc = subprocess.run(
                [sys.executable, "-m", "cslint", "--exit-zero", "--format", "json", str(path)],
                capture_output=True, text=True, env=env, cwd=tmp,
            )
            if proc.returncode != 0:
                print(f"{name}: cslint exited {proc.returncode}\n{proc.stderr[-2000:]}", file=sys.stderr)
                return 2
            findings = json.loads(proc.stdout)
            for f in findings:
                f["path"] = os.path.relpath(f["path"], path if path.is_dir() else path.parent)
            (out / f"{name}.json").write_text(json.dumps(findings, indent=0, sort_keys=True) + "\n", encoding="utf-8")
            print(f"{name}: {len(findings)} findings")
    return 0


def _key(f: dict) -> str:
    return json.dumps(f, sort_keys=True)


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differs = False
    for name in names:
        old = json.loads((before / name).read_text()) if (before / name).exists() else []
        new = json.loads((after / name).read_text()) if (after / name).exists() else []
        if old == new:
            print(f"{name}: same ({len(old)} findings)")
            continue
        differs = True
        gone = sorted({_key(f) for f in old} - {_key(f) for f in new})
        added = sorted({_key(f) for f in new} - {_key(f) for f in old})
        print(f"{name}: {len(old)} -> {len(new)} findings, {len(gone)} gone, {len(added)} new"
              + ("" if gone or added else " (same set, other order)"))
        if name == "labelled.json":
            continue  # counts only: half of these replies are the scorer's check half, never read
        for sign, rows in (("-", gone), ("+", added)):
            for row in rows[:10]:
                print(f"  {sign} {row}")
    return 1 if differs else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("record").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"compare_findings: {SHARED} is absent; nothing to record", file=sys.stderr)
        return 0
    if args.command == "record":
        return record(args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
