"""``cslint serve``: a local web page where agents see cslint's findings as they type a
reply, with one click to apply a fix (docs/serve.md).

``command`` parses the options and starts the server, ``server`` speaks HTTP and serves
the files in ``static/``, and ``app`` answers the page's JSON requests through the same
API and fix machinery as the command line. Only the standard library is used.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO


def run_serve(argv: Sequence[str], stdout: TextIO) -> int:
    """The subcommand; the HTTP server is imported only when it runs (a lint run's cold
    start does not pay for it)."""
    from .command import main

    return main(argv, stdout)
