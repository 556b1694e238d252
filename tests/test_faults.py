"""Bad input, odd file names and signals: no record is lost, no half-written file is left.

Each test drives the real CLI (in-process through ``main`` where no signal is involved, as a
subprocess where one is) on real files.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import zstandard

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.io import decode_bytes, read_records
from cleaner.io.records import InputProblem, Record

BODY = "正文第一段写得很长，内容丰富，这是新闻报道的正文。"


def line(doc_id: str, text: str) -> bytes:
    return (json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n").encode("utf-8")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


# -- text the tool cannot encode ------------------------------------------------------------

def test_lone_surrogate_is_repaired_with_an_edit():
    result = Cleaner().clean("新闻\udce7正文。")
    assert result.text == "新闻\ufffd正文。"
    assert [(e.rule, e.old, e.new) for e in result.edits] == [
        ("input.surrogates", "\udce7", "\ufffd")]


def test_non_utf8_byte_in_a_jsonl_string_keeps_every_record(tmp_path: Path, capsys):
    src = tmp_path / "b.jsonl"
    src.write_bytes(b'{"id":"a","text":"ok"}\n{"id":"y","text":"ab\xffcd","t":"x\xfe"}\n')
    out = tmp_path / "o.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["a", "y"]
    assert records[1]["text"] == "ab\ufffdcd"
    assert records[1]["t"] == "x\udcfe"  # other fields pass through, escaped, byte kept
    assert "input.surrogates" in records[1]["cleaner"]["rules"]


def test_unparsable_non_utf8_line_is_kept_byte_for_byte(tmp_path: Path, capsys):
    src = tmp_path / "b.jsonl"
    bad = b'{"id":"z","text":"broken \xff\xfe'
    src.write_bytes(line("a", BODY) + bad + b"\n" + line("c", BODY))
    out = tmp_path / "o.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 1
    assert [r["id"] for r in read_jsonl(out)] == ["a", "c"]
    assert (tmp_path / "o.jsonl.rejects").read_bytes() == bad + b"\n"
    assert "b.jsonl:2" in capsys.readouterr().err


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path, capsys):
    src = tmp_path / "in.jsonl.gz"
    data = gzip.compress(b"".join(line(str(i), BODY + str(i)) for i in range(50)))
    src.write_bytes(data[: len(data) * 2 // 3])
    out = tmp_path / "o.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 1
    kept = read_jsonl(out)
    assert kept and all(r["text"].startswith(BODY) for r in kept)
    assert "ends early" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["truncate", "corrupt"])
def test_broken_zstd_is_reported_not_silent(tmp_path: Path, damage: str):
    data = zstandard.ZstdCompressor().compress(
        b"".join(line(str(i), f"{BODY}第{i}篇。" * 20) for i in range(200)))
    src = tmp_path / "in.jsonl.zst"
    if damage == "truncate":
        src.write_bytes(data[: len(data) // 2])
    else:
        src.write_bytes(data[:40] + bytes(b ^ 0x5A for b in data[40:80]) + data[80:])
    items = list(read_records([src]))
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert len(problems) == 1 and "ends early" in problems[0].message
    assert all(isinstance(i, Record) for i in items[:-1])


def test_zstd_of_several_frames_reads_whole(tmp_path: Path):
    z = zstandard.ZstdCompressor()
    src = tmp_path / "in.jsonl.zst"
    src.write_bytes(z.compress(line("a", BODY)) + z.compress(line("b", BODY)))
    assert [r.id for r in read_records([src])] == ["a", "b"]


def test_rejects_of_stdout_run_go_to_the_named_file(tmp_path: Path, capsysbinary):
    src = tmp_path / "b.jsonl"
    src.write_bytes(line("a", BODY) + b"{not json \xff\n")
    rejects = tmp_path / "bad.lines"
    assert main(["clean", str(src), "-o", "-", "--rejects", str(rejects), "--workers", "1"]) == 1
    assert rejects.read_bytes() == b"{not json \xff\n"
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert json.loads(out)["id"] == "a"


def test_rejects_without_a_file_for_stdout_say_so(tmp_path: Path, capsys):
    src = tmp_path / "b.jsonl"
    src.write_bytes(line("a", BODY) + b"{not json\n")
    assert main(["clean", str(src), "-o", "-", "--workers", "1"]) == 1
    assert "--rejects" in capsys.readouterr().err


# -- file names ------------------------------------------------------------------------------

def test_file_name_that_is_not_utf8(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"n\xe9ws.txt")).write_text(BODY, "utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 0
    assert (out / os.fsdecode(b"n\xe9ws.txt")).read_text("utf-8").strip() == BODY
    meta = read_jsonl(out / "cleaner-meta.jsonl")
    assert os.fsencode(meta[0]["id"]) == b"n\xe9ws"


def test_markup_in_file_names_and_line_numbers_print_as_they_are(tmp_path: Path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a[").mkdir()
    (src / "a[" / "red]b.txt").write_bytes(b"\x00\x01\x02\x03")
    (src / "ok.txt").write_text(BODY, "utf-8")
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--workers", "1"]) == 1
    assert "a[/red]b.txt" in capsys.readouterr().err
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_bytes(b"".join(line(str(i), BODY) for i in range(99)) + b"{broken\n")
    assert main(["clean", str(jsonl), "-o", str(tmp_path / "o.jsonl"), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "x.jsonl:100:" in err and "\U0001f4af" not in err


# -- decoding ---------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom(encoding: str):
    for text in (BODY, BODY + "\n2024年5月1日 Xinhua"):
        assert decode_bytes(text.encode(encoding), "x") == (text, encoding)


def test_nul_bytes_mean_binary_even_when_valid_utf8():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(BODY.encode("utf-8") + b"\x00\x00\x01" + BODY.encode("utf-8"), "x")


# -- output files ------------------------------------------------------------------------------

def test_outputs_get_umask_permissions(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(line("a", BODY))
    old = os.umask(0o027)
    try:
        assert main(["clean", str(src), "-o", str(tmp_path / "o.jsonl"), "--workers", "1"]) == 0
        assert main(["clean", str(tmp_path / "o.jsonl"), "-o", str(tmp_path / "p.jsonl"),
                     "--workers", "1"]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "o.jsonl").stat().st_mode & 0o777 == 0o640
    (tmp_path / "p.jsonl").chmod(0o604)  # a replaced file keeps its mode
    assert main(["clean", str(src), "-o", str(tmp_path / "p.jsonl"), "--workers", "1"]) == 0
    assert (tmp_path / "p.jsonl").stat().st_mode & 0o777 == 0o604


def test_writing_over_an_input_needs_in_place(tmp_path: Path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_bytes(line("a", "正文。\n\n\n\n第二段。"))
    before = src.read_bytes()
    assert main(["clean", str(src), "-o", str(src), "--workers", "1"]) == 2
    assert "--in-place" in capsys.readouterr().err
    assert src.read_bytes() == before
    assert main(["clean", str(src), "-o", str(src), "--in-place", "--workers", "1"]) == 0
    assert read_jsonl(src)[0]["cleaner"]["rules"]
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text(BODY, "utf-8")
    assert main(["clean", str(tree), "-o", str(tree), "--workers", "1"]) == 2


# -- signals and leftovers ----------------------------------------------------------------------

def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(x) for x in text.split()]
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_sigterm_stops_workers_and_removes_temporary_files(tmp_path: Path):
    src = tmp_path / "big.jsonl"
    src.write_bytes(b"".join(line(str(i), f"第{i}篇。{BODY}" * 30) for i in range(20000)))
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out),
                             "--workers", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        if len(workers) >= 2 and (tmp_path / ".o.jsonl.cleaner-journal").exists():
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    time.sleep(0.5)
    assert not [w for w in workers if alive(w)]
    assert not list(tmp_path.glob(".*.part")) and not out.exists()


STOP_MID_RESULT = """
from cleaner.parallel import ordered_map

