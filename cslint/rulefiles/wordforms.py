"""The forms of a word that a word class matches: inflections, spellings, contractions.

A word class lists each word once, in one spelling and (marked ``~``) one form; this
module supplies the rest, so that no class repeats "apologise / apologize / apologies /
apologising" by hand. Every rule here may also produce strings that are not English
words ("apologied", "errour"): they never occur in a reply, so they cost a few bytes of
pattern and never a false match. What a rule must never do is turn a word into another
real word ("floor" into "flour", "filled" into "filed"): those cases are excluded below.

The facts are those of any English grammar and of the British / American spelling
correspondences (Oxford English Dictionary, "-ise or -ize"; Merriam-Webster, "British vs.
American spelling"): -ise/-ize and -yse/-yze, -our/-or, -elled/-eled, -tre/-ter,
-ogue/-og, and the standard contractions.
"""
from __future__ import annotations

import regex

#: Irregular verbs: base form -> its other forms. Words built on one with a prefix
#: ("misunderstand", "overpay") are found through :data:`_PREFIXES`.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("is", "are", "was", "were", "been", "being", "am"),
    "begin": ("began", "begun", "begins", "beginning"),
    "break": ("broke", "broken", "breaks", "breaking"),
    "bring": ("brought", "brings", "bringing"),
    "build": ("built", "builds", "building"),
    "buy": ("bought", "buys", "buying"),
    "catch": ("caught", "catches", "catching"),
    "choose": ("chose", "chosen", "chooses", "choosing"),
    "come": ("came", "comes", "coming"),
    "cut": ("cuts", "cutting"),
    "deal": ("dealt", "deals", "dealing"),
    "do": ("did", "done", "does", "doing"),
    "draw": ("drew", "drawn", "draws", "drawing"),
    "fall": ("fell", "fallen", "falls", "falling"),
    "feel": ("felt", "feels", "feeling"),
    "find": ("found", "finds", "finding"),
    "fly": ("flew", "flown", "flies", "flying"),
    "forget": ("forgot", "forgotten", "forgets", "forgetting"),
    "freeze": ("froze", "frozen", "freezes", "freezing"),
    "get": ("got", "gotten", "gets", "getting"),
    "give": ("gave", "given", "gives", "giving"),
    "go": ("went", "gone", "goes", "going"),
    "have": ("has", "had", "having"),
    "hear": ("heard", "hears", "hearing"),
    "hold": ("held", "holds", "holding"),
    "hurt": ("hurts", "hurting"),
    "keep": ("kept", "keeps", "keeping"),
    "know": ("knew", "known", "knows", "knowing"),
    "lead": ("led", "leads", "leading"),
    "leave": ("left", "leaves", "leaving"),
    "let": ("lets", "letting"),
    "lose": ("lost", "loses", "losing"),
    "make": ("made", "makes", "making"),
    "mean": ("meant", "means", "meaning"),
    "pay": ("paid", "pays", "paying"),
    "put": ("puts", "putting"),
    "read": ("reads", "reading"),
    "run": ("ran", "runs", "running"),
    "say": ("said", "says", "saying"),
    "see": ("saw", "seen", "sees", "seeing"),
    "sell": ("sold", "sells", "selling"),
    "send": ("sent", "sends", "sending"),
    "set": ("sets", "setting"),
    "show": ("showed", "shown", "shows", "showing"),
    "shut": ("shuts", "shutting"),
    "speak": ("spoke", "spoken", "speaks", "speaking"),
    "spend": ("spent", "spends", "spending"),
    "stand": ("stood", "stands", "standing"),
    "steal": ("stole", "stolen", "steals", "stealing"),
    "take": ("took", "taken", "takes", "taking"),
    "teach": ("taught", "teaches", "teaching"),
    "tell": ("told", "tells", "telling"),
    "think": ("thought", "thinks", "thinking"),
    "understand": ("understood", "understands", "understanding"),
    "write": ("wrote", "written", "writes", "writing"),
}
_PREFIXES = ("mis", "over", "under", "re", "un", "with", "for")
_VOWELS = "aeiou"

