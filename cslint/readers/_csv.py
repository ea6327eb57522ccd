"""CSV rows whose fields remember their file offsets.

The ``csv`` module cannot say where a field stood, and a quoted field may span lines and
hold doubled quotes. This scanner matches one field per regex step. It accepts what
spreadsheets write: RFC 4180 quoting, CRLF or LF line ends, and a comma, semicolon or tab
delimiter, guessed from the header line.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ._located import Located, spans_map

_DELIMITERS = (",", ";", "\t")


class CsvError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class CsvStr(Located):
    """A field; ``start``/``end`` span its content (from just inside the opening quote
    when quoted). ``quoted`` is the raw text between the quotes, or None; like the ``csv``
    module, text after a closing quote (a stray quote mid-field) is kept literally."""

    quoted: str | None

    def _origin(self) -> int | Sequence[int]:
        if self.quoted is None:
            return self.start
        inner = self.quoted
        pieces = [(m.start(), m.end(), 1) for m in re.finditer('""', inner)]
        pieces.append((len(inner), len(inner) + 1, 0))  # the closing quote
        return spans_map(self.start, pieces, len(self), self.end)

    def escape(self, text: str) -> str:
        return text.replace('"', '""') if self.quoted is not None else text


def delimiter(text: str, default: str = ",") -> str:
    """The delimiter used most on the first line.

    >>> delimiter("id;title;body\\n1;a;b"), delimiter("x")
    (';', ',')
    """
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else default


def rows(text: str, sep: str) -> Iterator[tuple[int, list[CsvStr]]]:
    """Each record's start offset and fields. Raises :class:`CsvError` on a quote that
    never closes.

    >>> [(at, [str(f) for f in fs]) for at, fs in rows('a,"b ""c"" ok",d\\r\\n"x\\ny",z', ",")]
    [(0, ['a', 'b "c" ok', 'd']), (18, ['x\\ny', 'z'])]
    """
    d = re.escape(sep)
    # Possessive, so that a quoted field costs no memory per character: the standard
    # library's matcher keeps a backtracking record for each repetition of a group it may
    # have to give back, about 130 bytes a character (a 32 MB field needed 3.4 GB).
    field = re.compile(rf'"((?:[^"]++|"")*+)"|([^{d}\r\n]*)')
    trailer = re.compile(rf"[^{d}\r\n]*")
    after = re.compile(rf"{d}|\r\n|\r|\n|\Z")
    pos, n = 0, len(text)
    while pos < n:
        record_start = pos
        fields: list[CsvStr] = []
        while True:
            m = field.match(text, pos)
            assert m is not None  # the unquoted branch matches the empty string
            if m.group(2) is None:
                close = m.end(1)
            elif text.startswith('"', pos):
                # The quotes pair up to the end of the file. As a backtracking match
                # would, give back the last doubled quote and close the field on it (the
                # csv module is as lenient), if there is one.
                close = text.rfind('"') - 1
                if close <= pos:
                    raise CsvError("a quoted field never closes", pos)
            else:
                close = -1
            if close >= 0:
                inner = text[pos + 1 : close]
                end = trailer.match(text, close + 1).end()  # type: ignore[union-attr]
                f = CsvStr(inner.replace('""', '"') + text[close + 1 : end], pos + 1, end)
                f.quoted = inner
            else:
                end = m.end(2)
                f = CsvStr(m.group(2), pos, end)
                f.quoted = None
            fields.append(f)
            sep_match = after.match(text, end)
            assert sep_match is not None  # a field stops only at a delimiter or line end
            pos = sep_match.end()
            if sep_match.group() != sep:
                break
        yield record_start, fields
