"""The subcommands about rules: ``cslint rules``, ``cslint rule CODE`` and
``cslint check-rules DIR``. Each takes its own arguments and returns an exit status."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..rulefiles.load import load_rules
from ..rulefiles.parse import RuleFileError
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
    """Validate every rule file of the folders (reporting all bad files, not just the
    first) and run each rule's examples."""
    from ..rulefiles import examples, plugins, vocabulary
    from ..rulefiles.parse import build_rule, read_rule_file, rule_files

    p = Parser(prog="cslint check-rules", description="Validate rule files and run their examples.")
    p.add_argument("folders", nargs="+", metavar="DIR")
    args = p.parse_args(argv)
    types = plugins.extensions().rule_types
    invalid: list[str] = []
    failing: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    count = 0
    try:
        classes = vocabulary.load(Path(f) for f in args.folders)
    except RuleFileError as exc:
        invalid.append(str(exc))
        classes = vocabulary.shipped()
    for name in classes:
        failing.extend(vocabulary.problems(classes, name))
    for folder in args.folders:
        try:
            files = rule_files(Path(folder))
        except RuleFileError as exc:
            invalid.append(str(exc))
            continue
        for path in files:
            try:
                data = read_rule_file(path)
                rule = build_rule(data, str(path), types, vocabulary=classes)
            except RuleFileError as exc:
                invalid.append(str(exc))
                continue
            for key, value in (("code", rule.code), ("name", rule.name)):
                if (key, value) in seen:
                    invalid.append(f"{path}:{data.line_of(key)}: {key!r}: {value} is already used by {seen[key, value]}")
                seen[key, value] = str(path)
            count += 1
            failing.extend(examples.problems(rule))
    for message in (*invalid, *failing):
        stdout.write(message + "\n")
    stdout.write(f"{count} rule{'s' * (count != 1)} checked: {len(invalid)} invalid, {len(failing)} failing example{'s' * (len(failing) != 1)}\n")
    return 2 if invalid else 1 if failing else 0


#: The subcommands by name; anything else is a lint run.
COMMANDS: dict[str, Callable[[Sequence[str], TextIO], int]] = {
    "rules": run_rules, "rule": run_rule, "check-rules": run_check_rules,
}
