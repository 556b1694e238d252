"""Train the chrome line model on labelled pages and write it as a rule-pack data file.

    python scripts/train_chrome.py \\
        --pages /work/shared/realdata/residue_dev.jsonl \\
        --pages /work/shared/realdata/fullpage_dev.jsonl \\
        --pages /work/eval/labels/unseen_residue.jsonl --pages /work/eval/labels/unseen_fullpage.jsonl \\
        --split tune --audit-data /work/shared/realdata/residue_dev.jsonl \\
        -o cleaner/default_rules/models/line_model.toml

Each ``--pages`` file holds records with ``text``, ``gold_body`` (lines of the report) and
``chrome`` (lines that are not); records with a ``split`` field are used only when it is one
of ``--split`` (repeatable; a held-out split is never named here). Every page is cleaned with
the default rules up to the end of the chrome stage, without the line model, and each line the
rules left outside the report (the lines the model will judge, :mod:`cleaner.page.features`)
becomes an example: chrome when it is a chrome line, body when it is a body line; other lines
(titles, bylines: neither) are skipped. With ``--audit-data``, clean news joins as body:
the gold bodies of that file and the People's Daily articles of ``scripts/audit_chrome.py``,
with their edge variants (a title, a closing fragment, a quote at an edge), cleaned the same way.

The model is a logistic regression with an L2 penalty, fitted by iteratively reweighted least
squares (deterministic: the same examples give the same weights). The threshold written with
it is the lowest probability above every body example's, plus ``--margin``: on the training
pages and the clean news it removes no body line. The data never enters the project; only the
weights do.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaner import Cleaner  # noqa: E402
from cleaner.page.analysis import LineAnalysis  # noqa: E402
from cleaner.page.features import FEATURES, NAMES, line_features  # noqa: E402
from cleaner.rules import STAGES, load_rules  # noqa: E402
from cleaner.text import to_simplified  # noqa: E402

RULE_ID = "chrome.line_model"


def normalise(text: str) -> str:
    return to_simplified("".join(unicodedata.normalize("NFKC", text).split()))


class Examples:
    """Feature rows and labels (1 chrome, 0 body), with where each came from."""

    def __init__(self) -> None:
        rules = load_rules()
        after = {r.id for r in rules.rules if STAGES.index(r.stage) > STAGES.index("chrome")}
        chrome = {r.id for r in rules.rules if r.stage == "chrome"}
        # the text the chrome stage starts from, and the text it leaves without the model
        self.before = Cleaner(rules, disable=sorted(after | chrome), piece_chars=0)
        self.after = Cleaner(rules, disable=sorted(after | ({RULE_ID} & chrome)), piece_chars=0)
        self.lex = rules.lexicon
        self.rows: list[list[float]] = []
        self.labels: list[int] = []
        self.origin: list[str] = []
        self.texts: list[str] = []

    def lines(self, text: str, doc_id: str) -> list[tuple[str, dict[str, float]]]:
        stage_input = self.before.clean(text, doc_id).text
        cleaned = self.after.clean(text, doc_id).text
        analysis = LineAnalysis.of(cleaned, self.lex)
        return [(line.text, values) for line, values in line_features(analysis, stage_input)]

    def add_page(self, row: dict, origin: str) -> None:
        gold = {normalise(g) for g in row["gold_body"]} - {""}
        chrome = {normalise(c) for c in row["chrome"]} - gold - {""}
        for text, values in self.lines(row["text"], row["id"]):
            key = normalise(text)
            label = 0 if key in gold else 1 if key in chrome else None
            if label is not None:
                self.add(values, label, origin, text)

    def add_clean(self, doc_id: str, text: str, origin: str) -> None:
        for line, values in self.lines(text, doc_id):
            self.add(values, 0, origin, line)

    def add(self, values: dict[str, float], label: int, origin: str, text: str) -> None:
        self.rows.append([values[name] for name in NAMES])
        self.labels.append(label)
        self.origin.append(origin)
        self.texts.append(text)


def fit(x: np.ndarray, y: np.ndarray, l2: float, rounds: int = 50) -> tuple[float, np.ndarray]:
    """Bias and weights of an L2-penalised logistic regression (IRLS; the bias is not penalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(rounds):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        grad = design.T @ (p - y) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return float(w[0]), w[1:]


def write_model(path: Path, bias: float, weights: np.ndarray, threshold: float,
                summary: list[str]) -> None:
    out = [
        "# The chrome line model: a logistic score over what a line looks like and where it stands.",
        "# Written by scripts/train_chrome.py (see its docstring for the command); do not edit by",
        "# hand, train again. Score = bias + sum of weight x value; every value runs from 0 to 1,",
        "# so a weight is what its feature adds when present (positive: chrome, negative: body).",
        "# Probability = 1 / (1 + exp(-score)); rule chrome.line_model removes a line outside the",
        "# report whose probability reaches the threshold.",
        *(f"# {line}" for line in summary),
        "",
        "[model]",
        f"bias = {bias:.3f}",
        f"threshold = {threshold:.3f}",
        "",
        "[weights]",
    ]
    for name, weight in zip(NAMES, weights, strict=True):
        out.append(f"# {FEATURES[name]}")
        out.append(f"{name} = {weight:.3f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.part")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    tmp.replace(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="append", default=[], metavar="JSONL", required=True,
                        help="labelled pages (repeatable)")
    parser.add_argument("--split", action="append", default=[],
                        help="use records of this split (repeatable; records without one always)")
    parser.add_argument("--audit-data", metavar="JSONL",
                        help="add clean news as body: this file's gold bodies, People's Daily, "
                             "and their edge variants (scripts/audit_chrome.py)")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1)")
    parser.add_argument("--margin", type=float, default=0.02,
                        help="added to the highest body probability to make the threshold")
    parser.add_argument("--show", type=int, default=8,
                        help="how many of the highest-scoring body lines to print")
    parser.add_argument("--dump", type=Path, help="write every example (JSON lines) here")
    parser.add_argument("-o", "--output", required=True, type=Path, help="model TOML to write")
    args = parser.parse_args()

    examples = Examples()
    pages = 0
    for name in args.pages:
        for raw in Path(name).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            row = json.loads(raw)
            if "split" in row and row["split"] not in args.split:
                continue
            examples.add_page(row, Path(name).stem)
            pages += 1
    clean_docs = 0
    if args.audit_data:
        import audit_chrome

        corpora = {"dev": audit_chrome.dev_bodies(Path(args.audit_data))}
        pd_path = audit_chrome.peoples_daily_path()
        if pd_path is not None:
            corpora["pd"] = audit_chrome.peoples_daily(pd_path)
        for name in list(corpora):
            corpora[f"{name}-edges"] = [v for doc_id, text in corpora[name]
                                        for v in audit_chrome.edge_variants(doc_id, text)]
        for name, docs in corpora.items():
            for doc_id, text in docs:
                examples.add_clean(doc_id, text, f"clean-{name}")
                clean_docs += 1

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row, label, origin, text in zip(examples.rows, examples.labels, examples.origin,
                                                examples.texts, strict=True):
                out.write(json.dumps({"x": row, "y": label, "origin": origin, "text": text},
                                     ensure_ascii=False) + "\n")
    x = np.array(examples.rows, dtype=float).reshape(-1, len(NAMES))
    y = np.array(examples.labels, dtype=float)
    if not len(y) or y.min() == y.max():
        parser.error("the pages give no examples of both chrome and body lines")
    bias, weights = fit(x, y, args.l2)
    bias, weights = round(bias, 3), np.round(weights, 3)  # the written model is the one scored
    p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
    top_body = float(p[y == 0].max())
    threshold = min(1.0, math.ceil((top_body + args.margin) * 1000) / 1000)
    caught = int(((p >= threshold) & (y == 1)).sum())
    summary = [
        f"Trained on {pages} labelled pages and {clean_docs} clean-news texts: "
        f"{int(y.sum())} chrome and {int((1 - y).sum())} body lines left by the rules.",
        f"Highest body probability {top_body:.3f}; at the threshold the model removes "
        f"{caught} of those chrome lines and no body line.",
    ]
    write_model(args.output, bias, weights, threshold, summary)
    for line in summary:
        print(line)
    print("body lines that set the threshold:")
    for k in np.argsort(-np.where(y == 0, p, -1.0))[:args.show]:
        print(f"    {p[k]:.3f}  {examples.origin[k]:<20} {examples.texts[k][:70]}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
