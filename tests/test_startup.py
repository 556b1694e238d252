"""What `cleaner clean` loads before it has seen garbled text or an HTML page.

Start-up is most of the cost of cleaning one small file, and the heavy modules (numpy for the
character model, lxml and the page reader for HTML, the diff renderer) are only needed by
some inputs and commands. These tests pin that they stay out of a plain-text run; they check
which modules were imported, never how long anything took.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from cleaner.ops import charlm

HEAVY = ("numpy", "lxml", "cleaner.html.page", "cleaner.review.hunks", "cleaner.dedup")
PROBE = """
import json, sys
from cleaner.cli import main
code = main(["clean", sys.argv[1], "-o", sys.argv[2]])
print(json.dumps([code, sorted(m for m in sys.argv[3:] if m in sys.modules)]))
"""


def _loaded_by_clean(tmp_path: Path, text: str, name: str = "one.txt") -> tuple[int, list[str]]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE, str(src), str(tmp_path / "out"), *HEAVY],
                         capture_output=True, text=True, encoding="utf-8", timeout=120, check=True)
    code, loaded = json.loads(out.stdout.splitlines()[-1])
    return code, loaded


def test_plain_text_run_imports_no_heavy_module(tmp_path: Path):
    text = "人民网>>国内新闻\n正文第一段写得很长，内容丰富，这是新闻报道的正文。\n（责任编辑：张三）\n"
    assert _loaded_by_clean(tmp_path, text) == (0, [])


def test_html_page_still_loads_its_reader(tmp_path: Path):
    page = "<html><body><p>正文第一段写得很长，内容丰富，这是新闻报道的正文。</p></body></html>"
    code, loaded = _loaded_by_clean(tmp_path, page, "page.html")
    assert code == 0 and "lxml" in loaded and "cleaner.html.page" in loaded


def test_unigram_table_read_without_numpy_equals_numpy_load():
    with np.load(charlm.DATA) as data:
        expected = list(zip(str(data["chars"][0]), data["uni"].tolist(), strict=True))
    assert list(charlm.unigram_counts().items()) == expected
