"""Score HTML input on real pages with gold bodies, beside trafilatura, readability-lxml and bs4.

    python scripts/eval_html.py                                  # dev pages + unseen labels
    python scripts/eval_html.py --only cleaner --show-lost --show-left --split tune

Sets: ``dev`` = ``../shared/realdata/html_dev/`` (gold: the matching id of ``fullpage_dev.jsonl``);
``tune`` and ``holdout`` = the hand-labelled unseen pages (``--labels``, field ``html_file`` and
``split``; the holdout split is reported apart and never tuned on). Every extractor gets the
page's *bytes* (each decodes as it does for its users); trafilatura is also run on the text as
cleaner decoded it, and "cleaner DOM only" is the HTML stage without the text rules. Scoring is
``scripts/eval_chrome.py``'s: a gold line is kept when the output contains it after NFKC,
whitespace removal and Simplified script; a chrome line is removed when no output line contains
it. A page counts as mis-decoded when the output holds U+FFFD although a lossless decoding
exists and the page's own text holds none (some pages carry U+FFFD in their UTF-8 bytes), or
keeps less than half of its gold lines and reads as garbled (U+FFFD, Latin-1 letters) while
cleaner's decoding of the same bytes holds at least 90% of them; an extractor that fails or
returns nothing is counted under "failed", not as a decoding. Speed is CPU time
(``time.process_time``) per extractor over the same pages in the same run, after the models every
extractor loads once per process are loaded. The data is not part of the project; this script
is never run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner  # noqa: E402
from cleaner.html.decode import decode_page  # noqa: E402
from cleaner.html.page import read_page  # noqa: E402
from cleaner.rules import RuleSet  # noqa: E402
from scripts.eval_chrome import normalise  # noqa: E402

REAL = Path("../shared/realdata")


@dataclass
class Page:
    id: str
    split: str
    data: bytes
    gold: list[str]
    chrome: list[str]
    decoded: str = ""
    lossless: bool = True


@dataclass
class Score:
    gold: int = 0
    kept: int = 0
    chrome: int = 0
    removed: int = 0
    cpu: float = 0.0
    pages: int = 0
    misdecoded: list[str] = field(default_factory=list)
    failed: int = 0


def load_pages(real: Path, labels: Path | None) -> list[Page]:
    pages = []
    gold = {json.loads(line)["id"]: json.loads(line) for line in
            (real / "fullpage_dev.jsonl").read_text(encoding="utf-8").splitlines() if line}
    for path in sorted((real / "html_dev").glob("*.html")):
        row = gold.get(f"full-{path.stem}")
        if row:
            pages.append(Page(path.stem, "dev", path.read_bytes(), row["gold_body"], row["chrome"]))
    if labels and labels.exists():
        for line in labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                html = Path(row["html_path"]) if row.get("html_path") else \
                    real / "unlabelled" / "html" / row["html_file"]
                data = html.read_bytes()
                pages.append(Page(row["id"], row["split"], data, row["gold_body"], row["chrome"]))
    for page in pages:
        decoded = decode_page(page.data)
        page.decoded, page.lossless = decoded.text, decoded.replaced == 0
    return pages


def _text_of_html(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    for node in soup(["script", "style", "noscript"]):
        node.decompose()
    return soup.get_text("\n")


def extractors(cleaner: Cleaner) -> dict[str, Callable[[Page], str]]:
    def ours(page: Page) -> str:
        parsed = read_page(page.data)
        return cleaner.clean(parsed.text, page.id, parsed.meta).text

    html_only = Cleaner(RuleSet([r for r in cleaner.ruleset.rules if r.stage == "html"]))

    def dom_only(page: Page) -> str:
        parsed = read_page(page.data)
        return html_only.clean(parsed.text, page.id, parsed.meta).text

    def trafilatura_bytes(page: Page) -> str:
        import trafilatura

        return trafilatura.extract(page.data, include_comments=False) or ""

    def trafilatura_text(page: Page) -> str:
        import trafilatura

        return trafilatura.extract(page.decoded, include_comments=False) or ""

    def readability(page: Page) -> str:
        from readability import Document

        return _text_of_html(Document(page.data).summary(html_partial=True))

    def bs4(page: Page) -> str:
        return _text_of_html(page.data)  # type: ignore[arg-type]

    return {"cleaner": ours, "cleaner DOM only": dom_only, "trafilatura": trafilatura_bytes,
            "trafilatura (decoded)": trafilatura_text, "readability-lxml": readability,
            "bs4 get_text": bs4}


def score_page(page: Page, out: str, score: Score, show_lost: bool, show_left: bool) -> None:
    out_norm = normalise(out)
    out_lines = [normalise(line) for line in out.split("\n") if line.strip()]
    gold_lines = [g for g in (normalise(line) for line in page.gold) if g]
    kept = 0
    for line, g in zip(page.gold, (normalise(x) for x in page.gold), strict=True):
        if not g:
            continue
        if g in out_norm:
            kept += 1
        elif show_lost:
            print(f"LOST  {page.id[:40]}  {line[:100]}")
    score.gold += len(gold_lines)
    score.kept += kept
    for line in page.chrome:
        c = normalise(line)
        if not c or any(c in g for g in gold_lines):
            continue
        score.chrome += 1
        if not any(c in o for o in out_lines):
            score.removed += 1
        elif show_left:
            print(f"LEFT  {page.id[:40]}  {line[:100]}")
    decoded_norm = normalise(page.decoded)
    decodable = sum(g in decoded_norm for g in gold_lines) >= 0.9 * len(gold_lines)
    replaced = "\ufffd" in out and page.lossless and "\ufffd" not in page.decoded
    if replaced or (kept < 0.5 * len(gold_lines) and decodable
                                               and _garbled(out)):
        score.misdecoded.append(page.id)


def _garbled(out: str) -> bool:
    """Output that is not Chinese text although the page is: U+FFFD or Latin-1 letters."""
    sample = out[:3000]
    latin = sum(1 for ch in sample if "\u00c0" <= ch <= "\u00ff")
    return "\ufffd" in sample or latin > 20 or not sample.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--labels", type=Path, default=Path("/work/eval/labels/unseen_fullpage.jsonl"))
    parser.add_argument("--only", default="", help="comma-separated extractor names")
    parser.add_argument("--split", default="", help="only this split (dev, tune, holdout)")
    parser.add_argument("--script", default="s",
                        help="cleaner's target script (keep: score without OpenCC, whose phrase "
                             "conversion of a whole text can differ from that of one gold line)")
    parser.add_argument("--show-lost", action="store_true")
    parser.add_argument("--show-left", action="store_true")
    args = parser.parse_args()
    pages = load_pages(args.real, args.labels)
    if args.split:
        pages = [p for p in pages if p.split == args.split]
    cleaner = Cleaner(script=args.script)
    cleaner.clean("预热。")
    from cleaner.ops.charlm import default_lm

    default_lm()  # models every extractor loads once per process are loaded before timing
    table: dict[tuple[str, str], Score] = {}
    for name, func in extractors(cleaner).items():
        if args.only and name not in args.only.split(","):
            continue
        for page in pages:
            score = table.setdefault((name, page.split), Score())
            started = time.process_time()
            try:
                out = func(page)
            except Exception as exc:  # noqa: BLE001 - a failing extractor scores an empty page
                print(f"FAIL  {name}  {page.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                out = ""
                score.failed += 1
            score.cpu += time.process_time() - started
            score.pages += 1
            show = name == "cleaner"
            misdecoded = len(score.misdecoded)
            score_page(page, out, score, show and args.show_lost, show and args.show_left)
            if not out:  # a failure or an empty answer is not a decoding
                del score.misdecoded[misdecoded:]
    splits = sorted({s for _, s in table}, key=lambda s: (["dev", "tune", "holdout"] + [s]).index(s))
    print(f"{'extractor':24} {'split':8} {'body kept':>16} {'chrome removed':>17} {'pages/s CPU':>12}"
          f" {'mis-decoded':>11} {'failed':>6}")
    for (name, split), s in sorted(table.items(), key=lambda kv: (kv[0][0] != "cleaner",
                                                                  splits.index(kv[0][1]))):
        print(f"{name:24} {split:8} {s.kept:>5}/{s.gold:<5} {s.kept / max(s.gold, 1):.3f} "
              f"{s.removed:>5}/{s.chrome:<5} {s.removed / max(s.chrome, 1):.3f} "
              f"{s.pages / max(s.cpu, 1e-9):>12.1f} {len(s.misdecoded):>11} {s.failed:>6}")
    for (name, split), s in table.items():
        if s.misdecoded:
            print(f"mis-decoded by {name} ({split}): {', '.join(s.misdecoded)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
