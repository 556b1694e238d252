"""CPU time of the chrome stage alone on real pages (unique text), against another checkout.

    git worktree add /tmp/cleaner-ref 5591deb      # the version to compare with
    python scripts/bench_chrome.py --ref /tmp/cleaner-ref --rounds 3

Each round cleans every page once (no page repeats, so the line caches only help within a page)
with every rule but the chrome stage's switched off, in a fresh process per checkout,
alternating the two, and prints CPU seconds (``time.process_time``; the machine is shared, so
wall time says little) and the ratio. Pages: the labelled sets of ``scripts/eval_chrome.py``.
Development only; never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.eval_chrome import SETS  # noqa: E402

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from cleaner import Cleaner
every = Cleaner()
cleaner = Cleaner(disable=[i for i in every.ruleset.ids if not i.startswith("chrome.")])
texts = json.load(sys.stdin)
cleaner.clean("warm up")
started = time.process_time()
for text in texts:
    cleaner.clean(text)
print(time.process_time() - started)
"""


def run(checkout: Path, texts: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, str(checkout)], input=json.dumps(texts),
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, required=True, help="checkout to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for path in SETS.values() if path.exists()
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    size = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} pages, {size:.2f} MB, chrome stage only, CPU seconds per round")
    ours, theirs = [], []
    for _ in range(args.rounds):
        theirs.append(run(args.ref, texts))
        ours.append(run(ROOT, texts))
        print(f"  ref {theirs[-1]:.2f} s   this {ours[-1]:.2f} s")
    best_ref, best = min(theirs), min(ours)
    print(f"best: ref {best_ref:.2f} s ({size / best_ref:.2f} MB/s), this {best:.2f} s "
          f"({size / best:.2f} MB/s), this/ref CPU = {best / best_ref:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
