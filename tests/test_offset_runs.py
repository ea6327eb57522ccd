"""Offset maps kept as their runs (cslint.readers._located.Runs, Composed): every offset,
and where a file offset falls (``first_at``), are what the map written out offset by
offset gives, on random substitutions (HTML tags, entities, escapes)."""
from __future__ import annotations

from array import array
from bisect import bisect_left

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cslint.readers._located import Composed, Runs, spans_map


def written_out(start: int, pieces: list[tuple[int, int, int]], length: int, end: int) -> list[int]:
    """The map offset by offset, as cslint wrote it before it kept runs."""
    out: list[int] = []
    pos = 0
    for raw_start, raw_end, size in pieces:
        out.extend(range(start + pos, start + raw_start))
        out.extend([start + raw_start] * size)
        pos = raw_end
    out.extend(range(start + pos, end))
    del out[length:]
    out.append(end)
    return out


@st.composite
def substitutions(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, int]], int, int]:
    """A raw text's substitutions in order (a verbatim gap, then the raw span and how many
    characters it decodes to), where it starts, and the decoded length (sometimes less
    than the substitutions give, as a reader trims a text)."""
    start = draw(st.integers(0, 50))
    pieces = []
    pos = 0
    for gap, raw, size in draw(st.lists(st.tuples(st.integers(0, 4), st.integers(1, 6), st.integers(0, 2)), max_size=8)):
        pieces.append((pos + gap, pos + gap + raw, size))
        pos += gap + raw
    end = start + pos + draw(st.integers(0, 5))
    decoded = len(written_out(start, pieces, 10**6, end)) - 1
    return start, pieces, draw(st.integers(0, decoded)), end


@given(substitutions())
def test_runs_are_the_map_written_out(case: tuple[int, list[tuple[int, int, int]], int, int]) -> None:
    start, pieces, length, end = case
    expected = written_out(start, pieces, length, end)
    runs = spans_map(start, pieces, length, end)
    assert list(runs) == expected and len(runs) == len(expected)
    assert [runs[-k] for k in range(1, len(expected) + 1)] == [expected[-k] for k in range(1, len(expected) + 1)]
    for index in (len(expected), -len(expected) - 1):
        with pytest.raises(IndexError):
            runs[index]
    for offset in range(start - 2, end + 3):
        assert runs.first_at(offset) == bisect_left(expected, offset)


@given(substitutions(), substitutions())
def test_a_map_through_another_is_each_offset_through_both(outer_case: tuple[int, list[tuple[int, int, int]], int, int],
                                                           inner_case: tuple[int, list[tuple[int, int, int]], int, int]) -> None:
    """HTML inside a JSON string with escapes: the HTML map's offsets are offsets of the
    JSON string's text, which its own map (written out, or as runs) places in the file."""
    outer_list = written_out(*outer_case)
    _, pieces, length, _ = inner_case
    # (the inner map runs over the outer text: from 0 to the outer text's end)
    inner_length = min(length, len(outer_list) - 1)
    inner = Runs(0, [p for p in pieces if p[1] <= len(outer_list) - 1], inner_length, len(outer_list) - 1)
    expected = [outer_list[i] for i in inner]
    for outer in (array("q", outer_list), spans_map(*outer_case)):
        composed = Composed(outer, inner)
        assert list(composed) == expected
        for offset in range(outer_list[0] - 2, outer_list[-1] + 3):
            assert composed.first_at(offset) == bisect_left(expected, offset)
