"""Rule types: one module each, found through :data:`BUILTIN`; plugins add more through the
``cslint.rules`` entry-point group (see :mod:`cslint.rulefiles.plugins`). Library rule
types (:mod:`.library`) judge a whole macro library instead of one reply."""
from __future__ import annotations

from .base import Check, Finding, Key, Needs
from .capitals import Capitals
from .duplicates import NearDuplicate
from .fields import EmptyField
from .library import LibraryCheck, Observation, Observed, Verdict
from .limit import Limit
from .metric import Metric
from .outliers import ToneOutlier
from .phrases import Phrases
from .placeholders import PlaceholderNames
from .requires import Requires
from .salutations import GreetingDrift
from .stretched import Stretched
from .substitution import Substitution
from .template_syntax import TemplateSyntax
from .terms import TermVariants

BUILTIN: dict[str, type[Check]] = {
    cls.type_name: cls
    for cls in (Phrases, Substitution, Requires, Limit, Capitals, Metric, Stretched, NearDuplicate, TermVariants,
                GreetingDrift, ToneOutlier, PlaceholderNames, TemplateSyntax, EmptyField)
}

__all__ = ["BUILTIN", "Check", "Finding", "Key", "LibraryCheck", "Needs", "Observation", "Observed", "Verdict"]
