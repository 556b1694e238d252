"""Fuzz the library and the CLI readers for a given number of minutes; report what broke.

    python scripts/fuzz.py --minutes 30 [--seed 1] [--out fuzz-report.json]

Hypothesis generates the inputs (no example database, so every run explores afresh):

- ``api``: ``Cleaner().clean`` on random Unicode (CJK, Latin, digits, punctuation, controls,
  lone surrogates, RTL and bidi controls, combining marks, pinyin with tone marks, chrome-like
  lines, brackets around pinyin). A crash is any exception; the text is non-idempotent when
  cleaning the clean text changes it again; a surrogate left in the output is a crash too.
- ``bytes``: random bytes as a text file through ``read_records`` (one record or one problem).
- ``jsonl``: random JSONL (valid records with random text and fields, broken lines, random
  bytes), plain, gzip or zstd, whole or truncated, through ``cleaner clean`` in-process: every
  non-blank input line must come out as an output record or a kept reject, or (truncated
  files only) be reported as lost to the cut.
- ``tree``: files with random (non-UTF-8, markup, emoji-code) names and random bytes through
  ``cleaner clean DIR``: every file is cleaned or reported.

Prints a table and writes the figures as JSON; exits 1 when anything broke.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.io import read_records  # noqa: E402

# Before any @given: the settings a test gets are fixed when it is decorated.
settings.register_profile("fuzz", max_examples=50, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile("fuzz")

PIECES = ["人民网>>四川频道>>综合栏目", "（责任编辑：王小明）", "来源：新华社", "相关新闻",
          "【打印】【关闭】",
          "数(shù)据", "(shù)", "?", "？", "xīn wén", "2024年5月1日 14:54", "本报讯", "记者 张三 摄",
          "鈥滄柊闂烩€", "ÐÂÎÅ", "\u200f", "\u202e", "\u0301", "\ufeff", "\r\n", "\n\n", "　", "……"]
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.characters(min_codepoint=0x0000, max_codepoint=0x001F),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
    st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.sampled_from("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ\u200b\u200e\u2028"),
    st.characters(),
)
TEXT = st.lists(st.one_of(st.text(ALPHABET, max_size=40), st.sampled_from(PIECES)),
                max_size=30).map("".join)


class Tally:
    def __init__(self) -> None:
        self.cases: Counter[str] = Counter()
        self.crashes: dict[str, dict] = {}
        self.crash_count = 0
        self.nonidempotent: list[str] = []
        self.lost = 0
        self.lost_examples: list[str] = []

    def crash(self, target: str, exc: BaseException, sample: object) -> None:
        self.crash_count += 1
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        key = f"{target}: {type(exc).__name__} at {frame.filename}:{frame.lineno}" if frame \
            else f"{target}: {type(exc).__name__}"
        entry = self.crashes.setdefault(key, {"count": 0, "message": str(exc)[:200],
                                              "example": repr(sample)[:500]})
        entry["count"] += 1


TALLY = Tally()
CLEANER: Cleaner | None = None


def cleaner() -> Cleaner:
    global CLEANER
    if CLEANER is None:
        CLEANER = Cleaner()
    return CLEANER


@given(TEXT)
def fuzz_api(text: str) -> None:
    TALLY.cases["api"] += 1
    try:
        once = cleaner().clean(text).text
        if any(0xD800 <= ord(c) <= 0xDFFF for c in once):
            raise AssertionError("lone surrogate in the output")
        once.encode("utf-8")
        twice = cleaner().clean(once).text
    except Exception as exc:  # noqa: BLE001 - every crash is a finding
        TALLY.crash("api", exc, text)
        return
    if twice != once and len(TALLY.nonidempotent) < 1000:
        TALLY.nonidempotent.append(text)


@given(st.binary(max_size=600))
def fuzz_bytes(data: bytes) -> None:
    TALLY.cases["bytes"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.txt"
        path.write_bytes(data)
        try:
            items = list(read_records([path]))
            if len(items) != 1:
                raise AssertionError(f"{len(items)} items for one file")
        except Exception as exc:  # noqa: BLE001
            TALLY.crash("bytes", exc, data)


JSON_LINE = st.one_of(
    st.builds(lambda i, t, extra: json.dumps({"id": str(i), "text": t, **extra},
                                             ensure_ascii=False).encode("utf-8", "surrogatepass"),
              st.integers(0, 10**6), TEXT,
              st.dictionaries(st.sampled_from(["title", "url", "n"]),
                              st.one_of(TEXT, st.integers(), st.none()), max_size=2)),
    st.builds(lambda t: json.dumps({"id": "q", "text": t}).encode(), TEXT),  # \u escapes
    st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.just(b'{"id": "no-text"}'),
    st.just(b""),
)


@given(st.lists(JSON_LINE, max_size=12), st.sampled_from(["", ".gz", ".zst"]),
       st.one_of(st.none(), st.floats(0, 1)))
def fuzz_jsonl(lines: list[bytes], compression: str, cut: float | None) -> None:
    TALLY.cases["jsonl"] += 1
    data = b"".join(x + b"\n" for x in lines)
    if compression == ".gz":
        data = gzip.compress(data)
    elif compression == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    truncated = cut is not None and compression != "" and int(len(data) * cut) > 0
    if truncated:
        data = data[: int(len(data) * cut)]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in.jsonl{compression}"
        src.write_bytes(data)
        out = Path(tmp) / "out.jsonl"
        try:
            messages = _clean_cli(src, out)
            written = len(out.read_bytes().splitlines()) if out.exists() else 0
            rejects = Path(f"{out}.rejects")
            kept = written + (len(rejects.read_bytes().split(b"\n")) - 1
                              if rejects.exists() else 0)
            expected = sum(1 for x in lines if x.decode("utf-8", "surrogateescape").strip())
            if truncated:
                if kept > expected:
                    raise AssertionError(f"{kept} records out of {expected} lines")
                if kept < expected and "ends early" not in messages \
                        and "unparsable" not in messages:
                    _lost(expected - kept, lines, compression, cut)
            elif kept != expected:
                _lost(abs(expected - kept), lines, compression, cut)
        except Exception as exc:  # noqa: BLE001
            TALLY.crash("jsonl", exc, (lines, compression, cut))


def _clean_cli(src: Path, out: Path) -> str:
    """``cleaner clean SRC -o OUT`` in this process; what it printed on stderr. A run may report
    problems (exit 1) but must never fail (any other code)."""
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(["clean", str(src), "-o", str(out), "--workers", "1"])
    if code not in (0, 1):
        raise AssertionError(f"exit {code}: {err.getvalue()[-300:]}")
    return err.getvalue()


def _lost(n: int, lines: list[bytes], compression: str, cut: float | None) -> None:
    TALLY.lost += n
    if len(TALLY.lost_examples) < 20:
        TALLY.lost_examples.append(repr((lines, compression, cut))[:500])


NAME = st.one_of(st.binary(min_size=1, max_size=20).filter(
    lambda b: b"/" not in b and b"\0" not in b and not b.startswith(b".")),
    st.sampled_from([b"a[red]b", b"[bold red]x", b"x:100:y", b"[bold", b"\xff\xfe"]))


@given(st.dictionaries(NAME, st.one_of(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                                       st.binary(max_size=200)), min_size=1, max_size=5))
def fuzz_tree(files: dict[bytes, bytes]) -> None:
    TALLY.cases["tree"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for name, data in files.items():
            (src / os.fsdecode(name)).write_bytes(data)
        out = Path(tmp) / "out"
        try:
            messages = _clean_cli(src, out)
            meta = out / "cleaner-meta.jsonl"
            cleaned = len(meta.read_bytes().splitlines()) if meta.exists() else 0
            reported = messages.count("✗")
            if cleaned + reported < len(files):
                _lost(len(files) - cleaned - reported, [bytes(k) for k in files], "tree", None)
        except Exception as exc:  # noqa: BLE001
            TALLY.crash("tree", exc, files)


TARGETS = {"api": fuzz_api, "bytes": fuzz_bytes, "jsonl": fuzz_jsonl, "tree": fuzz_tree}


def main_fuzz() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--out", default="fuzz-report.json")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    targets = [TARGETS[t] for t in args.targets.split(",")]
    end = time.monotonic() + args.minutes * 60
    cpu0 = time.process_time()
    while time.monotonic() < end:
        for target in targets:
            target._hypothesis_internal_use_seed = rng.getrandbits(64)  # type: ignore[attr-defined]
            target()
            if time.monotonic() >= end:
                break
    report = {
        "minutes": args.minutes, "cpu_seconds": round(time.process_time() - cpu0, 1),
        "cases": dict(TALLY.cases), "crashes": TALLY.crash_count,
        "crash_kinds": TALLY.crashes, "non_idempotent": len(TALLY.nonidempotent),
        "non_idempotent_examples": [repr(t)[:300] for t in TALLY.nonidempotent[:20]],
        "records_lost": TALLY.lost, "lost_examples": TALLY.lost_examples,
    }
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    print(f"fuzzed {args.minutes:g} min ({report['cpu_seconds']} s CPU): "
          + ", ".join(f"{k} {v:,} cases" for k, v in TALLY.cases.items()))
    print(f"crashes {TALLY.crash_count}, non-idempotent inputs {len(TALLY.nonidempotent)}, "
          f"records lost {TALLY.lost}")
    for key, entry in TALLY.crashes.items():
        print(f"  {entry['count']}× {key}: {entry['message']}\n     e.g. {entry['example'][:200]}")
    for text in TALLY.nonidempotent[:5]:
        print(f"  not idempotent: {text!r:.200}")
    return 1 if TALLY.crash_count or TALLY.nonidempotent or TALLY.lost else 0


if __name__ == "__main__":
    raise SystemExit(main_fuzz())
