"""``junit``: a JUnit XML report, which GitLab, Jenkins and Azure show as test results.

One test suite for the run. Every finding is a failed test case named by its position and
code; every file read without findings is a passing test case, so the report also says
how many files were checked.
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

import regex

from ..sources.document import SourceFile
from .base import DocumentReporter, printable, printable_diagnostic
from .default import described, line

#: Characters XML 1.0 cannot carry even escaped (control characters from a reply).
_NOT_XML = regex.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(DocumentReporter):
    name = "junit"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._files: list[str] = []

    def start(self, source: SourceFile) -> None:
        super().start(source)
        self._files.append(printable(source.path))

    def finish(self) -> None:
        diagnostics = [printable_diagnostic(d) for d in self.diagnostics]
        flagged = {d.path for d in diagnostics}
        suite = ET.Element("testsuite", name="cslint")
        for path in self._files:
            if path not in flagged:
                ET.SubElement(suite, "testcase", classname=_xml(path), name="no problems", file=_xml(path))
        for d in diagnostics:
            case = ET.SubElement(
                suite, "testcase", classname=_xml(d.path), name=f"{d.line}:{d.column} {d.code}", file=_xml(d.path), line=str(d.line),
            )
            failure = ET.SubElement(case, "failure", message=_xml(described(d)), type=d.code)
            failure.text = _xml(line(d))
        tests = str(len(suite))
        suite.set("tests", tests)
        suite.set("failures", str(len(self.diagnostics)))
        suite.set("errors", "0")
        root = ET.Element("testsuites", name="cslint", tests=tests, failures=str(len(self.diagnostics)), errors="0")
        root.append(suite)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


REPORTER = JunitReporter
