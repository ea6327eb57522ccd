"""Unified diffs of fixed files, for ``--diff``: what ``git apply`` and reviewers read."""
from __future__ import annotations

import difflib
from collections.abc import Iterator


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """The change from ``before`` to ``after`` as a unified diff (``a/path`` to ``b/path``).

    >>> print(unified_diff("Hi\\nutilize it\\n", "Hi\\nuse it\\n", "r.txt"), end="")
    --- a/r.txt
    +++ b/r.txt
    @@ -1,2 +1,2 @@
     Hi
    -utilize it
    +use it
    """
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(old) == len(new):  # fixes stayed within their lines: compare line by line
        lines = _aligned_diff(old, new, f"a/{path}", f"b/{path}", context)
    else:  # difflib is quadratic on many scattered changes, so only for the rare case
        lines = difflib.unified_diff(old, new, fromfile=f"a/{path}", tofile=f"b/{path}", n=context)
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _aligned_diff(before: list[str], after: list[str], old: str, new: str, context: int) -> Iterator[str]:
    """A unified diff of two texts with the same number of lines, line i against line i,
    in the hunk layout ``difflib.unified_diff`` uses.

    >>> print("".join(_aligned_diff(["a\\n", "b\\n", "c\\n"], ["a\\n", "B\\n", "c\\n"], "x", "y", 1)), end="")
    --- x
    +++ y
    @@ -1,3 +1,3 @@
     a
    -b
    +B
     c
    """
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    if not changed:
        return
    yield f"--- {old}\n"
    yield f"+++ {new}\n"
    groups: list[list[int]] = []
    for i in changed:
        if groups and i - groups[-1][-1] - 1 <= 2 * context:  # the unchanged lines between
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        start, stop = max(0, group[0] - context), min(len(before), group[-1] + context + 1)
        span = f"{start + 1},{stop - start}" if stop - start != 1 else f"{start + 1}"
        yield f"@@ -{span} +{span} @@\n"
        i = start
        while i < stop:
            if before[i] == after[i]:
                yield f" {before[i]}"
                i += 1
                continue
            run = i
            while run < stop and before[run] != after[run]:
                run += 1
            yield from (f"-{line}" for line in before[i:run])
            yield from (f"+{line}" for line in after[i:run])
            i = run
