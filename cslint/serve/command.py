"""``cslint serve [--host HOST] [--port PORT] [options]``: start the page's server, print
its address, and serve until interrupted."""
from __future__ import annotations

import argparse
import ipaddress
import sys
from collections.abc import Sequence
from typing import TextIO

from ..api import linter_for
from ..cli.errors import UsageError
from ..cli.options import Parser, add_configuration, add_selection
from ..cli.run import check_prefixes, configurations
from ..rulefiles.load import load_rules
from .app import App
from .server import Server

DEFAULT_PORT = 8765


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535, not {value!r}")
    return int(value)


def parser() -> Parser:
    p = Parser(prog="cslint serve", description="Serve a local web page that checks replies as they are typed.",
               epilog="Nothing typed in the page is logged or stored. See docs/serve.md.")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for a team server: "
                        "anyone who reaches the port can use it)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port to listen on; 0 picks a free one (default: {DEFAULT_PORT})")
    add_selection(p)
    add_configuration(p)
    # (the lint options that mean nothing to the page, for cli.run.configurations)
    p.set_defaults(fail_level=None, min_severity=None, encoding=None, format=None, force_exclude=None)
    return p


def main(argv: Sequence[str], stdout: TextIO) -> int:
    args = parser().parse_args(argv)
    config = configurations(args)(".")  # the configuration a lint run of this folder uses
    check_prefixes(args, load_rules(config))  # (as a lint run names the option)
    linter_for(config)  # a bad rule file or setting stops it here, not on the first request
    try:
        server = Server(args.host, args.port, App(config))
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host} port {args.port}: {exc.strerror or exc}") from None
    with server:
        try:  # (Ctrl+C is how it stops: from the moment the address is out, it is no error)
            if not _loopback(server.host):
                print(f"cslint serve: warning: listening on {args.host}, not only on this machine: anyone who can "
                      f"reach port {server.port} can use the page (there is no login; see docs/serve.md)", file=sys.stderr)
            stdout.write(f"cslint serve: {server.url} (Ctrl+C stops it)\n")
            stdout.flush()
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def _loopback(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_loopback
