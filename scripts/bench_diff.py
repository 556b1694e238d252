"""How fast ``cleaner diff`` is on a corpus sample and on one very large document.

    python scripts/bench_diff.py [--quick]

Rows (label, figure) for ``scripts/bench.py``:

* a 10,000-document JSONL (the seeds repeated): ``--sample 20`` (reads everything, cleans
  the sample), ``--rule chrome.byline --sample 20`` (must clean everything, on all cores), and
  ``--json`` over the output of ``cleaner clean --edits`` (no cleaning: the recorded edits are
  undone and laid out);
* one ~100 MB document (quick: ~10 MB) with a million recorded edits and a 50,000-line
  removed tail, through alignment, hunks and rendering. The cleaner itself is not in this
  figure: its cost on huge documents is the pipeline's, measured by the pipeline bench.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = sorted((ROOT / "seeds" / "input").glob("*.txt"))


def _write_corpus(path: Path, docs: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    with path.open("w", encoding="utf-8") as out:
        for i in range(docs):
            out.write(json.dumps({"id": f"doc{i}", "text": texts[i % len(texts)]},
                                 ensure_ascii=False) + "\n")


def _timed_cli(argv: list[str]) -> float:
    from rich.console import Console

    from cleaner.cli import build_parser
    from cleaner.commands import diff

    args = build_parser().parse_args(argv)
    sink = Console(file=io.StringIO(), width=120, force_terminal=True,
                   color_system="truecolor", highlight=False)
    start = time.perf_counter()
    if args.json:
        real, sys.stdout = sys.stdout, io.StringIO()
        try:
            diff.run(args)
        finally:
            sys.stdout = real
    else:
        diff.run(args, console=sink)
    return time.perf_counter() - start


def _big_document(megabytes: float) -> tuple[str, str, list]:
    from cleaner.document import apply_spans

    unit = SEEDS[2].read_text(encoding="utf-8")
    body = (unit + "\n") * max(1, int(megabytes * 1e6 / len(unit.encode("utf-8"))))
    tail = "\n相关新闻\n" + "\n".join(f"- 新闻标题第{i}条" for i in range(50_000))
    original = body + tail
    spans = [(i, i + 1, "，") for i, ch in enumerate(body) if ch == ","]
    text, edits = apply_spans(original, spans, "punctuation.width", 0)
    cut = text.index("\n相关新闻\n")
    text, more = apply_spans(text, [(cut, len(text), "")], "chrome.related_block", 1)
    return original, text, edits + more


def bench(quick: bool = False) -> list[tuple[str, str]]:
    from rich.console import Console

    from cleaner.document import CleanResult
    from cleaner.review import diff_result, document_view

    rows: list[tuple[str, str]] = []
    docs = 1_000 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "sample.jsonl"
        _write_corpus(corpus, docs)
        t = _timed_cli(["diff", str(corpus), "--sample", "20"])
        rows.append((f"diff --sample 20 of {docs:,} docs", f"{t:.2f} s"))
        cleaned = Path(tmp) / "clean.jsonl"
        from cleaner.cli import main

        start = time.perf_counter()
        real_err, sys.stderr = sys.stderr, io.StringIO()
        try:
            main(["clean", str(corpus), "-o", str(cleaned), "--edits"])
        finally:
            sys.stderr = real_err
        clean_time = time.perf_counter() - start
        rows.append((f"(clean --edits of {docs:,} docs, all cores, for reference)",
                     f"{clean_time:.1f} s"))
        t = _timed_cli(["diff", str(cleaned), "--json"])
        rows.append((f"diff --json of {docs:,} cleaned docs (recorded edits)", f"{t:.2f} s"))
        t = _timed_cli(["diff", str(cleaned), "--sample", "20"])
        rows.append((f"diff --sample 20 of {docs:,} cleaned docs", f"{t:.2f} s"))
        t = _timed_cli(["diff", str(corpus), "--rule", "chrome.byline", "--sample", "20"])
        rows.append((f"diff --rule chrome.byline --sample 20 of {docs:,} raw docs "
                     "(cleans all)", f"{t:.1f} s"))
    megabytes = 10 if quick else 100
    original, text, edits = _big_document(megabytes)
    result = CleanResult("big", original, text, edits, {})
    start = time.perf_counter()
    diff = diff_result(result)
    sink = Console(file=io.StringIO(), width=120, force_terminal=True,
                   color_system="truecolor", highlight=False)
    sink.print(document_view(diff))
    t = time.perf_counter() - start
    size = len(original.encode("utf-8")) / 1e6
    rows.append((f"diff of one {size:.0f} MB document, {len(edits):,} edits", f"{t:.1f} s"))
    return rows


if __name__ == "__main__":
    for label, figure in bench("--quick" in sys.argv):
        print(f"{label:70} {figure}")
