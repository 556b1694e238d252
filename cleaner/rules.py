"""Rule packs: load them from TOML, validate them, and say exactly what is wrong when they are bad.

A rule is data. Its ``kind`` says what it does with its parameters:

- ``replace``: regex ``pattern`` → ``replacement`` anywhere in the text of its stage;
- ``drop_line``: remove whole lines matching ``pattern``; named groups become metadata
  (``extract`` is the same kind, spelled for rules whose point is the metadata);
- ``truncate``: a line matching ``pattern`` starts a block that is removed up to the end of the
  document, but only when what follows looks like a list of headlines;
- ``op``: a built-in operation ``op = "module:function"`` with ``params``.

A pattern may name a lexicon word list as ``\\L<name>`` (see :mod:`cleaner.lexicon`), and a
pack may carry lexicon tables (``[words.NAME]``, ``[patterns.NAME]``, ``[table.NAME]``) that extend
the default lexicon for every rule and for the page model.

Line rules take a ``zone``: ``any``, ``head`` (before the first line of body prose), ``tail``
(after the last), ``edges`` (either) or ``around`` (either, on a text that has a body: a text
without prose has no edges to speak of, and ``edges`` there means every line). Zones are what
let a rule remove a dateline at the top of a report without ever touching a sentence in its
middle that happens to look alike.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cleaner.lexicon import Lexicon, LexiconError, default_lexicon, has_lexicon, lexicon_with
from cleaner.ops import resolve_op

STAGES: tuple[str, ...] = (
    "mojibake", "html", "annotations", "punctuation", "chrome", "script", "layout",
)
"""The stages in the order a document goes through them."""

KINDS: tuple[str, ...] = ("replace", "drop_line", "extract", "truncate", "op")
ZONES: tuple[str, ...] = ("any", "head", "tail", "edges", "around")
LINE_KINDS = frozenset({"drop_line", "extract", "truncate"})
TRUNCATE_PARAMS = frozenset({"max_prose_share", "max_len"})
"""What a truncate rule may tune: :class:`cleaner.page.lists.HeadlineTail`'s thresholds."""


class RuleError(ValueError):
    """A rule pack is malformed; the message names the file and the rule id."""


@dataclass(frozen=True, slots=True)
class Example:
    """An input and the output the rule (alone) must turn it into; run as a test."""

    input: str
    output: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    stage: str
    kind: str
    why: str
    source: str
    pattern: re.Pattern[str] | None = None
    replacement: str = ""
    op: str = ""
    zone: str = "any"
    params: dict[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    timed: bool = False  # a user's pattern, compiled with ``regex`` to run under a time limit

    @property
    def is_line_rule(self) -> bool:
        return self.kind in LINE_KINDS


@dataclass(slots=True)
class RuleSet:
    """Rules in application order: by stage, then in the order the packs listed them, and the
    lexicon they were compiled with (the default one extended by the packs' lexicon tables)."""

    rules: list[Rule]
    lexicon: Lexicon = field(default_factory=default_lexicon)

    def enabled(self, disabled: frozenset[str] | set[str] = frozenset()) -> list[Rule]:
        return [r for r in self.rules if r.id not in disabled]

    def by_id(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rules]


def default_pack_paths() -> list[Path]:
    """The packs shipped with cleaner, in name order (the numeric prefix fixes the order)."""
    base = resources.files("cleaner") / "default_rules"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith(".toml"))


def load_rules(extra_packs: list[str | Path] | None = None, *,
               include_defaults: bool = True) -> RuleSet:
    """Load the default packs, then the user's; a later rule with the same id replaces the earlier.

    Order inside a stage is the order of appearance across packs, so a user pack can add a
    rule after the defaults or override one in place by reusing its id.
    """
    paths: list[Path] = list(default_pack_paths()) if include_defaults else []
    paths += [Path(p) for p in (extra_packs or [])]
    documents = [(path, _read(path)) for path in paths]
    try:
        lexicon = lexicon_with([(str(path), data) for path, data in documents
                                if has_lexicon(data)])
    except LexiconError as exc:
        raise RuleError(str(exc)) from exc
    rules: list[Rule] = []
    positions: dict[str, int] = {}
    for path, data in documents:
        for rule in _rules_of(path, data, lexicon):
            if rule.id in positions:
                rules[positions[rule.id]] = rule
            else:
                positions[rule.id] = len(rules)
                rules.append(rule)
    stage_rank = {s: i for i, s in enumerate(STAGES)}
    ordered = sorted(enumerate(rules), key=lambda pair: (stage_rank[pair[1].stage], pair[0]))
    return RuleSet([r for _, r in ordered], lexicon)


def load_pack(path: str | Path, lexicon: Lexicon | None = None) -> list[Rule]:
    """Parse one TOML pack; raise :class:`RuleError` naming the file (and rule) on any defect."""
    path = Path(path)
    return _rules_of(path, _read(path), lexicon or default_lexicon())


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RuleError(f"{path}: rule pack not found") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: rule pack is not UTF-8 ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: invalid TOML: {exc}") from exc


def _rules_of(path: Path, data: dict[str, Any], lexicon: Lexicon) -> list[Rule]:
    raw_rules = data.get("rule")
    if raw_rules is None and has_lexicon(data):
        return []  # a pack of lexicon tables only
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError(f"{path}: no [[rule]] tables found")
    seen: set[str] = set()
    out: list[Rule] = []
    for index, raw in enumerate(raw_rules, start=1):
        rule = _build_rule(raw, path, index, lexicon)
        if rule.id in seen:
            raise RuleError(f"{path}: rule {rule.id}: id used twice in one pack")
        seen.add(rule.id)
        out.append(rule)
    return out


