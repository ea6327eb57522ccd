"""``template-syntax``: a placeholder or template tag that is not closed, or closes nothing.

"Hi {{ticket.requester.first_name}," is not a placeholder to any helpdesk: the customer
reads the braces. Neither is "{%customer.firstName" or "%{ticket.number". And a Liquid
block opened with "{% if ... %}" and never closed with "{% endif %}" makes the helpdesk
fail to render the macro, or print the tag.

Two readings find them, both in linear time:

- Masking (:mod:`cslint.engine.masking`) blanks every well-formed placeholder and tag,
  and code. What is left of a delimiter in the masked text (``{{``, ``}}``, ``{%``,
  ``%}``, ``%{name``, ``{!name``) belongs to no well-formed one.
- Liquid and Django block tags are paired in the reply as written: a block tag
  (:data:`BLOCKS`) with no end tag after it, or an end tag with no block open, is
  reported. Tags inside Markdown code (backticks, fences) are not read.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

import regex

from ..engine.masking import Prose
from .base import Check, Finding, Key

#: Liquid and Django/Jinja tags that open a block their ``end...`` tag closes (Shopify
#: Liquid reference, https://shopify.github.io/liquid/tags/; Django's built-in template
#: tags, https://docs.djangoproject.com/en/stable/ref/templates/builtins/).
BLOCKS = frozenset({"if", "unless", "case", "for", "capture", "comment", "raw", "tablerow", "block", "with",
                    "autoescape", "spaceless", "filter", "ifchanged", "verbatim", "blocktrans", "blocktranslate",
                    "macro", "call"})
#: A delimiter left in masked text, with what follows it up to a space or a brace.
_NAME = r"[\w.\[\]-]*"
_LEFT = regex.compile(rf"\{{\{{\{{?\s*{_NAME}\}}?|\{{{_NAME}\}}\}}\}}?|\}}\}}\}}?|\{{%{_NAME}|%\}}|%\{{[\w.]+|\{{![\w.]+")
_TAG = regex.compile(r"\{%-?\s*(?P<name>\w+)[^%]*?-?%\}")
_FENCE = regex.compile(r"^[ \t]*(?:```|~~~)", regex.MULTILINE)


class TemplateSyntax(Check):
    type_name = "template-syntax"
    keys: ClassVar[Mapping[str, Key]] = {}
    message_fields = frozenset({"match", "problem"})

    # No ``needs``: what a finding needs is in the reply as written, and declaring a
    # pattern on it would have the prefilter read every reply whose raw text differs from
    # its prose (each with a handle or a link) in full for this rule; the substring tests
    # below cost less.

    def find(self, prose: Prose) -> Iterator[Finding]:
        text = prose.text
        if any(d in text for d in ("{{", "}}", "{%", "%}", "%{", "{!")):
            for m in _LEFT.finditer(text):
                yield Finding(m.start(), m.end(), {"match": m.group(), "problem": _problem(m.group())})
        raw = prose.raw or text
        if "{%" in raw:
            yield from _unpaired(raw)


def _problem(left: str) -> str:
    if left.startswith(("}}", "%}")):
        return "closes nothing"
    if left.startswith("{") and left.endswith("}}") and not left.startswith("{{"):
        return "has one opening brace for two closing ones"
    return "is not closed"


def _unpaired(raw: str) -> Iterator[Finding]:
    """Block tags with no end tag, and end tags with no block open."""
    code = _code_spans(raw)
    open_blocks: list[regex.Match[str]] = []
    for m in _TAG.finditer(raw):
        if any(s <= m.start() < e for s, e in code):
            continue
        name = m.group("name").lower()
        if name in BLOCKS:
            open_blocks.append(m)
        elif name.startswith("end") and name[3:] in BLOCKS:
            if open_blocks and open_blocks[-1].group("name").lower() == name[3:]:
                open_blocks.pop()
            else:
                yield Finding(m.start(), m.end(), {"match": m.group(), "problem": "closes no open block"})
    for m in open_blocks:
        yield Finding(m.start(), m.end(), {"match": m.group(), "problem": f"has no {{% end{m.group('name').lower()} %}}"})


def _code_spans(raw: str) -> list[tuple[int, int]]:
    """Markdown code: fenced blocks and backtick spans, where a tag is an example."""
    spans: list[tuple[int, int]] = []
    fences = [m.start() for m in _FENCE.finditer(raw)] if "```" in raw or "~~~" in raw else []
    for a, b in zip(fences[::2], [*fences[1::2], len(raw)], strict=False):
        spans.append((a, b))
    if "`" in raw:
        spans.extend(m.span() for m in regex.finditer(r"`[^`\n]+`", raw))
    return spans
