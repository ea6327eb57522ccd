"""The subcommands about rules: ``cslint rules``, ``cslint rule CODE`` and
``cslint check-rules DIR``; the language server, ``cslint lsp`` (:mod:`cslint.lsp`); and
the local web page, ``cslint serve`` (:mod:`cslint.serve`).
Each takes its own arguments and returns an exit status."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..lsp import run_lsp
from ..rulefiles.load import load_rules
from ..rulefiles.parse import RuleFileError
from ..serve import run_serve
from .errors import UsageError
from .options import Parser


def run_rules(argv: Sequence[str], stdout: TextIO) -> int:
    p = Parser(prog="cslint rules", description="List every rule.")
    p.add_argument("--rules", action="append", metavar="DIR", help="also load this folder of rule files")
    p.add_argument("--no-default-rules", action="store_true", default=None)
    args = p.parse_args(argv)
    config = Config(rules=tuple(str(Path(r).resolve()) for r in args.rules or ()), no_default_rules=bool(args.no_default_rules))
    rules = load_rules(config)
    width = max((len(r.name) for r in rules), default=4)
    for r in rules:
        stdout.write(f"{r.code}  {r.name:<{width}}  {r.principle:<15}  {r.severity}{'  (opt-in)' * r.opt_in}\n")
    return 0


def explain(rule_code: str, config: Config) -> str:
    """The text ``cslint rule CODE`` prints: what, why, and examples. A part the rule does
    not have is left out, not printed empty, and an example of several lines keeps its
    lines under its bullet."""
    for r in load_rules(config):
        if r.code == rule_code.upper() or r.name == rule_code:
            parts = [
                [f"{r.code} {r.name}",
                 f"principle: {r.principle}   severity: {r.severity}   type: {r.type}",
                 *([f"off by default: turn it on with --extend-select {r.code}"] if r.opt_in else [])],
                [r.description.strip()],
                [f"{label}: {value.strip()}" for label, value in
                 (("Message", r.message), ("Source", r.source), ("Link", r.link or ""), ("Rule file", r.path)) if value.strip()],
                _examples("Flags", r.examples_flag) + _examples("Passes", r.examples_pass),
            ]
            return "\n\n".join("\n".join(part) for part in parts if any(part)) + "\n"
    raise UsageError(f"no rule {rule_code!r}; 'cslint rules' lists them")


def _examples(title: str, texts: Sequence[str]) -> list[str]:
    """``title:`` and a bullet per example, its further lines indented under the first."""
    if not texts:
        return []
    return [f"{title}:", *("  - " + "\n    ".join(t.rstrip("\n").splitlines() or [""]) for t in texts)]


def run_rule(argv: Sequence[str], stdout: TextIO) -> int:
    p = Parser(prog="cslint rule", description="Explain one rule, with its examples.")
    p.add_argument("code", help="a rule code (CS301) or name")
    p.add_argument("--rules", action="append", metavar="DIR", help="also load this folder of rule files")
    args = p.parse_args(argv)
    stdout.write(explain(args.code, Config(rules=tuple(str(Path(r).resolve()) for r in args.rules or ()))))
    return 0


def run_check_rules(argv: Sequence[str], stdout: TextIO) -> int:
    """Validate every rule file of the folders (reporting every error of every bad file)
    and run each rule's examples. A code or name that a shipped or plugin rule already
    has is an error too: ``--rules`` would refuse the folder."""
    from ..rulefiles import examples, plugins, vocabulary
    from ..rulefiles.checking import build_all_errors, same_file, taken
    from ..rulefiles.parse import read_rule_file, rule_files

    p = Parser(prog="cslint check-rules", description="Validate rule files and run their examples.")
    p.add_argument("folders", nargs="+", metavar="DIR")
    args = p.parse_args(argv)
    types = plugins.extensions().rule_types
    invalid: list[str] = []
    failing: list[str] = []
    seen = taken(load_rules(Config()))
    count = bad_files = 0
    try:
        classes = vocabulary.load(Path(f) for f in args.folders)
    except RuleFileError as exc:
        invalid.append(str(exc))
        bad_files += 1
        classes = vocabulary.shipped()
    for name in classes:
        failing.extend(vocabulary.problems(classes, name))
    for folder in args.folders:
        try:
            files = rule_files(Path(folder))
        except RuleFileError as exc:
            invalid.append(str(exc))
            bad_files += 1
            continue
        for path in files:
            try:
                data = read_rule_file(path)
            except RuleFileError as exc:
                invalid.append(str(exc))
                bad_files += 1
                continue
            rule, errors = build_all_errors(data, str(path), types, classes)
            problems = [(e.line or 0, str(e)) for e in errors]
            for key in ("code", "name"):
                value = data.get(key) if isinstance(data, dict) else None
                other = seen.get((key, value)) if isinstance(value, str) else None
                if other is not None and not same_file(other, str(path)):
                    problems.append((data.line_of(key), f"{path}:{data.line_of(key)}: {key!r}: {value} is already used by {other}"))
                elif isinstance(value, str) and rule is not None:
                    seen[key, value] = str(path)
            invalid.extend(message for _, message in sorted(problems, key=lambda p: p[0]))
            bad_files += bool(problems)
            if rule is not None:
                count += 1
                if not problems:
                    failing.extend(examples.problems(rule))
    for message in (*invalid, *failing):
        stdout.write(message + "\n")
    stdout.write(f"{count} rule{'s' * (count != 1)} checked: {bad_files} invalid, {len(failing)} failing example{'s' * (len(failing) != 1)}\n")
    return 2 if invalid else 1 if failing else 0


def run_audit(argv: Sequence[str], stdout: TextIO) -> int:
    from ..audit.command import run_audit as audit  # (a lint run does not import the audit)

    return audit(argv, stdout)


#: The subcommands by name; anything else is a lint run.
COMMANDS: dict[str, Callable[[Sequence[str], TextIO], int]] = {
    "rules": run_rules, "rule": run_rule, "check-rules": run_check_rules,
    "serve": run_serve,
    "lsp": run_lsp,
    "audit": run_audit,
}
