"""Score chrome removal on real pages with gold bodies: body-line recall and chrome removal.

    python scripts/eval_chrome.py --data ../shared/realdata/residue_dev.jsonl [--show-lost]
    python scripts/eval_chrome.py --disable mojibake.misaligned_gbk   # chrome alone, without repairs

A gold line counts as kept when the cleaned output contains it after normalisation (NFKC
width, whitespace removed, Simplified script); a chrome line counts as removed when no
output line contains it. A chrome line that is also part of a gold line (a lone ``大``) can
never count as removed; the ceiling those lines leave is printed too. The data is not part
of the project: this script is for development and is never run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402
from cleaner.text import to_simplified  # noqa: E402

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return to_simplified(_SPACE.sub("", unicodedata.normalize("NFKC", text)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/realdata/residue_dev.jsonl")
    parser.add_argument("--show-lost", action="store_true", help="print lost body lines")
    parser.add_argument("--show-left", action="store_true", help="print chrome left behind")
    parser.add_argument("--disable", action="append", default=[], metavar="ID",
                        help="switch a rule off (repeatable), e.g. to score chrome without repairs")
    args = parser.parse_args()
    cleaner = Cleaner(disable=args.disable)
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    gold_total = gold_kept = chrome_total = chrome_removed = unscoreable = 0
    started = time.perf_counter()
    for row in rows:
        result = cleaner.clean(row["text"], row["id"])
        out_norm = normalise(result.text)
        out_lines = [normalise(line) for line in result.text.split("\n") if line.strip()]
        for line in row["gold_body"]:
            g = normalise(line)
            if not g:
                continue
            gold_total += 1
            if g in out_norm:
                gold_kept += 1
            elif args.show_lost:
                print(f"LOST  {row['id'][:40]}  {line[:100]}")
        gold_lines = [normalise(line) for line in row["gold_body"]]
        for line in row["chrome"]:
            c = normalise(line)
            if not c:
                continue
            chrome_total += 1
            unscoreable += any(c in g for g in gold_lines)
            if not any(c in out for out in out_lines):
                chrome_removed += 1
            elif args.show_left:
                print(f"LEFT  {row['id'][:40]}  {line[:100]}")
    elapsed = time.perf_counter() - started
    print(f"pages: {len(rows)}   time: {elapsed:.2f} s")
    print(f"body-line recall: {gold_kept}/{gold_total} = {gold_kept / max(gold_total, 1):.4f}")
    print(f"chrome removal:   {chrome_removed}/{chrome_total} = "
          f"{chrome_removed / max(chrome_total, 1):.4f}   (ceiling "
          f"{(chrome_total - unscoreable) / max(chrome_total, 1):.4f}: {unscoreable} chrome lines "
          "are also part of gold lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
