"""``cleaner rules list`` and ``cleaner rules test``: see the rules, run their examples."""

from __future__ import annotations

import argparse

from rich.table import Table

from cleaner.commands.common import stderr_console
from cleaner.rules import RuleError, load_rules
from cleaner.ruletest import check_rules


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rules", help="list the rules or run their examples")
    rules_sub = parser.add_subparsers(dest="rules_command", metavar="ACTION")
    rules_sub.required = True
    for name, func, text in (("list", run_list, "list rules in the order they run"),
                             ("test", run_test, "run every rule's examples")):
        action = rules_sub.add_parser(name, help=text)
        action.add_argument("--rules", action="append", default=[], metavar="PACK",
                            help="add a TOML rule pack (repeatable)")
        action.set_defaults(func=func)
        if name == "list":
            action.add_argument("--ids", action="store_true",
                                help="print only the rule ids, one per line (for scripts)")


def run_list(args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console(highlight=False)
    try:
        ruleset = load_rules(args.rules)
    except RuleError as exc:
        stderr_console().print(f"[bold red]error:[/] {exc}")
        return 2
    if args.ids:
        for rule in ruleset.rules:
            print(rule.id)
        return 0
    table = Table(title=f"{len(ruleset.rules)} rules, in the order they run",
                  title_justify="left")
    for column in ("id", "stage", "kind", "zone", "why"):
        table.add_column(column, overflow="fold")
    for rule in ruleset.rules:
        table.add_row(rule.id, rule.stage, rule.kind, rule.zone if rule.is_line_rule else "",
                      rule.why)
    console.print(table)
    return 0


def run_test(args: argparse.Namespace) -> int:
    console = stderr_console()
    try:
        ruleset = load_rules(args.rules)
    except RuleError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        return 2
    count, failures = check_rules(ruleset)
    for failure in failures:
        console.print(f"[red]✗ {failure.rule.id}[/] example {failure.index} "
                      f"({failure.rule.source})")
        console.print(f"    input:    {failure.input!r}")
        console.print(f"    expected: {failure.expected!r}")
        console.print(f"    got:      {failure.got!r}")
    passed = count - len(failures)
    colour = "green" if not failures else "red"
    console.print(f"[{colour}]{passed} passed, {len(failures)} failed[/] "
                  f"({len(ruleset.rules)} rules)")
    return 1 if failures else 0
