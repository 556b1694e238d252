"""``cleaner learn``: template lines of a source are learned, body sentences never are."""

from __future__ import annotations

import json
from pathlib import Path

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.learn import TemplateLearner, learned_pack, line_key, source_of
from cleaner.page.kinds import Kind, classify
from cleaner.rules import load_rules
from tests.chrome_text import P1, P2, P3

QUOTE = "新闻发言人在例行记者会上表示，中方对此表示严重关切，并已向有关方面提出严正交涉。"


def corpus(n: int = 6) -> list[tuple[str, str]]:
    """``n`` pages of one portal: the same widget and footer lines around different reports,
    each report quoting the same long sentence and carrying the same short heading inside."""
    docs = []
    for i in range(n):
        report = "\n".join([f"第{i}篇：{P1}", "一、基本情况", P2, QUOTE, P3[:-1] + f"{i}。"])
        docs.append((f"d{i}", f"扫码下载某某客户端\n网友热议 {100 + i}\n{report}\n本站所有稿件仅供交流"))
    return docs


def learn(docs: list[tuple[str, str]], **kw) -> TemplateLearner:
    learner = TemplateLearner(**kw)
    for doc_id, text in docs:
        learner.add(doc_id, text, "example.com")
    return learner


def test_template_lines_are_learned_with_counts_and_examples():
    found = {t.key: t for t in learn(corpus()).templates()}
    # the QR-code prompt is a chrome anchor of the defaults already: the runs take it
    assert set(found) == {"网友热议 #", "本站所有稿件仅供交流"}
    assert found["网友热议 #"].docs == 6 and found["网友热议 #"].examples == ["d0", "d1", "d2"]


def test_body_sentences_and_headings_inside_the_report_are_never_learned():
    keys = {t.key for t in learn(corpus()).templates()}
    assert QUOTE not in keys and "一、基本情况" not in keys


def test_too_few_documents_learn_nothing():
    assert learn(corpus(4)).templates() == []
    assert learn(corpus(6), min_docs=5, min_share=0.5).templates() != []
    assert learn(corpus(6), min_docs=7).templates() == []


def test_the_pack_loads_and_removes_the_template(tmp_path):
    learner = learn(corpus())
    pack = tmp_path / "site.toml"
    pack.write_text(learned_pack(learner.templates(), dict(learner.docs), "corpus"), "utf-8")
    rules = [r.id for r in load_rules([pack], include_defaults=False).rules]
    assert rules == ["chrome.learned.example_com"]
    page = f"扫码下载某某客户端\n网友热议 2,345\n{P1}\n{QUOTE}\n{P2}\n本站所有稿件仅供交流"
    assert Cleaner(extra_packs=[pack]).clean(page).text == f"{P1}\n{QUOTE}\n{P2}"
    clean = "\n".join([P1, P2, P3])
    assert Cleaner(extra_packs=[pack]).clean(clean).text == clean


def test_learned_lines_are_anchors_of_the_page_model(tmp_path):
    learner = learn(corpus())
    pack = tmp_path / "site.toml"
    pack.write_text(learned_pack(learner.templates(), dict(learner.docs), "corpus"), "utf-8")
    lex = load_rules([pack]).lexicon
    assert classify("网友热议 2,345", lex) == (Kind.ANCHOR, "learned_example_com")
    assert classify("网友热议 2,345") == (Kind.SHORT, "")
    assert classify(P1, lex)[0] is Kind.PROSE


def test_a_learned_line_ends_a_run_that_a_lone_removal_would_leave_behind(tmp_path):
    """A template line with a bare counter below it: as an anchor it takes the counter into
    the head run; removed alone it would leave the counter standing over the report."""
    docs = [(f"d{i}", f"某某网新闻中心\n{100 + i}\n{P1[:-1]}{i}。\n{P2[:-1]}{i}。") for i in range(6)]
    learner = learn(docs)
    assert [t.key for t in learner.templates()] == ["某某网新闻中心"]
    pack = tmp_path / "site.toml"
    pack.write_text(learned_pack(learner.templates(), dict(learner.docs), "corpus"), "utf-8")
    page = f"某某网新闻中心\n2345\n{P1}\n{P2}"
    assert Cleaner().clean(page).text == page
    assert Cleaner(extra_packs=[pack]).clean(page).text == f"{P1}\n{P2}"


def test_chrome_anchors_of_the_defaults_are_not_learned():
    """``相关推荐`` starts the defaults' related-news cut; learned, it would be removed alone at
    the end of a round, before the cut that waits for another rule could start at it."""
    docs = [(f"d{i}", f"{P1[:-1]}{i}。\n{P2[:-1]}{i}。\n相关推荐\n网友热议 {i}") for i in range(6)]
    assert [t.key for t in learn(docs).templates()] == ["网友热议 #"]


def test_copies_of_one_report_count_once():
    """A report crawled three times from one portal: its short lines stand on every copy,
    below a body core that ends early, yet they are the report's, not the portal's."""
    short = ["四条国际航线抢先看！", "邮轮目的地12个", "开始搓搓手了！！！"]
    report = "\n".join([P1, P2, *short])
    copies = [(f"copy{i}", f"频道首页\n{report}\n本站所有稿件仅供交流") for i in range(3)]
    others = [(f"d{i}", f"频道首页\n{P1[:-1]}{i}。\n{P3[:-1]}{i}。\n本站所有稿件仅供交流")
              for i in range(3)]
    learner = learn(copies + others, min_docs=3)
    keys = {t.key for t in learner.templates()}
    assert not keys & {line_key(line) for line in short}
    assert "本站所有稿件仅供交流" in keys  # the portal's own line: on four distinct reports
    assert learner.docs["example.com"] == 4 and learner.copies["example.com"] == 2
    # counted as six documents, the copies' lines would be learned
    assert {line_key(line) for line in short} <= {t.key for t in learn(
        [(f"x{i}", text.replace(P2, P2[:-1] + str(i))) for i, (_, text) in enumerate(copies)],
        min_docs=3).templates()}


def test_source_is_a_field_or_the_url_host():
    assert source_of({"site": "甲网"}, "x", "site") == "甲网"
    assert source_of({"url": "https://www.example.com/a/1.html"}, "x", None) == "example.com"
    assert source_of({}, "x", None) == "all"


def test_learn_and_clean_with_learn_on_the_command_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t, "url": f"http://example.com/{i}"},
                                      ensure_ascii=False) + "\n" for i, t in corpus()), "utf-8")
    pack = tmp_path / "site.toml"
    assert main(["learn", str(src), "-o", str(pack)]) == 0
    assert "本站所有稿件仅供交流" in pack.read_text("utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--learn", "--workers", "1"]) == 0
    assert Path(str(out) + ".learned.toml").exists()
    texts = [json.loads(line)["text"] for line in out.read_text("utf-8").splitlines()]
    assert all("网友热议" not in t and "仅供交流" not in t and QUOTE in t for t in texts)
