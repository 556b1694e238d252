"""The trained line model: its features, its data file, and the script that trains it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.page.analysis import LineAnalysis
from cleaner.page.features import FEATURES, line_features
from cleaner.page.linemodel import ModelError, load_model, model_from
from cleaner.rules import RuleError, load_rules

ROOT = Path(__file__).resolve().parents[1]
P1 = "记者从市教育局获悉，今年全市将新增中小学学位三千个，以缓解部分城区入学难的问题。"
P2 = "据介绍，新建的五所学校将于九月投入使用，届时周边居民的孩子可以就近入学，不再舍近求远。"


def test_the_shipped_model_loads_and_names_every_feature():
    model = load_model()
    assert set(model.weights) == set(FEATURES)
    assert 0.5 <= model.threshold <= 1.0
    text = (ROOT / "rules" / "models" / "line_model.toml").read_text(encoding="utf-8")
    for meaning in FEATURES.values():  # each weight has its definition beside it
        assert f"# {meaning}\n" in text


def test_a_malformed_model_names_its_file_and_entry():
    with pytest.raises(ModelError, match="site.toml.*unknown feature.*colour"):
        model_from({"model": {"bias": 0, "threshold": 0.9}, "weights": {"colour": 1.0}},
                   "site.toml")
    with pytest.raises(ModelError, match="site.toml.*threshold"):
        model_from({"model": {"bias": 0, "threshold": 2}, "weights": {}}, "site.toml")
    with pytest.raises(ModelError, match="missing.toml"):
        load_model(str(ROOT / "missing.toml"))


def test_a_pack_naming_a_missing_or_bad_model_is_refused_when_it_loads(tmp_path):
    bad = tmp_path / "bad-model.toml"
    bad.write_text("[model]\nbias = 0.0\nthreshold = 0.9\n[weights]\nshiny = 1.0\n", "utf-8")
    for model, expected in ((tmp_path / "missing.toml", "cannot read"),
                            (bad, "unknown feature(s) shiny")):
        pack = tmp_path / "site.toml"
        pack.write_text(f"""[[rule]]
id = "chrome.site_model"
stage = "chrome"
kind = "op"
op = "linemodel:line_model"
why = "lines this site's own model scores as chrome"
params = {{ model = "{model}" }}
""", "utf-8")
        with pytest.raises(RuleError) as err:
            load_rules([pack])
        assert str(pack) in str(err.value) and "chrome.site_model" in str(err.value)
        assert expected in str(err.value)


def test_features_describe_only_lines_outside_the_report_that_are_not_prose():
    text = "\n".join(["新学期学位充足", P1, "一、基本情况", P2, "奇妙频道 | 乐活 | 视界 | 论坛", P1 + P2])
    found = {line.text: values for line, values in line_features(LineAnalysis.of(text))}
    assert list(found) == ["新学期学位充足"]  # the subheading inside the report is never judged
    assert found["新学期学位充足"]["above"] == 1.0 and found["新学期学位充足"]["next_prose"] == 1.0
    assert all(0.0 <= v <= 1.0 for v in found["新学期学位充足"].values())


def test_neighbours_removed_by_the_stage_are_seen():
    before = "首页 > 新闻 > 正文\n奇妙频道 | 乐活 | 视界\n打印本页\n" + P1 + "\n" + P2
    after = "奇妙频道 | 乐活 | 视界\n" + P1 + "\n" + P2
    (line, values), = line_features(LineAnalysis.of(after), before)
    assert line.text == "奇妙频道 | 乐活 | 视界"
    assert values["prev_removed"] == values["next_removed"] == 1.0
    assert values["separators"] == 1.0 and values["no_function_char"] == 1.0


def _page(i: int, nav: str, title: str) -> dict:
    # (the nav row stands between the title and the report: no rule takes it there)
    lines = ["首页 > 新闻 > 正文", "【打印】【关闭】", title, nav, P1, P2, "【打印】【关闭】"]
    return {"id": f"p{i}", "text": "\n".join(lines), "gold_body": [title, P1, P2],
            "chrome": [lines[0], nav, lines[1]], "split": "tune" if i % 2 else "holdout"}


def test_the_training_script_writes_a_loadable_deterministic_model(tmp_path):
    navs = ["奇妙频道 | 乐活 | 视界 | 论坛", "本地 | 社会 | 体育 | 财经", "台北 · 新北 · 桃园 · 台中",
            "要闻 / 国际 / 两岸 / 娱乐", "科技 | 汽车 | 房产 | 教育", "健康 · 旅游 · 美食 · 时尚"]
    titles = ["新学期学位充足", "五所新校九月启用", "周边居民就近入学", "城区入学难题缓解",
              "教育局发布新规", "学位供给持续增加"]
    pages = tmp_path / "pages.jsonl"
    pages.write_text("".join(json.dumps(_page(i, n, t), ensure_ascii=False) + "\n"
                             for i, (n, t) in enumerate(zip(navs, titles, strict=True))),
                     encoding="utf-8")
    outputs = []
    for name in ("a.toml", "b.toml"):
        out = tmp_path / name
        run = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_chrome.py"),
                              "--pages", str(pages), "--split", "tune", "-o", str(out)],
                             capture_output=True, text=True, check=True)
        assert "Trained on 3 labelled pages" in run.stdout  # only the tune split
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    model = load_model(str(tmp_path / "a.toml"))
    assert set(model.weights) == set(FEATURES)
    assert model.weights["separators"] > 0  # the nav rows are what set chrome apart here
