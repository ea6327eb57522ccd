"""One finding per problem: a rule that yields to another is silent where the other reports.

Related rules look at one problem from different sides: "the customer complained and the
reply never apologises" (read from the customer's message) and "the reply names a fault
and never apologises" (read from the reply) both fire on a reply that ignores a reported
crash. A rule file says ``yields-to: [CS301]``: its findings are dropped where one of
those rules reports within the same reply (``yields-within: reply``, the default), the
same sentence, or an overlapping span. Rules yield in order, the ones yielded to first,
so a finding that was itself dropped silences nothing (load time refuses a cycle).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from ..checks import sentences


class Found(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def code(self) -> str: ...


F = TypeVar("F", bound=Found)


#: code -> (the codes it yields to, the scope: reply, sentence or span)
Yields = Mapping[str, tuple[tuple[str, ...], str]]


def order(yields: Yields) -> list[str]:
    """The yielding codes, each after every yielding code it yields to.

    >>> order({"CS305": (("CS301",), "reply"), "CS301": (("CS304",), "reply")})
    ['CS301', 'CS305']
    """
    done: dict[str, None] = {}

    def visit(code: str, path: tuple[str, ...]) -> None:
        if code in done or code not in yields:
            return
        if code in path:
            raise ValueError(" -> ".join((*path[path.index(code):], code)))
        for other in yields[code][0]:
            visit(other, (*path, code))
        done[code] = None

    for code in yields:
        visit(code, ())
    return list(done)


def resolve(found: Sequence[F], yields: Yields, ordered: Iterable[str], text: str) -> list[F]:
    """``found`` without the findings of rules that yield to one reporting in scope."""
    present = {f.code for f in found}
    kept = list(found)
    for code in ordered:
        if code not in present:
            continue
        others, within = yields[code]
        theirs = [f for f in kept if f.code in others]
        if not theirs:
            continue
        if within == "reply":
            kept = [f for f in kept if f.code != code]
        elif within == "span":
            kept = [f for f in kept if f.code != code or not any(o.start < f.end and f.start < o.end for o in theirs)]
        else:
            taken = {sentences.around(text, o.start) for o in theirs}
            kept = [f for f in kept if f.code != code or sentences.around(text, f.start) not in taken]
        present = {f.code for f in kept}
    return kept