_ALLOWED_KEYS = {"id", "stage", "kind", "why", "pattern", "replacement", "op", "zone",
                 "params", "examples", "flags"}


def _build_rule(raw: Any, path: Path, index: int, lexicon: Lexicon) -> Rule:
    where = f"{path}: rule #{index}"
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: must be a table")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z_]+\.[a-z0-9_.\-]+", rule_id):
        raise RuleError(f"{where}: id {rule_id!r} must look like 'stage.name'")
    where = f"{path}: rule {rule_id}"
    unknown = set(raw) - _ALLOWED_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    stage, kind = raw.get("stage"), raw.get("kind")
    if stage not in STAGES:
        raise RuleError(f"{where}: stage {stage!r} is not one of {', '.join(STAGES)}")
    if kind not in KINDS:
        raise RuleError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    why = raw.get("why")
    if not isinstance(why, str) or not why.strip():
        raise RuleError(f"{where}: needs a one-line 'why'")
    zone = raw.get("zone", "any")
    if zone not in ZONES:
        raise RuleError(f"{where}: zone {zone!r} is not one of {', '.join(ZONES)}")
    if zone != "any" and kind not in LINE_KINDS:
        raise RuleError(f"{where}: zone only applies to line rules")
    pattern = None
    timed = not _is_default(path)
    if kind != "op":
        pattern = _compile(raw.get("pattern"), raw.get("flags", ""), where, lexicon, timed)
    op = raw.get("op", "")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise RuleError(f"{where}: params must be a table")
    if kind == "op":
        if not isinstance(op, str) or not op:
            raise RuleError(f"{where}: kind 'op' needs op = 'module:function'")
        try:
            func = resolve_op(op)
        except (ImportError, ValueError) as exc:
            raise RuleError(f"{where}: {exc}") from exc
        _check_params(func, op, params, where)
    elif kind == "truncate" and set(params) - TRUNCATE_PARAMS:
        raise RuleError(f"{where}: truncate takes only {', '.join(sorted(TRUNCATE_PARAMS))} "
                        f"as params, not {', '.join(sorted(set(params) - TRUNCATE_PARAMS))}")
    elif kind not in ("op", "truncate") and params:
        raise RuleError(f"{where}: params only apply to op and truncate rules")
    replacement = raw.get("replacement", "")
    if kind == "replace":
        if not isinstance(replacement, str):
            raise RuleError(f"{where}: replacement must be a string")
        try:
            assert pattern is not None
            # Group references are checked against the pattern when the template is parsed.
            _engine(timed).compile(pattern.pattern + "|").sub(replacement, "x")
        except (re.error, _engine(timed).error) as exc:
            raise RuleError(f"{where}: bad replacement: {exc}") from exc
    examples = _examples(raw.get("examples", []), where)
    return Rule(id=rule_id, stage=stage, kind=kind, why=why.strip(), source=str(path),
                pattern=pattern, replacement=replacement, op=op, zone=zone, params=params,
                examples=examples, timed=timed)


def _check_params(func: Any, op: str, params: dict[str, Any], where: str) -> None:
    """Params must name parameters of the op, with values of the annotated type: a typo is
    reported when the pack loads, naming the file and rule, not as a TypeError at clean time.
    An op may also check what its params name (a file, say) through a ``check_params``
    attribute that raises ValueError."""
    signature = inspect.signature(func)
    accepted = list(signature.parameters)[2:]  # after (text, ctx)
    for name, value in params.items():
        if name not in accepted:
            raise RuleError(f"{where}: op {op} has no parameter {name!r} "
                            f"(it takes {', '.join(accepted) or 'none'})")
        default = signature.parameters[name].default
        if default is not inspect.Parameter.empty and default is not None \
                and not _same_type(default, value):
            raise RuleError(f"{where}: parameter {name!r} of op {op} must be "
                            f"{type(default).__name__}, not {type(value).__name__}")
    check = getattr(func, "check_params", None)  # an op's own check of what its params name
    if check is not None:
        try:
            check(params)
        except ValueError as exc:
            raise RuleError(f"{where}: {exc}") from exc


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def _is_default(path: Path) -> bool:
    base = Path(str(resources.files("cleaner") / "default_rules")).resolve()
    return path.resolve().is_relative_to(base)


def _engine(timed: bool) -> Any:
    """``re`` for the shipped packs; the ``regex`` package for users' patterns, whose matching
    can be given a time limit (and which already avoids much catastrophic backtracking)."""
    if not timed:
        return re
    import regex

    return regex


def _compile(pattern: Any, flags: Any, where: str, lexicon: Lexicon,
             timed: bool = False) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(f"{where}: needs a 'pattern'")
    try:
        pattern = lexicon.expand(pattern)
    except KeyError as exc:
        raise RuleError(f"{where}: pattern names an unknown word list: {exc}") from exc
    flag_value = 0
    for letter in str(flags):
        if letter not in "imsx":
            raise RuleError(f"{where}: unknown regex flag {letter!r}")
        flag_value |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[letter]
    engine = _engine(timed)
    try:
        return engine.compile(pattern, flag_value)
    except (re.error, engine.error) as exc:
        raise RuleError(f"{where}: bad pattern: {exc}") from exc


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise RuleError(f"{where}: examples must be a list of {{input, output}}")
    out = []
    for i, ex in enumerate(raw, start=1):
        if not isinstance(ex, dict) or not isinstance(ex.get("input"), str) \
                or not isinstance(ex.get("output"), str):
            raise RuleError(f"{where}: example {i} needs string 'input' and 'output'")
        out.append(Example(ex["input"], ex["output"]))
    return tuple(out)