#: Spellings that no suffix rule covers (British, American), matched as whole words.
_PAIRS: tuple[tuple[str, str], ...] = (
    ("licence", "license"), ("defence", "defense"), ("offence", "offense"), ("practise", "practice"),
    ("grey", "gray"), ("enquiry", "inquiry"), ("enquire", "inquire"), ("cheque", "check"),
    ("judgement", "judgment"), ("acknowledgement", "acknowledgment"), ("programme", "program"),
    ("enrol", "enroll"), ("fulfil", "fulfill"), ("instalment", "installment"), ("ageing", "aging"),
    ("mould", "mold"), ("sceptical", "skeptical"), ("jewellery", "jewelry"), ("aluminium", "aluminum"),
)
_PAIRED = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}
# ("cheque" -> "check" only: "check" is mostly the verb, and must not become "cheque".)
del _PAIRED["check"]

# Suffix correspondences: (pattern, replacement) each way. Stems are long enough that a
# short word ("rise", "four", "hour", "door") is left alone.
_SPELLINGS: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(p), r)
    for p, r in (
        (r"^(.{4,}[iy])s(e|es|ed|ing|ation|ations|er|ers|able)$", r"\1z\2"),
        (r"^(.{4,}[iy])z(e|es|ed|ing|ation|ations|er|ers|able)$", r"\1s\2"),
        (r"^(.{3,})our(s|ed|ing|able|ably|ite|ites|ful|less|er|ers)?$", r"\1or\2"),
        (r"^(.{2,}[^o])or(s|ed|ing|able|ably|ite|ites|ful|less)?$", r"\1our\2"),
        (r"^(.+e)ll(ed|ing|er|ers|or|ors)$", r"\1l\2"),
        (r"^(.*[^e]e)l(ed|ing|er|ers|or|ors)$", r"\1ll\2"),
        (r"^(.{3,})tre(s|d)?$", r"\1ter\2"),
        (r"^(.{3,}[na])ter(s)?$", r"\1tre\2"),
        (r"^(.{3,})ogue(s)?$", r"\1og\2"),
        (r"^(.{3,}l)og(s)?$", r"\1ogue\2"),
    )
)

#: Spelled-out pairs and their contraction. A contraction with "not" is also matched
#: without its apostrophe ("dont"), as customers and agents write it; the others are not,
#: since "were", "well", "its" and "ill" are words of their own.
_CONTRACTIONS: dict[tuple[str, str], str] = {
    ("i", "am"): "i'm", ("we", "are"): "we're", ("you", "are"): "you're", ("they", "are"): "they're",
    ("it", "is"): "it's", ("that", "is"): "that's", ("there", "is"): "there's", ("here", "is"): "here's",
    ("what", "is"): "what's", ("who", "is"): "who's", ("he", "is"): "he's", ("she", "is"): "she's",
    ("i", "have"): "i've", ("we", "have"): "we've", ("you", "have"): "you've", ("they", "have"): "they've",
    ("i", "will"): "i'll", ("we", "will"): "we'll", ("you", "will"): "you'll", ("they", "will"): "they'll",
    ("it", "will"): "it'll", ("that", "will"): "that'll",
    ("i", "would"): "i'd", ("we", "would"): "we'd", ("you", "would"): "you'd", ("they", "would"): "they'd",
    ("is", "not"): "isn't", ("are", "not"): "aren't", ("was", "not"): "wasn't", ("were", "not"): "weren't",
    ("do", "not"): "don't", ("does", "not"): "doesn't", ("did", "not"): "didn't",
    ("have", "not"): "haven't", ("has", "not"): "hasn't", ("had", "not"): "hadn't",
    ("will", "not"): "won't", ("would", "not"): "wouldn't", ("could", "not"): "couldn't",
    ("should", "not"): "shouldn't", ("can", "not"): "can't", ("must", "not"): "mustn't",
    ("need", "not"): "needn't", ("let", "us"): "let's",
}
_EXPANDED = {v: k for k, v in _CONTRACTIONS.items()}


