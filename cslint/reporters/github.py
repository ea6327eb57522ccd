"""``github``: GitHub Actions workflow commands, shown as annotations on a pull request.

Each finding is one ``::error``/``::warning``/``::notice`` line on standard output. The
runner parses ``:`` and ``,`` in parameters and line breaks anywhere, so values are
percent-escaped the way GitHub's own toolkit does.
"""
from __future__ import annotations

from ..diagnostic import Diagnostic
from .base import Reporter, printable_diagnostic
from .default import described

#: cslint severity -> workflow command.
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """
    >>> escape_data("50% off\\r\\nnow")
    '50%25 off%0D%0Anow'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """
    >>> escape_property("macros/a,b: c.yml")
    'macros/a%2Cb%3A c.yml'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    """
    >>> command(Diagnostic("r.txt", 2, 5, 2, 9, "CS301", "x", "empathy", "info", "Say sorry"))
    '::notice file=r.txt,line=2,col=5,endLine=2,endColumn=9,title=CS301::Say sorry'
    """
    params = {"file": d.path, "line": d.line, "col": d.column, "endLine": d.end_line, "endColumn": d.end_column, "title": d.code}
    if d.end_line != d.line:  # GitHub refuses columns on an annotation spanning lines
        del params["col"], params["endColumn"]
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in params.items())
    return f"::{COMMANDS[d.severity]} {props}::{escape_data(described(d))}"


class GithubReporter(Reporter):
    name = "github"

    def handle(self, diagnostic: Diagnostic) -> None:
        self.stream.write(command(printable_diagnostic(diagnostic)) + "\n")


REPORTER = GithubReporter
