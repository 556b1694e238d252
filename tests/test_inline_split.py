"""A rendering that puts every inline element on a line of its own (BeautifulSoup's
``get_text("\\n")`` of an article with code in it) leaves brackets, colons and full stops on
lines by themselves. They are part of the sentence or the code around them: a tail cut must not
start at one and take the rest of the article with it."""

from cleaner import Cleaner
from cleaner.page.core import line_classes
from cleaner.page.kinds import SPLIT_OFF, Kind, classify
from cleaner.page.lines import lines_of
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


def test_split_off_punctuation_is_weak_alone_and_strong_beside_chrome() -> None:
    for line in ("()", "):", ":", "。", ")", ")})", "'", "“"):
        assert classify(line) == (Kind.ANCHOR, SPLIT_OFF), line
    assert classify("|") == (Kind.ANCHOR, "punctuation")
    assert classify("：") == (Kind.ANCHOR, "punctuation")  # a section label's colon
    code = lines_of(["def", "parse", "()", ":", "data = client.lpop(", "'test'", ")"])
    assert not any(strong for _, strong in line_classes(code))
    widget = lines_of(["评论", "(", "3", ")", "分享到"])
    assert [strong for _, strong in line_classes(widget)][1:4:2] == [True, True]


def test_an_article_with_code_keeps_its_body() -> None:
    text = "\n".join(ARTICLE)
    out = Cleaner(script="keep").clean(text + "\n【打印本页】【关闭窗口】\n版权所有 某某网").text
    assert out == text
