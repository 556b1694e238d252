"""`cleaner clean` and `cleaner rules` end to end, through the real entry point."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import main
from tests.conftest import SEEDS

BODY = "正文第一段写得很长，内容丰富，这是新闻报道的正文。"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_clean_tree_mirrors_and_records_metadata(tmp_path: Path):
    out = tmp_path / "out"
    assert main(["clean", str(SEEDS / "input"), "-o", str(out), "--workers", "2"]) == 0
    names = sorted(p.name for p in out.glob("*.txt"))
    assert names == sorted(p.name for p in (SEEDS / "input").glob("*.txt"))
    for name in names:
        expected = (SEEDS / "expected" / name).read_text(encoding="utf-8")
        assert (out / name).read_text(encoding="utf-8").rstrip("\n") == expected.rstrip("\n")
    meta = [json.loads(line) for line in (out / "cleaner-meta.jsonl").read_text("utf-8").splitlines()]
    by_id = {m["id"]: m for m in meta}
    assert by_id["001_2dca93d985c67243"]["meta"]["editor"] == "罗昱、高红霞"
    assert "chrome.breadcrumb" in by_id["001_2dca93d985c67243"]["rules"]


def test_clean_jsonl_keeps_fields_and_reports_bad_lines(tmp_path: Path):
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"doc": "a", "content": "小字號\n" + BODY, "url": "http://x"},
                                ensure_ascii=False) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps({"doc": "b", "content": ""}) + "\n")
        handle.write(json.dumps({"doc": "c", "other": 1}) + "\n")
    out = tmp_path / "out.jsonl.zst"
    code = main(["clean", str(src), "-o", str(out), "--text-field", "content",
                 "--id-field", "doc", "--edits", "--workers", "1"])
    assert code == 1  # problems were reported …
    from cleaner.io import read_records

    rows = [r.fields for r in read_records([out], text_field="content")]
    rows += [p.fields for p in read_records([out], text_field="content") if hasattr(p, "message")]
    by_doc = {r["doc"]: r for r in rows if r}
    assert by_doc["a"]["content"] == BODY  # … but every good record was written
    assert by_doc["a"]["url"] == "http://x"
    assert by_doc["a"]["cleaner"]["rules"] == ["chrome.widgets"]
    assert by_doc["a"]["cleaner"]["edits"][0]["old"] == "小字號\n"
    assert by_doc["b"]["content"] == ""
    assert by_doc["c"]["cleaner"]["error"].startswith("no string field")
    assert (tmp_path / "out.jsonl.zst.rejects").read_text("utf-8") == "{not json\n"


def test_clean_stdin_to_stdout():
    line = json.dumps({"id": "x", "text": "人民網>>四川頻道>>綜合\n" + BODY}, ensure_ascii=False)
    proc = run_cli("clean", "-", "-o", "-", "--workers", "1", stdin=line + "\n")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["text"] == BODY and row["cleaner"]["rules"] == ["chrome.breadcrumb"]
    assert "chrome.breadcrumb" in proc.stderr  # the summary table goes to stderr


def test_clean_binary_input_names_the_file(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01\x02\xff" * 300)
    proc = run_cli("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1")
    assert proc.returncode == 1
    assert "bad.txt" in proc.stderr and "binary" in proc.stderr
    assert (tmp_path / "out" / "good.txt").read_text("utf-8").strip() == BODY


def test_bad_rule_pack_is_a_clear_error(tmp_path: Path):
    pack = tmp_path / "bad.toml"
    pack.write_text("[[rule]]\nid = 'chrome.bad'\nstage = 'chrome'\nkind = 'replace'\n"
                    "pattern = '(('\nwhy = 'x'\n", encoding="utf-8")
    proc = run_cli("clean", str(SEEDS / "input"), "-o", str(tmp_path / "o"), "--rules", str(pack))
    assert proc.returncode == 2
    assert "bad.toml" in proc.stderr and "chrome.bad" in proc.stderr


def test_rules_list_and_test(capsys):
    assert main(["rules", "list"]) == 0
    listing = capsys.readouterr().out
    assert "chrome.breadcrumb" in listing and "script.convert" in listing
    assert main(["rules", "test"]) == 0
    assert " 0 failed" in capsys.readouterr().err


def test_jsonl_input_needs_jsonl_output(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["clean", str(src)])
    assert main(["clean", str(src), "-o", str(tmp_path / "outdir")]) == 2


def test_ctrl_c_leaves_no_partial_output(tmp_path: Path):
    import signal
    import time

    src = tmp_path / "in"
    src.mkdir()
    seed = (SEEDS / "input" / "001_2dca93d985c67243.txt").read_text(encoding="utf-8")
    for i in range(3000):
        (src / f"{i:05d}.txt").write_text(seed, encoding="utf-8")
    out = tmp_path / "out"
    # a harness that runs the suite in the background has SIGINT ignored, and a child inherits
    # that (Python then installs no Ctrl-C handler): the child gets the default back
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out),
                             "--workers", "1"], stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for _ in range(2400):  # wait until the run is writing (the machine may be busy)
        if out.exists() and any(p.suffix == ".txt" for p in out.iterdir()):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".part")]
    assert leftovers == []
    assert not (out / "cleaner-meta.jsonl").exists()  # the sidecar is all-or-nothing
    expected = (SEEDS / "expected" / "001_2dca93d985c67243.txt").read_text(encoding="utf-8")
    for done in out.glob("*.txt"):  # every text file that exists is complete
        assert done.read_text(encoding="utf-8").rstrip("\n") == expected.rstrip("\n")


def test_two_inputs_naming_one_output_file_are_reported_not_overwritten(tmp_path: Path,
                                                                          capsys):
    """Two trees that both hold ``x.txt`` mirror to one output file: the first is written, the
    second reported (naming both), in one process and with workers alike (the main process
    writes the files in input order, whichever worker finishes first)."""
    paragraph = "新华社北京电 记者从有关部门获悉，今年以来各地持续推进城乡建设，取得了积极进展。"
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "x.txt").write_text(f"{side}：{paragraph}\n", encoding="utf-8")
    for i in range(70):  # more than two chunks, so that workers run
        (tmp_path / "a" / f"n{i:02d}.txt").write_text(f"{i}。{paragraph}\n", encoding="utf-8")
    outs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        assert main(["clean", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out),
                     "--workers", workers]) == 1
        err = capsys.readouterr().err
        assert "".join(err.split()).count("b/x.txt:notwritten") == 1
        outs[workers] = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.txt")}
        sidecar = [json.loads(line) for line in (out / "cleaner-meta.jsonl").open()]
        assert len(sidecar) == 71
    assert outs["1"] == outs["2"]
    assert outs["2"]["x.txt"].startswith("a：")
    assert len(outs["2"]) == 71
