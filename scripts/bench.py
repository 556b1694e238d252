"""Benchmarks: cleaning per corpus family, workers, dedup, start-up, worst case, OpenCC, mojibake,
dedup signatures, diff.

    python scripts/bench.py            # everything (tens of minutes on a shared 2-core machine)
    python scripts/bench.py --quick    # smaller inputs
    python scripts/bench.py --only families,startup

Every section runs the reference implementation in the same run and prints ratios; every
corpus is unique text (``scripts/speed_corpus.py``: no document repeats, so no cache serves a
second copy); cleaning speed is CPU time. The sections families, workers, dedup, startup and
worst are ``scripts/bench_clean.py``'s. The pure-Python OpenCC re-implementation installs a
package named ``opencc`` just like the official wheel, so it is measured in a venv of its own
(``.venv-opencc-py/``, created on first use) and never mixed into the project's environment.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SEEDS = sorted((ROOT / "seeds" / "input").glob("*.txt"))
REIMPL_VENV = ROOT / ".venv-opencc-py"


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


_OPENCC_TIMER = r"""
import json, sys, time, opencc
texts = json.load(sys.stdin)
conv = opencc.OpenCC("t2s")
conv.convert(texts[0])
start = time.perf_counter()
out = [conv.convert(t) for t in texts]
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "out": out[:5], "module": opencc.__file__}))
"""


def _reimpl_python() -> Path | None:
    python = REIMPL_VENV / "bin" / "python"
    if python.exists():
        return python
    try:
        subprocess.run([sys.executable, "-m", "venv", str(REIMPL_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q",
                        "opencc-python-reimplemented==0.1.7"], check=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        print(f"  (cannot build the re-implementation venv: {exc})", file=sys.stderr)
        return None
    return python


def bench_opencc(quick: bool) -> list[tuple[str, str]]:
    """Traditional → Simplified: the official C++ wheel against the pure-Python one."""
    import speed_corpus

    docs = seed_texts() + [text for _, text in speed_corpus.news()[:60 if quick else 400]]
    megabytes = sum(len(t.encode("utf-8")) for t in docs) / 1e6
    payload = json.dumps(docs, ensure_ascii=False)
    rows = []
    results = {}
    pythons = {"opencc (C++ wheel)": Path(sys.executable), "opencc-python-reimplemented": _reimpl_python()}
    for label, python in pythons.items():
        if python is None:
            rows.append((label, "not available"))
            continue
        proc = subprocess.run([str(python), "-c", _OPENCC_TIMER], input=payload, text=True,
                              capture_output=True, encoding="utf-8", cwd="/",
                              env={**os.environ, "PYTHONPATH": ""})
        if proc.returncode != 0:
            rows.append((label, f"failed: {proc.stderr.strip()[-200:]}"))
            continue
        data = json.loads(proc.stdout)
        results[label] = data
        rows.append((label, f"{megabytes / data['seconds']:.2f} MB/s"))
    if len(results) == 2:
        a, b = results.values()
        rows.append(("speed ratio", f"{b['seconds'] / a['seconds']:.1f}× (C++ wheel faster)"))
        rows.append(("same output on the seeds", "yes" if a["out"] == b["out"] else "NO"))
    return rows


SECTIONS = {
    "families": "bench_clean",
    "workers": "bench_clean",
    "dedup_clean": "bench_clean",
    "startup": "bench_clean",
    "worst": "bench_clean",
    "opencc": bench_opencc,
    "mojibake": "bench_mojibake",
    "dedup": "bench_dedup",
    "diff": "bench_diff",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--only", default="", help="comma-separated sections")
    args = parser.parse_args()
    wanted = [s for s in args.only.split(",") if s] or list(SECTIONS)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name in wanted:
        target = SECTIONS[name]
        if isinstance(target, str):
            try:
                module = importlib.import_module(target)
            except ImportError:
                print(f"\n## {name}: not available")
                continue
            rows = (module.SECTIONS[name](args.quick) if module.__name__ == "bench_clean"
                    else module.bench(quick=args.quick))
        else:
            rows = target(args.quick)
        print(f"\n## {name}")
        width = max(len(label) for label, _ in rows)
        for label, figure in rows:
            print(f"  {label:<{width}}  {figure}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
