"""Check that a change made for speed changes no output: same texts, edits and metadata.

    python scripts/check_same_output.py save /tmp/before.jsonl.gz     # before the change
    python scripts/check_same_output.py compare /tmp/before.jsonl.gz  # after it
    python scripts/check_same_output.py base origin/main              # both, old code from git

The corpus is fixed and built here: the seeds, every rule example, People's Daily articles in
Simplified and Traditional, the garbled family of ``scripts/speed_corpus.py``, small
pathological inputs, and the real pages of ``/work/shared/realdata`` when that folder exists
(then the snapshot says so, and a comparison on a machine without it skips those documents).
``base REF`` checks out REF into a temporary git worktree and cleans the same corpus with its
code, so the check also works after rebasing onto other people's changes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

WORKERS = 2
"""Cleaning goes through :func:`cleaner.parallel.clean_parallel`, as the CLI does."""

_CLEAN_ALL = r"""
import gzip, json, sys
from types import SimpleNamespace
from cleaner.parallel import clean_parallel
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as src:
    docs = [SimpleNamespace(**json.loads(line)) for line in src]
with gzip.open(sys.argv[2], "wt", encoding="utf-8") as dst:
    for doc, r in clean_parallel(docs, {}, workers=int(sys.argv[3]), chunk_size=4):
        dst.write(json.dumps({"id": doc.id, "text": r.text, "meta": r.meta,
                              "edits": [e.to_dict() for e in r.edits]},
                             ensure_ascii=False, sort_keys=True, default=str) + "\n")
"""


def build_corpus(path: Path) -> int:
    """Write the fixed corpus as gzipped JSONL of ``{"id", "text"}``; returns its size."""
    import opencc
    import speed_corpus as sc

    from cleaner.rules import load_rules

    docs = [(p.name, p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "seeds" / "input").glob("*.txt"))]
    for rule in load_rules([]).rules:
        docs += [(f"example-{rule.id}-{i}", ex.input) for i, ex in enumerate(rule.examples)]
    news = sc.news()
    docs += news[:400]
    s2tw = opencc.OpenCC("s2tw")
    docs += [(f"{doc_id}-tw", s2tw.convert(text)) for doc_id, text in news[400:520]]
    docs += sc.garbled(docs=60, seed=9)
    docs += sc.pathological(scale=0.01)
    docs += sc.realdata_pages()
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return len(docs)


def clean_corpus(corpus: Path, out: Path, code: Path) -> None:
    """Clean ``corpus`` with the ``cleaner`` package found in ``code`` (a checkout)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", _CLEAN_ALL, str(corpus), str(out), str(WORKERS)],
                   cwd=code, env=env, check=True)


def load(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def compare(before: Path, after: Path) -> int:
    """Print every document whose text, edits or metadata differ; the count of differences."""
    old, new = load(before), load(after)
    bad = 0
    for doc_id, want in old.items():
        got = new.get(doc_id)
        if got is None:
            continue
        for part in ("text", "edits", "meta"):
            if got[part] != want[part]:
                bad += 1
                print(f"DIFFERENT {part}: {doc_id}")
                break
    print(f"{len(old)} documents compared, {bad} different")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare", "base"])
    parser.add_argument("target", help="snapshot path (save, compare) or a git ref (base)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl.gz"
        print(f"corpus: {build_corpus(corpus)} documents")
        if args.action == "save":
            clean_corpus(corpus, Path(args.target), ROOT)
            return 0
        after = Path(tmp) / "after.jsonl.gz"
        clean_corpus(corpus, after, ROOT)
        if args.action == "compare":
            return 1 if compare(Path(args.target), after) else 0
        tree = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.target],
                       cwd=ROOT, check=True, capture_output=True)
        try:
            before = Path(tmp) / "before.jsonl.gz"
            clean_corpus(corpus, before, tree)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
        return 1 if compare(before, after) else 0


if __name__ == "__main__":
    raise SystemExit(main())