def _double_final(word: str) -> bool:
    """Whether the last consonant may double before -ed/-ing ("stop", "ship", "cancel"):
    consonant, vowel, consonant. Both forms are kept where stress decides ("opened")."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def inflections(word: str) -> set[str]:
    """The word and its inflected forms: plural or third person, past, participles, -ing.

    >>> sorted(inflections("apology"))
    ['apologied', 'apologies', 'apology', 'apologying']
    >>> sorted(inflections("lose"))
    ['lose', 'losed', 'loses', 'losing', 'lost']
    """
    lower = word.lower()
    forms = {word}
    for base, irregular in _IRREGULAR.items():
        prefix = lower[: len(lower) - len(base)]
        if lower.endswith(base) and (not prefix or prefix in _PREFIXES):
            forms.update(prefix + f for f in irregular)
    last, before = lower[-1:], lower[-2:-1]
    sibilant = lower.endswith(("s", "x", "z", "ch", "sh", "o"))
    if sibilant:
        forms.add(word + "es")
    if last == "y" and before not in _VOWELS:
        forms.update({word[:-1] + "ies", word[:-1] + "ied", word + "ing"})
    elif lower.endswith("ie"):
        forms.update({word + "s", word + "d", word[:-2] + "ying"})
    elif last == "e":
        forms.update({word + "s", word + "d"})
        forms.add(word + "ing" if lower.endswith(("ee", "ye", "oe")) else word[:-1] + "ing")
    elif last == "c":
        forms.update({word + "s", word + "ked", word + "king"})
    else:
        forms.update({word + "ed", word + "ing"} | (set() if sibilant and last != "o" else {word + "s"}))
        if _double_final(lower):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


def spellings(word: str) -> set[str]:
    """The word in British and American spelling.

    >>> sorted(spellings("apologising"))
    ['apologising', 'apologizing']
    >>> sorted(spellings("cancelled"))
    ['canceled', 'cancelled']
    >>> sorted(spellings("floor")), sorted(spellings("four"))
    (['floor'], ['four'])
    """
    lower = word.lower()
    forms = {word}
    paired = _PAIRED.get(lower)
    if paired:
        forms.add(_same_case(paired, word))
    for pattern, replacement in _SPELLINGS:
        if pattern.match(lower):
            forms.add(_same_case(pattern.sub(replacement, lower), word))
    return forms


def contraction(first: str, second: str) -> str | None:
    """The contraction of two words ("we", "are" -> "we're"), or None."""
    found = _CONTRACTIONS.get((first.lower(), second.lower()))
    return None if found is None else _same_case(found, first)


def contracted_forms(word: str) -> set[str] | None:
    """Every way to write a contraction or "cannot", or None for another word.

    >>> sorted(contracted_forms("can't"))
    ['can not', "can't", 'cannot', 'cant']
    >>> sorted(contracted_forms("we're"))
    ['we are', "we're"]
    """
    lower = word.lower().replace("’", "'")
    if lower in ("cannot", "can't"):
        return {_same_case(f, word) for f in ("can't", "cannot", "can not", "cant")}
    pair = _EXPANDED.get(lower)
    if pair is None:
        return None
    forms = {_same_case(lower, word), _same_case(" ".join(pair), word)}
    if lower.endswith("n't"):
        forms.add(_same_case(lower.replace("'", ""), word))
    return forms


def _same_case(form: str, like: str) -> str:
    """``form`` with the first letter capitalised as in ``like`` ("I" stays "I")."""
    if form.startswith("i") and (form == "i" or form[1:2] in (" ", "'")):
        return "I" + form[1:]
    return form[:1].upper() + form[1:] if like[:1].isupper() else form
