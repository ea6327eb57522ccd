"""``cslint lsp``: a language server, so editors show cslint's findings as the user types.

It needs the optional extra ``cslint[lsp]`` (pygls and lsprotocol); this module imports
neither until the server starts, so the command line without them says what to install.
See docs/editors.md.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

#: The packages of the extra; a missing one is a usage error naming the extra.
NEEDS = ("pygls", "lsprotocol", "cattrs")
#: Milliseconds without a change before a buffer is linted again, by default.
DEBOUNCE_MS = 250


def run_lsp(argv: Sequence[str], stdout: TextIO) -> int:
    """``cslint lsp [--stdio] [--debounce MS]``: serve on standard input and output."""
    from ..cli.errors import UsageError
    from ..cli.options import Parser

    p = Parser(prog="cslint lsp", description="Run the cslint language server on standard input and output.")
    p.add_argument("--stdio", action="store_true",
                   help="talk over standard input and output (the only transport; accepted because clients pass it)")
    p.add_argument("--debounce", type=int, default=DEBOUNCE_MS, metavar="MS",
                   help=f"milliseconds without a change before a buffer is linted again (default: {DEBOUNCE_MS})")
    args = p.parse_args(argv)
    if args.debounce < 0:
        raise UsageError("--debounce: must be 0 or more milliseconds")
    try:
        from .server import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in NEEDS:
            raise
        raise UsageError('cslint lsp needs the lsp extra: pip install "cslint[lsp]"') from None
    return serve(args.debounce / 1000)
