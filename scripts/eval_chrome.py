"""Score chrome removal on real pages with gold bodies, per set and split: body kept, chrome removed.

    python scripts/eval_chrome.py                    # every set found, residue and full pages
    python scripts/eval_chrome.py --set unseen-residue --show-lost --show-left
    python scripts/eval_chrome.py --disable chrome.head_run     # score without one rule

Sets (read from outside the project, never copied into it; ``REALDATA`` defaults to
``/work/shared/realdata``, ``CHROME_LABELS`` to ``/work/eval/labels``):

- ``dev-residue``, ``dev-fullpage``: ``$REALDATA/{residue,fullpage}_dev.jsonl``, the
  62 development pages the rules were written against;
- ``unseen-residue``, ``unseen-fullpage``: ``$CHROME_LABELS/unseen_{residue,fullpage}.jsonl``,
  hand-labelled pages from portals never seen during development, each with a ``split``:
  ``tune`` (may guide rule work), ``holdout`` (reported apart, never tuned on), or another
  name a later batch of labels uses (each split is scored apart).

A gold line counts as kept when the cleaned output contains it after normalisation (NFKC width,
whitespace removed, Simplified script); a chrome line counts as removed when no output line
contains it, gold lines aside: a label or a count that is also a word of the report (``社会``,
``1``) is a line of its own on the page, and the report's paragraph that holds the same word
says nothing about whether that line was kept (how many chrome lines are such words is printed
as ``in gold``; an output line that is not gold, a title say, still counts against them,
and a line of at most :data:`TINY` characters counts as kept only by an output line equal to it).
Neutral lines (titles, bylines, editor and source lines: they belong in metadata) are not
scored. For each set the script prints which chrome families
survived (the page model's family of each line left, or its shape) and which body lines were
lost, with the rule that removed them. This script is for development and is never run by the
test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402
from cleaner.page.kinds import Kind, classify  # noqa: E402
from cleaner.page.lists import bullet_item  # noqa: E402
from cleaner.text import match_view, to_simplified  # noqa: E402

SHARED = Path(os.environ.get("REALDATA", "/work/shared/realdata"))
LABELS = Path(os.environ.get("CHROME_LABELS", "/work/eval/labels"))
SETS = {
    "dev-residue": SHARED / "residue_dev.jsonl",
    "dev-fullpage": SHARED / "fullpage_dev.jsonl",
    "unseen-residue": LABELS / "unseen_residue.jsonl",
    "unseen-fullpage": LABELS / "unseen_fullpage.jsonl",
}
_SPACE = re.compile(r"\s+")
_SEPARATED = re.compile(r"\S\s*[|｜]\s*\S|\S\s{2,}\S")


def normalise(text: str) -> str:
    return to_simplified(_SPACE.sub("", unicodedata.normalize("NFKC", text)))


def family(line: str) -> str:
    """What a chrome line left behind is: its anchor family, or its shape."""
    kind, reason = classify(line)
    if kind is Kind.ANCHOR:
        return f"anchor:{reason}"
    view = match_view(line).strip()
    if bullet_item(line):
        return "bulleted item"
    if _SEPARATED.search(view) and len(view) <= 80:
        return "separated row"
    if kind is Kind.PROSE:
        return "prose-like"
    if kind is Kind.META:
        return "fact (date/source/byline)"
    if len(view) <= 4:
        return "tiny label (<=4 chars)"
    if len(view) <= 30:
        return "short line (<=30)"
    return "long line"


TINY = 4
"""A chrome line this short (a count, a tag) is kept when a line of the output is just it: a
date or a title holding the same digit is not that line."""


class Score:
    def __init__(self) -> None:
        self.pages = self.gold = self.kept = self.chrome = self.removed = self.in_gold = 0
        self.cpu = 0.0
        self.left: Counter[str] = Counter()
        self.left_lines: list[tuple[str, str, str]] = []
        self.lost: list[tuple[str, str, str]] = []

    def add(self, row: dict, cleaner: Cleaner) -> None:
        started = time.process_time()
        result = cleaner.clean(row["text"], row["id"])
        self.cpu += time.process_time() - started
        self.pages += 1
        out_norm = normalise(result.text)
        out_lines = [normalise(line) for line in result.text.split("\n") if line.strip()]
        gold_lines = [normalise(line) for line in row["gold_body"]]
        gold_set = set(gold_lines)
        others = [out for out in out_lines if out not in gold_set]  # lines not of the report
        for line, g in zip(row["gold_body"], gold_lines, strict=True):
            if not g:
                continue
            self.gold += 1
            if g in out_norm:
                self.kept += 1
            else:
                # every rule that removed a copy of it: a rule that dropped a repeat is not
                # the one that cut the copy it kept
                rule = "+".join(dict.fromkeys(e.rule for e in result.edits
                                              if g[:12] in normalise(e.old))) or "?"
                self.lost.append((row["id"], rule, line))
        for line in row["chrome"]:
            c = normalise(line)
            if not c:
                continue
            self.chrome += 1
            self.in_gold += any(c in g for g in gold_lines)
            if not any(c == out if len(c) <= TINY else c in out for out in others):
                self.removed += 1
            else:
                self.left[family(line)] += 1
                self.left_lines.append((row["id"], family(line), line))

    def report(self, name: str, args: argparse.Namespace) -> None:
        body = self.kept / max(self.gold, 1)
        chrome = self.removed / max(self.chrome, 1)
        print(f"{name:28s} pages {self.pages:3d}  body {self.kept:4d}/{self.gold:<4d} = {body:.4f}  "
              f"chrome {self.removed:4d}/{self.chrome:<4d} = {chrome:.4f} (in gold {self.in_gold:3d})  "
              f"cpu {self.cpu:.2f} s")
        if args.families:
            survivors = ", ".join(f"{fam} {n}" for fam, n in self.left.most_common(args.families))
            print(f"    chrome left: {survivors or 'none'}")
            lost = Counter(rule for _, rule, _ in self.lost)
            print(f"    body lost by rule: {', '.join(f'{r} {n}' for r, n in lost.most_common()) or 'none'}")
        if args.show_lost:
            for doc, rule, line in self.lost:
                print(f"    LOST  {doc[:36]:36s} {rule:22s} {line[:90]}")
        if args.show_left:
            for doc, fam, line in self.left_lines:
                print(f"    LEFT  {doc[:36]:36s} {fam:24s} {line[:90]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=sorted(SETS), help="sets to score "
                        "(repeatable; default: every set whose file exists)")
    parser.add_argument("--data", action="append", default=[], metavar="JSONL",
                        help="score another labelled file as a set of its own")
    parser.add_argument("--split", help="only records of this split (tune, holdout, or any "
                        "other split name the labels carry)")
    parser.add_argument("--rules", action="append", default=[], help="extra rule pack")
    parser.add_argument("--disable", action="append", default=[], metavar="ID",
                        help="switch a rule off (repeatable)")
    parser.add_argument("--script", default="keep", help="script of the output (default keep: "
                        "OpenCC converts phrases in context, so a converted document and a line "
                        "converted alone can differ, which would count a kept line as lost)")
    parser.add_argument("--families", type=int, default=8,
                        help="how many surviving chrome families to list (0: none)")
    parser.add_argument("--show-lost", action="store_true", help="print every lost body line")
    parser.add_argument("--show-left", action="store_true", help="print every chrome line left")
    args = parser.parse_args()
    cleaner = Cleaner(extra_packs=args.rules, disable=args.disable, script=args.script)
    sets = {name: SETS[name] for name in (args.set or SETS) if SETS[name].exists()}
    sets.update({Path(p).stem: Path(p) for p in args.data})
    for name, path in sets.items():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        scores: dict[str, Score] = defaultdict(Score)
        for row in rows:
            split = row.get("split", "")
            if args.split and split != args.split:
                continue
            scores[f"{name}/{split}" if split else name].add(row, cleaner)
        for key in sorted(scores):
            scores[key].report(key, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
