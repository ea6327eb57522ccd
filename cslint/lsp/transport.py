"""What a hostile or broken client sends, made harmless before pygls handles it.

Standard input is bounded: pygls reads a header line, then as many bytes as ``Content-Length`` states, in one call.
A client that states a huge length would have the server ask for that much memory at
once, and a header line without an end would grow without bound. Here a header line is
cut at :data:`LINE`, a body is read in pieces, and a body over the limit is read to its
end and dropped: the server gets, in its place, a notification saying so
(:data:`TOO_LARGE`), reports it to the client, and reads the next message.

A request whose parameters do not fit its method is answered with an error
(:class:`Protocol`), as JSON-RPC requires: pygls only reports it, and the client would
wait for the answer forever.
"""
from __future__ import annotations

import json
from typing import Any, BinaryIO

from cattrs import transform_error
from cattrs.errors import ClassValidationError
from lsprotocol.types import ResponseError
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import JsonRPCNotification

#: The longest header line kept (``Content-Length: ...`` takes a few dozen bytes).
LINE = 8192
#: Bytes read at a time.
PIECE = 1 << 20
#: The method of the notification that stands in for a message over the limit.
TOO_LARGE = "$/cslint/messageTooLarge"
#: The method of the notification that stands in for a request already answered with an
#: error (the server does nothing with it).
ANSWERED = "$/cslint/answered"


class BoundedInput:
    """The ``readline`` and ``read`` pygls calls, over a binary stream, with a body of
    more than ``limit`` bytes replaced by a :data:`TOO_LARGE` notification."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.limit = limit

    def readline(self) -> bytes:
        return self.stream.readline(LINE)

    def read(self, size: int) -> bytes:
        """The next ``size`` bytes; none where the stream ends first (the client is gone,
        and the rest of its message with it)."""
        pieces: list[bytes] = []
        left = size
        while left > 0:
            piece = self.stream.read(min(left, PIECE))
            if not piece:
                return b""
            left -= len(piece)
            if size <= self.limit:
                pieces.append(piece)
        if size <= self.limit:
            return b"".join(pieces)
        notice = {"jsonrpc": "2.0", "method": TOO_LARGE, "params": {"size": size, "limit": self.limit}}
        return json.dumps(notice).encode()


class Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request it cannot read with the error that says why."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" not in data or "method" not in data:
                raise  # (a notification: pygls reports it with window/showMessage)
            cause = exc.__cause__
            why = "; ".join(transform_error(cause)) if isinstance(cause, ClassValidationError) else str(cause or "")
            message = f"{exc.message}: {why}" if why else exc.message
            self._send_response(data["id"], error=ResponseError(code=exc.code, message=message))
            return JsonRPCNotification(method=ANSWERED, jsonrpc="2.0", params=None)
