"""Measure ``cleaner learn``: chrome it finds that the default rules miss, body lines it learns wrongly.

    python scripts/eval_learn.py                 # learn from the unlabelled pages, per portal
    python scripts/eval_learn.py --min-docs 5 --show

The corpus is every page of ``$REALDATA/unlabelled/text`` (101 real pages from about 40
portals), its source the portal named in the file name, as a user would learn from the corpus
they are about to clean. A corpus comes in one rendering, so one pack is learned from the
``.w3m.txt`` renderings and one from the ``.bs4.txt`` ones, and each labelled page is cleaned
with the pack of its own rendering (``rendering`` of the label row). The learned packs are then
scored on the hand-labelled pages of ``$CHROME_LABELS/unseen_{residue,fullpage}.jsonl`` (pages
of the same portals; tune and holdout reported apart): chrome lines removed by the defaults alone
and with the pack, body lines lost with the pack, and *body lines wrongly learned*: gold body
lines that a learned line matches (target 0). Development only; never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402
from cleaner.learn import TemplateLearner, learned_pack  # noqa: E402
from cleaner.rules import load_rules  # noqa: E402
from cleaner.text import match_view  # noqa: E402
from scripts.eval_chrome import Score  # noqa: E402

REALDATA = Path(os.environ.get("REALDATA", "/work/shared/realdata"))
LABELS = Path(os.environ.get("CHROME_LABELS", "/work/eval/labels"))
RENDERINGS = ("w3m", "bs4")


def portal(stem: str) -> str:
    """``gne__tests__163__1`` → ``163``; ``twparser__udn_s1`` → ``udn``; ``twnews__cna`` → ``cna``."""
    parts = stem.split("__")
    if parts[0] == "gne":
        return parts[2]
    return re.sub(r"_s\d+$", "", parts[1])


def learn(rendering: str, args: argparse.Namespace) -> tuple[str, list]:
    """Learn a pack from every unlabelled page in one rendering; its path and its rules."""
    learner = TemplateLearner(args.min_docs, args.min_share)
    started = time.process_time()
    pages = sorted((REALDATA / "unlabelled" / "text").glob(f"*.{rendering}.txt"))
    for path in pages:
        stem = path.name.removesuffix(f".{rendering}.txt")
        learner.add(stem, path.read_text(encoding="utf-8"), portal(stem))
    templates = learner.templates()
    cpu = time.process_time() - started
    sources = {t.source for t in templates}
    print(f"{rendering}: learned {len(templates)} template lines for {len(sources)} of "
          f"{len(learner.docs)} portals from {len(pages)} pages (min_docs {args.min_docs}), "
          f"cpu {cpu:.2f} s")
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as f:
        f.write(learned_pack(templates, dict(learner.docs), "unlabelled pages"))
    return f.name, list(load_rules([f.name], include_defaults=False).rules)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--min-share", type=float, default=0.01)
    parser.add_argument("--show", action="store_true", help="print wrongly learned body lines")
    args = parser.parse_args()
    packs = {rendering: learn(rendering, args) for rendering in RENDERINGS}
    default = Cleaner(script="keep")
    learned = {r: Cleaner(extra_packs=[pack], script="keep") for r, (pack, _) in packs.items()}
    for name in ("unseen_residue", "unseen_fullpage"):
        rows = [json.loads(line) for line in (LABELS / f"{name}.jsonl").read_text().splitlines()]
        scores: dict[str, tuple[Score, Score]] = defaultdict(lambda: (Score(), Score()))
        wrong: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            rendering = row.get("rendering", "w3m")
            before, after = scores[row["split"]]
            before.add(row, default)
            after.add(row, learned[rendering])
            for line in row["gold_body"]:
                view = match_view(line).strip()
                if any(r.pattern.search(view) for r in packs[rendering][1] if r.pattern is not None):
                    wrong[row["split"]].append(line)
        for split, (before, after) in sorted(scores.items()):
            found = after.removed - before.removed
            print(f"{name}/{split:8s} chrome removed {before.removed}/{before.chrome} → "
                  f"{after.removed}/{after.chrome} (+{found} found by learn, "
                  f"{found / max(before.chrome - before.removed, 1):.1%} of what defaults left); "
                  f"body kept {before.kept} → {after.kept}/{after.gold}; "
                  f"body lines wrongly learned: {len(wrong[split])}")
            if args.show:
                for line in wrong[split]:
                    print(f"    WRONG  {line[:100]}")
    for pack, _ in packs.values():
        Path(pack).unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
