"""A/B: cleaning speed of this checkout against a git ref, in the same run, alternating.

    python scripts/ab_clean.py news                        # against origin/main, 3 rounds each
    python scripts/ab_clean.py pages --ref 073d721 --rounds 4
    python scripts/ab_clean.py news --docs 300
    python scripts/ab_clean.py mix                         # news-length articles
    python scripts/ab_clean.py rare --docs 10              # lines searched piece by piece
    python scripts/ab_clean.py trad                        # the news in Traditional script
    python scripts/ab_clean.py scale                       # bench_scale.py's documents
    python scripts/ab_clean.py news --instructions --docs 150   # count instructions instead

On a shared machine the speed of one run says little (the same code gave 1.25 and 1.77 MB/s
an hour apart), so a change is measured against its base in one run: each round cleans the
family once with the ref's code (checked out into a temporary git worktree) and once with this
checkout's, in fresh processes, in alternating order. Each process builds its Cleaner and cleans
one document before the clock starts; the figure is the CPU time (``time.process_time``) of
cleaning the family's unique documents (``scripts/speed_corpus.py``). Prints every run, the
best and the mean of each side, and their ratios; for a family made of a few kinds of input
(``rare``), the CPU seconds per MB of each kind too.

CPU time on a shared or virtual machine moves by 20% from run to run, more than most changes
gain. ``--instructions`` counts the instructions each side executes instead (valgrind's
cachegrind without its cache model, ``PYTHONHASHSEED=0``). Each side is counted cleaning the
first ``--docs`` documents and cleaning none, and the difference is the cleaning's. The count of
a process that cleans nothing repeats to within a hundred instructions, but the cleaning's moves
between runs of the same code (0.82 to 0.93 G for ``mix --docs 100`` over five runs), so the
sides are counted ``--rounds`` times, alternating, and the medians compared; a difference of a
few percent needs several rounds. It runs ~50 times slower than natively, so keep ``--docs`` to
a few hundred articles.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_TIMED = r"""
import os, sys, time
import cleaner
assert cleaner.__file__.startswith(os.getcwd()), cleaner.__file__
sys.path.insert(1, sys.argv[3])
import speed_corpus as sc
from cleaner import Cleaner
docs = {"news": sc.news, "pages": sc.pages, "garbled": sc.garbled, "rare": sc.rare,
        "mix": lambda: sc.news_mix(5.5, paragraphs=(4, 8)), "trad": sc.news_traditional,
        "scale": sc.scale_docs,
        }[sys.argv[1]]()
n = int(sys.argv[2])  # 0: all, -1: none (what the count of a run without cleaning subtracts)
docs = [] if n < 0 else docs[:n] if n else docs
cleaner = Cleaner()
cleaner.clean(sc.news()[-1][1])
groups = {}
for doc_id, text in docs:  # (sizes first: the clock counts cleaning only)
    groups.setdefault(doc_id.rsplit("-", 1)[0], [0.0, 0.0])[1] += sc.megabytes([(doc_id, text)])
start = time.process_time()
for doc_id, text in docs:
    began = time.process_time()
    cleaner.clean(text, doc_id)
    groups[doc_id.rsplit("-", 1)[0]][0] += time.process_time() - began
print(time.process_time() - start, sc.megabytes(docs))
for name, (seconds, mb) in groups.items():
    print(name, seconds, mb)
