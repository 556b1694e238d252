"""``run --engine ray`` on an input larger than Ray's object store budget, on two CPUs.

The reading task then holds one CPU while it waits for the cleaning actors to take its blocks,
and the actors hold the other: an operator of its own between them (a filter for rows without
text) found no CPU left and the run waited forever. The run here is a real local Ray cluster
with an 80 MB object store and ~67 MB of JSONL, in a child process with a time limit.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ray")

from tests.realdups import paragraphs  # noqa: E402

DOCS = 6_000
STORE = 80 * 1024 * 1024
LIMIT = 300  # seconds: the run takes about a minute on two cores

_RUN = """
import json, sys
import ray
ray.init(num_cpus=2, object_store_memory={store}, include_dashboard=False, log_to_driver=False)
ray.data.DataContext.get_current().enable_progress_bars = False
from cleaner import ray as cleaner_ray
ds = ray.data.read_json(sys.argv[1], lines=True)
out = cleaner_ray.dedup(ds, clean=True, write_clean=True)
rows = sum(batch.num_rows for batch in out.iter_batches(batch_format="pyarrow", batch_size=4096))
print(json.dumps({{"rows": rows}}))
"""


def _corpus(path: Path) -> None:
    paras = paragraphs()
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as out:
        for n in range(DOCS):
            text = "\n".join(rng.sample(paras, 36))
            out.write(json.dumps({"id": f"d{n}", "text": text}, ensure_ascii=False) + "\n")
        out.write(json.dumps({"id": "no-text", "text": None}) + "\n")


def test_a_run_larger_than_the_object_store_budget_ends(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    _corpus(src)
    assert src.stat().st_size > STORE * 0.8
    child = subprocess.Popen([sys.executable, "-c", _RUN.format(store=STORE), str(src)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[1], start_new_session=True)
    try:
        out, err = child.communicate(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the driver and the Ray processes it started
        child.communicate()
        pytest.fail(f"the run did not end in {LIMIT} s")
    assert child.returncode == 0, err[-2000:]
    assert json.loads(out.strip().splitlines()[-1]) == {"rows": DOCS}  # no-text left out
