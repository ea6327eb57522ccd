"""``cslint audit``: a macro library as a support lead sees it.

The library is linted as one run with the library rules (CS8xx) on; the result is an
:class:`~cslint.audit.model.Audit` (macros, findings placed in their text, near-duplicate
clusters, term variants, files that could not be read), shown as a text summary, JSON or
one self-contained HTML page. :func:`audit_paths` is the Python entry point; the command
is :mod:`cslint.audit.command`.
"""
from __future__ import annotations

from .model import Audit, Cluster, Finding, Variant
from .run import audit_paths

__all__ = ["Audit", "Cluster", "Finding", "Variant", "audit_paths"]