"""


def timed(tree: Path, family: str, docs: int) -> tuple[float, float, dict[str, float]]:
    """(CPU seconds, MB) of cleaning ``family`` with the code in ``tree``, and the CPU
    seconds per MB of each group of its documents (their ids without the number)."""
    out = subprocess.run([sys.executable, "-c", _TIMED, family, str(docs), str(ROOT / "scripts")],
                         cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                         capture_output=True, text=True, check=True)
    total, *rows = out.stdout.splitlines()
    seconds, mb = total.split()
    groups = {name: float(sec) / float(size) for name, sec, size in (r.split() for r in rows)}
    return float(seconds), float(mb), groups


def instructions(tree: Path, family: str, docs: int) -> int:
    """Instructions executed by a process of ``tree`` cleaning the first ``docs`` documents of
    ``family`` (everything before the clock of :data:`_TIMED` starts included)."""
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                          "--cachegrind-out-file=/dev/null", sys.executable, "-c", _TIMED,
                          family, str(docs), str(ROOT / "scripts")],
                         cwd=tree, env={**os.environ, "PYTHONPATH": str(tree),
                                        "PYTHONHASHSEED": "0"},
                         capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from valgrind:\n{out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count(args: argparse.Namespace, trees: list[tuple[str, Path]]) -> None:
    """Print the instructions each side spends cleaning ``args.docs`` documents, per round
    (sides alternating), and the ratio of the medians."""
    docs = args.docs or 150
    spent: dict[str, list[int]] = {name: [] for name, _ in trees}
    for round_ in range(args.rounds):
        for name, tree in trees if round_ % 2 == 0 else trees[::-1]:
            spent[name].append(instructions(tree, args.family, docs)
                               - instructions(tree, args.family, -1))
    for name, counts in spent.items():
        print(f"  {name:14s} median {statistics.median(counts) / 1e9:.3f} G instructions for "
              f"{docs} documents; runs {' '.join(f'{c / 1e9:.3f}' for c in counts)}")
    ref, new = statistics.median(spent[args.ref]), statistics.median(spent["this checkout"])
    print(f"  this checkout executes {new / ref:.3f} of the instructions of {args.ref} "
          f"({ref / new:.2f}x, medians)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family", choices=["news", "pages", "garbled", "mix", "rare", "trad", "scale"],
                        help="mix: 5.5 MB of news-length articles dealt from the news sample's "
                             "sentences (4-8 paragraphs, as bench_scale.py's documents)")
    parser.add_argument("--ref", default="origin/main", help="git ref to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--docs", type=int, default=0, help="first N documents (0: all)")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions with valgrind instead of timing (see above)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.ref],
                       cwd=ROOT, check=True, capture_output=True)
        try:
            runs: dict[str, list[float]] = {args.ref: [], "this checkout": []}
            trees = [(args.ref, base), ("this checkout", ROOT)]
            if args.instructions:
                print(f"{args.family}: instructions (valgrind), {args.rounds} rounds")
                count(args, trees)
                return 0
            mb = 0.0
            per_mb: dict[str, dict[str, list[float]]] = {name: {} for name in runs}
            for round_ in range(args.rounds):
                for name, tree in trees if round_ % 2 == 0 else trees[::-1]:
                    seconds, mb, groups = timed(tree, args.family, args.docs)
                    runs[name].append(seconds)
                    for group, value in groups.items():
                        per_mb[name].setdefault(group, []).append(value)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT,
                           check=True)
    print(f"{args.family}: {mb:.2f} MB, {args.rounds} rounds, CPU seconds")
    for name, seconds in runs.items():
        best, mean = min(seconds), statistics.mean(seconds)
        print(f"  {name:14s} best {best:.2f} s ({mb / best:.2f} MB/s), mean {mean:.2f} s "
              f"({mb / mean:.2f} MB/s); runs {' '.join(f'{s:.2f}' for s in seconds)}")
    ref, new = runs[args.ref], runs["this checkout"]
    print(f"  this checkout is {min(ref) / min(new):.2f}x (best) and "
          f"{statistics.mean(ref) / statistics.mean(new):.2f}x (mean) as fast as {args.ref}")
    groups = per_mb["this checkout"]
    if 1 < len(groups) <= 12:  # families made of a few kinds of input (rare)
        print("  CPU seconds per MB, best of the rounds, per group of documents:")
        for group, values in groups.items():
            before = min(per_mb[args.ref][group])
            print(f"    {group:28s} {before:8.2f} -> {min(values):8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
