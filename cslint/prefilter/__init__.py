"""Speed machinery that never changes a result: where each rule can find something.

A rule type declares what its findings need to match (:meth:`cslint.checks.base.Check.needs`),
as compiled patterns; the prefilter knows regular expressions only, and derives the rest:

- :mod:`.literals` reads from a pattern's source the literal starts every match begins
  with and the literals (factors) every match holds, and how a text is folded to find them;
- :mod:`.wordtrie` and :mod:`.chartrie` find those starts in a text, a word or a character
  at a time (:mod:`.behind` the places after a look-behind's endings, for a branch with no
  start), and :mod:`.index` holds the starts and factors of many patterns, so that one
  scan of a reply serves every rule (:mod:`.candidates`: what a scan reports);
- :mod:`.plan` decides from that scan which rules to run on a reply;
- :mod:`.pattern` is what a rule's compiled phrase entries are: the alternation, tried
  only where the scan says it can start; :mod:`.phraseset` does the same for lists of
  thousands of phrases, by their first word;
- :mod:`.ascii_twin` runs a Unicode pattern with the standard library's faster engine on
  a text where that means the same; :mod:`.memo` remembers per-word results.

Each of them only ever narrows where a pattern is tried to places that include every
match: the findings are those of running every rule's plain pattern on every reply,
which the tests check against the ``regex`` module on generated patterns and texts.
"""
