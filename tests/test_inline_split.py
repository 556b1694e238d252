"""A rendering that puts every inline element on a line of its own (BeautifulSoup's
``get_text("\\n")`` of an article with code in it) leaves brackets, colons and full stops on
lines by themselves. They are part of the sentence or the code around them: a tail cut must not
start at one and take the rest of the article with it."""

from cleaner import Cleaner
from cleaner.page.kinds import Kind, classify
from tests.chrome_text import P1, P2, P3

ARTICLE = [
    P1,
    "在 Python 里面也有相关的语法，那就是", "contextlib.ExitStack", "。",
    "我有一个函数", "parse", "，它的作用是从队列中持续读入数据，并写入到数据库中。示例代码如下：",
    "import", "json", "def", "parse", "()", ":", "data = client.lpop(", "'test'", ")",
    "if", "not", "data:", "return", "handler.insert_one(json.loads(data))",
    P2,
    "def", "add_ts", "()", ":", "handler.insert_one({", "'finished'", ":", "True", "})",
    "可以看到，即使缩进里面出现了报错，回调函数仍然可以正常运行。",
    P3,
]


def test_split_off_punctuation_is_not_chrome() -> None:
    for line in ("()", "):", ":", "。", ")"):
        assert classify(line) == (Kind.SHORT, ""), line
    assert classify("|")[0] is Kind.ANCHOR
    assert classify("：")[0] is Kind.ANCHOR  # a section label's colon on a line of its own


def test_an_article_with_code_keeps_its_body() -> None:
    text = "\n".join(ARTICLE)
    out = Cleaner(script="keep").clean(text + "\n【打印本页】【关闭窗口】\n版权所有 某某网").text
    assert out == text