def big(chunk):
    return ["x" * 20_000_000 for _ in chunk]

if __name__ == "__main__":
    results = ordered_map(big, range(100), workers=2, chunk_size=1)
    next(results)
    results.close()  # as a Ctrl-C in the consumer would: workers are stopped mid-write
"""


def test_workers_stopped_while_sending_a_result_let_the_process_exit(tmp_path: Path):
    """A worker stopped halfway through writing a result must not leave the pool's reader
    waiting for the rest of it (the process would hang at exit after being interrupted)."""
    script = tmp_path / "stop.py"
    script.write_text(STOP_MID_RESULT, "utf-8")
    for _ in range(3):  # each run stops two workers that are busy sending 20 MB results
        proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(line("a", BODY))
    stale = tmp_path / f".o.jsonl.{dead_pid()}.abcd1234.part"
    stale.write_bytes(b"half")
    mine = tmp_path / f".o.jsonl.{os.getpid()}.abcd1234.part"  # a live process's: kept
    mine.write_bytes(b"busy")
    assert main(["clean", str(src), "-o", str(tmp_path / "o.jsonl"), "--workers", "1"]) == 0
    assert not stale.exists() and mine.exists()
    tree_out = tmp_path / "out"
    tree_out.mkdir()
    stale_doc = tree_out / f".a.txt.{dead_pid()}.zz.part"
    stale_doc.write_bytes(b"half")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.txt").write_text(BODY, "utf-8")
    assert main(["clean", str(tmp_path / "tree"), "-o", str(tree_out), "--workers", "1"]) == 0
    assert not stale_doc.exists()


# -- user regexes under a time limit -----------------------------------------------------------

def test_catastrophic_user_rule_is_skipped_and_named(tmp_path: Path, capsys):
    pack = tmp_path / "slow.toml"
    pack.write_text(
        "[[rule]]\nid = 'chrome.slow'\nstage = 'chrome'\nkind = 'replace'\n"
        "pattern = '(a|aa)+$'\nreplacement = ''\nwhy = 'a pathological pattern'\n"
        "[[rule]]\nid = 'chrome.nested'\nstage = 'chrome'\nkind = 'drop_line'\n"
        "pattern = '(a+)+$'\nwhy = 'the classic: hangs re, not regex'\n", "utf-8")
    src = tmp_path / "in.jsonl"
    src.write_bytes(line("a", BODY + "\n" + "a" * 40 + "!") + line("b", BODY))
    out = tmp_path / "o.jsonl"
    start = time.monotonic()
    code = main(["clean", str(src), "-o", str(out), "--rules", str(pack), "--workers", "1",
                 "--regex-timeout", "0.5"])
    assert time.monotonic() - start < 60
    assert code == 1
    a, b = read_jsonl(out)
    assert a["cleaner"]["meta"]["rule_timeouts"] == ["chrome.slow"]
    assert a["text"].endswith("a" * 40 + "!")  # skipped, not applied halfway
    assert "rule_timeouts" not in b["cleaner"]["meta"]
    err = capsys.readouterr().err
    assert "chrome.slow" in err and "in.jsonl:1" in err


# -- idempotency -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "鏁。(shù )(鏁)??",  # brackets go full-width, then the ? beside them
    " ，姘?鏁版嵁（??术(shù)",  # ? → ？ changes what mojibake repair reads next to it
    "鍙?(shù)(shu)版嵁)??。(shù )",
    "??澶╂皵(shù )述(“",  # a lost-byte repair uncovers a double decoding
])
def test_cleaning_clean_text_changes_nothing(cleaner, text: str):
    once = cleaner.clean(text).text
    assert cleaner.clean(once).text == once


def test_a_file_named_dash_in_a_tree_is_a_document_not_stdin(tmp_path: Path):
    (tmp_path / "-").write_text(BODY, "utf-8")
    (tmp_path / "x:100:y").write_text(BODY, "utf-8")
    assert sorted(r.id for r in read_records([tmp_path])) == ["-", "x:100:y"]
