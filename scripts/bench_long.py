"""One very long document through ``cleaner clean`` and ``cleaner diff``: CPU time and peak memory.

    python scripts/bench_long.py --mb 100                 # the 100 MB case
    python scripts/bench_long.py --mb 8 --reference-mb 4  # plus whole vs pieces, in-process

The document is news dealt from the sentences of real reporting (``speed_corpus.news_mix``,
unique paragraphs) with a real portal page at its head and another at its tail (the seed
pages, chrome included), written as one UTF-8 text file (not timed). Both commands run as
subprocesses, exactly as a user runs them, with ``--max-chars`` large enough to take the
document; CPU is the process tree's (``RUSAGE_CHILDREN``), memory the peak of the tree's
summed resident sets (sampled every 0.2 s), wall time is given but the machine is shared.

``--reference-mb`` also cleans a smaller document of the same kind in this process both
ways — whole (``Cleaner(piece_chars=0)``, what every document was before) and in pieces
(the default) — and prints CPU, the Python heap peak (tracemalloc) and whether the two
clean texts are identical.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(ROOT))

from bench_scale import measure  # noqa: E402
from speed_corpus import news_mix  # noqa: E402


def long_document(megabytes: float, seed: int = 0) -> str:
    """A seed page, then news paragraphs totalling ``megabytes`` MB, then another seed page."""
    pages = sorted((ROOT / "seeds" / "input").glob("*.txt"))
    body = "\n".join(text for _, text in news_mix(megabytes, seed=seed))
    return "\n".join([pages[0].read_text(encoding="utf-8"), body,
                      pages[1].read_text(encoding="utf-8")])


def reference(megabytes: float) -> None:
    from cleaner import Cleaner

    text = long_document(megabytes, seed=1)
    texts = []
    for name, cleaner in (("whole", Cleaner(piece_chars=0)), ("pieces", Cleaner())):
        cleaner.clean("预热。")
        tracemalloc.start()
        start = time.process_time()
        texts.append(cleaner.clean(text).text)
        cpu = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"in-process {name:6s} {len(text):>11,} chars  CPU {cpu:7.1f} s "
              f"({cpu / len(text) * 1e6:.2f} µs/char)  heap peak {peak / 2**20:8.1f} MiB")
    print(f"clean texts identical: {texts[0] == texts[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=100.0, help="document size in MB (UTF-8)")
    parser.add_argument("--reference-mb", type=float, default=0.0,
                        help="also compare whole and pieces in-process on this size")
    parser.add_argument("--skip-diff", action="store_true")
    args = parser.parse_args()
    cleaner = [sys.executable, "-m", "cleaner"]
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "long.txt"
        text = long_document(args.mb)
        doc.write_text(text, encoding="utf-8")
        chars = len(text)
        del text
        print(f"document: {doc.stat().st_size / 1e6:.1f} MB, {chars:,} characters")
        runs = {"clean": [*cleaner, "clean", "--max-chars", str(chars + 1), str(doc),
                          "-o", str(Path(tmp) / "out.jsonl")]}
        if not args.skip_diff:
            runs["diff"] = [*cleaner, "diff", "--max-chars", str(chars + 1), "--width", "120",
                            str(doc)]
        for name, cmd in runs.items():
            m = measure(cmd)
            print(f"cleaner {name:5s}  CPU {m['cpu_s']:7.1f} s ({m['cpu_s'] / chars * 1e6:.2f} "
                  f"µs/char)  peak RSS {m['peak_mib']:7.0f} MiB  wall {m['wall_s']:7.1f} s")
    if args.reference_mb:
        reference(args.reference_mb)


if __name__ == "__main__":
    main()
