"""Regenerate the README screenshots from the real ``cleaner diff`` output.

    python scripts/screenshots.py

Writes ``docs/diff-seed.svg`` (a bundled seed, inline view) and ``docs/diff-dups.svg`` (the
``--dups`` view on a small dedup-output fixture made from the seeds: each expected clean
seed, kept, and a repost of it with a changed sentence and an added credit line).
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from cleaner.cli import build_parser  # noqa: E402
from cleaner.commands import diff  # noqa: E402

DOCS = ROOT / "docs"
SEED = ROOT / "seeds" / "input" / "002_4498b407bb8dc0d4.txt"
EXPECTED = sorted((ROOT / "seeds" / "expected").glob("*.txt"))


def dups_fixture(path: Path) -> None:
    """Dedup output: records with ``cluster``, ``duplicate_of`` and ``similarity``."""
    rows = []
    for p in EXPECTED[2:4]:
        text = p.read_text(encoding="utf-8")
        lines = text.split("\n")
        body = next(i for i, line in enumerate(lines) if len(line) > 60)
        line = lines[body]
        lines[body] = line[:24] + "（据当地媒体报道）" + line[24:40] + line[44:]
        repost = "\n".join(lines) + "\n（来源：某某新闻网 转载请注明出处）"
        rows.append({"id": p.stem, "text": text, "cluster": f"c{p.stem[:3]}",
                     "duplicate_of": None, "similarity": 1.0})
        rows.append({"id": p.stem + "-repost", "text": repost, "cluster": f"c{p.stem[:3]}",
                     "duplicate_of": p.stem, "similarity": 0.88})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def shoot(argv: list[str], target: Path, title: str, width: int = 110) -> None:
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", highlight=False)
    diff.run(build_parser().parse_args(argv), console=console)
    console.save_svg(str(target), title=title)
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    shoot(["diff", str(SEED), "--context", "1", "--max-hunks", "1"],
          DOCS / "diff-seed.svg", f"cleaner diff seeds/input/{SEED.name} --context 1")
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "dedup.jsonl"
        dups_fixture(fixture)
        shoot(["diff", "--dups", str(fixture), "--context", "1"], DOCS / "diff-dups.svg",
              "cleaner diff --dups dedup.jsonl")


if __name__ == "__main__":
    main()
