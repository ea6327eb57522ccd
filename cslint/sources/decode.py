"""Bytes to text, refusing what is not text with a message that says where and why.

Files keep their encoding when ``--fix`` writes them back, so the decoder reports which
encoding (and byte-order mark) it found.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(Exception):
    """Not text cslint can read; ``line`` is 1-based where it is known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, given: str | None = None) -> Decoded:
    """The text of ``data``: by its byte-order mark, else in ``given`` (``--encoding``),
    else as UTF-8. Bytes that are not UTF-8 get a guess at the legacy encoding they may be
    in (a helpdesk export from Windows is often cp1252) and how to say so.

    >>> decode("café".encode()).text
    'café'
    >>> decode(codecs.BOM_UTF8 + b"hi")
    Decoded(text='hi', encoding='utf-8-sig')
    >>> decode("café".encode("cp1252"), "cp1252")
    Decoded(text='café', encoding='cp1252')
    >>> decode("café".encode("cp1252"))
    Traceback (most recent call last):
    ...
    cslint.sources.decode.DecodeError: not valid UTF-8 (byte 0xe9 at offset 3); it reads as cp1252 (Windows-1252, which includes Latin-1): pass --encoding cp1252, or encoding = "cp1252" in the configuration
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} text: {exc.reason}") from None
    if given is not None and codecs.lookup(given).name != "utf-8":
        try:
            return Decoded(data.decode(given), given)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise DecodeError(f"not valid {given} text (byte 0x{data[exc.start]:02x} at offset {exc.start})", line) from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DecodeError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}){legacy(data)}", line) from None


#: Legacy encodings a reply library is likely to be in when it is not UTF-8, in the order
#: tried, with how to name them to a user.
_LEGACY = (("cp1252", "cp1252 (Windows-1252, which includes Latin-1)"), ("latin-1", "Latin-1 (ISO-8859-1)"))


def legacy(data: bytes) -> str:
    """A hint naming the first legacy encoding the bytes read in, and how to pass it.
    (Latin-1 reads any bytes: it is the guess when cp1252 cannot be.)"""
    for encoding, name in _LEGACY:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return f"; it reads as {name}: pass --encoding {encoding}, or encoding = \"{encoding}\" in the configuration"
    return ""
