"""The lexicon as data: one vocabulary for rules, page model and dedup key, extendable by a pack;
op parameters checked when a pack loads; facts kept before any cut; ``--disable`` honoured by
the run rules."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.lexicon import Lexicon, LexiconError, default_lexicon_paths, read_toml
from cleaner.rules import RuleError, load_rules
from tests.chrome_text import BODY, P1, P2, P3

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff]")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pack_adds_a_widget_word(tmp_path):
    page = BODY + "\n一键三连"
    assert Cleaner().clean(page).text == page  # not a widget word by default
    pack = write(tmp_path, "site.toml", "[words.widget]\nwords = ['一键三连']\n")
    assert Cleaner(extra_packs=[pack]).clean(page).text == BODY


def test_rule_patterns_name_word_lists(tmp_path):
    pack = write(tmp_path, "site.toml", """
[words.my_marker]
words = ['看点推荐']

[[rule]]
id = "chrome.my_related"
stage = "chrome"
kind = "truncate"
pattern = '^\\s*\\L<my_marker>\\s*$'
why = "a site's own related-news marker"
""")
    cleaner = Cleaner(extra_packs=[pack])
    out = cleaner.clean(BODY + "\n看点推荐\n甲地新闻标题\n乙地新闻标题").text
    assert out == BODY


@pytest.mark.parametrize(("text", "message"), [
    ('[[rule]]\nid = "chrome.w"\nstage = "chrome"\nkind = "op"\nop = "chrome:widgets"\n'
     'why = "w"\nparams = { wrods = "widget" }\n', "chrome.w: op chrome:widgets has no parameter 'wrods'"),
    ('[[rule]]\nid = "chrome.w"\nstage = "chrome"\nkind = "op"\nop = "chrome:dateline"\n'
     'why = "w"\nparams = { max_len = "90" }\n', "parameter 'max_len' of op chrome:dateline must be int"),
    ('[[rule]]\nid = "chrome.w"\nstage = "chrome"\nkind = "drop_line"\npattern = \'\\L<nope>\'\n'
     'why = "w"\n', "chrome.w: pattern names an unknown word list"),
    ('[words.widget]\nwords = 3\n', "words.widget: 'words' must be a list of strings"),
])
def test_bad_packs_name_file_and_rule(tmp_path, text, message):
    pack = write(tmp_path, "bad.toml", text)
    with pytest.raises(RuleError) as info:
        load_rules([pack])
    assert str(pack) in str(info.value) and message in str(info.value)


def test_a_bad_lexicon_pattern_names_its_file():
    with pytest.raises(LexiconError, match="site.toml"):
        Lexicon.from_tables([{"patterns": {"p": {"patterns": ["(unclosed"]}}}], ["site.toml"])


def test_every_shipped_family_compiles():
    # the shipped files are compiled on first use, not at load: this is their check
    paths = default_lexicon_paths()
    lex = Lexicon.from_tables([read_toml(p) for p in paths], [str(p) for p in paths])
    assert len(lex.families) > 20
    for name in lex.families:
        assert isinstance(lex.regex(name), re.Pattern)
        assert any(part is not None for part in lex.split_regex(name))


def test_a_bad_pattern_in_a_pack_is_reported_at_load(tmp_path):
    pack = write(tmp_path, "pack.toml", '[patterns.byline]\npatterns = ["(?<=a+)b"]\n')
    with pytest.raises(RuleError, match="pack.toml"):
        load_rules([pack])


def test_run_rules_attribute_lines_to_their_family():
    page = ("首页 > 新闻中心 > 正文\n【打印】【关闭】\n标题在这里\n" + BODY
            + "\nCopyright © 2020 某某网 版权所有")
    result = Cleaner().clean(page)
    assert result.text == "标题在这里\n" + BODY
    by_rule = {e.rule: e.old for e in result.edits}
    assert "首页 > 新闻中心 > 正文" in by_rule["chrome.breadcrumb"]
    assert "Copyright" in by_rule["chrome.copyright"]


def test_disable_keeps_the_lines_of_that_family():
    page = "首页 > 新闻中心 > 正文\n【打印】【关闭】\n标题在这里\n" + BODY
    out = Cleaner(disable=["chrome.breadcrumb"]).clean(page).text
    assert out == "首页 > 新闻中心 > 正文\n标题在这里\n" + BODY


def test_facts_are_kept_before_a_run_cuts_their_line():
    page = BODY + "\n【打印】【关闭】\n责任编辑：张三\n相关新闻\n某地新闻标题一\n某地新闻标题二"
    result = Cleaner().clean(page)
    assert result.text == BODY
    assert result.meta.get("editor") == "张三"


def test_clean_news_is_untouched_by_a_pack_of_words(tmp_path):
    pack = write(tmp_path, "site.toml", "[words.widget]\nwords = ['三千个']\n")
    text = "\n".join([P1, P2, P3])
    assert Cleaner(extra_packs=[pack]).clean(text).text == text


# -- the vocabulary lives in rules/, not in the code ------------------------------------------

CHROME_CODE = [*sorted((ROOT / "cleaner" / "page").glob("*.py")),
               ROOT / "cleaner" / "ops" / "boilerplate.py", ROOT / "cleaner" / "ops" / "head.py",
               ROOT / "cleaner" / "ops" / "chrome.py",
               ROOT / "cleaner" / "lexicon.py", ROOT / "cleaner" / "attribution.py",
               ROOT / "cleaner" / "dedup" / "key.py"]


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


@pytest.mark.parametrize("path", CHROME_CODE, ids=lambda p: p.name)
def test_no_han_outside_comments_and_docstrings(path):
    source = path.read_text(encoding="utf-8")
    docs = _docstring_lines(ast.parse(source))
    found = [tok.start[0] for tok in tokenize.generate_tokens(io.StringIO(source).readline)
             if tok.type == tokenize.STRING and HAN.search(tok.string) and tok.start[0] not in docs]
    assert found == [], f"{path.name}: Han characters in code on lines {found}"


@pytest.mark.parametrize("path", sorted((ROOT / "cleaner" / "page").glob("*.py")),
                         ids=lambda p: p.name)
def test_page_model_imports_nothing_from_ops(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in modules if m.startswith("cleaner.ops")]
