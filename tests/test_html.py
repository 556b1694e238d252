"""HTML pages in: charset decisions on real bytes, article extraction, readers and the CLI."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.html.decode import decode_page
from cleaner.html.page import PLAN_KEY, read_page
from cleaner.io import InputProblem, Record, read_records

PARAS = [
    "新华社北京3月5日电，第十四届全国人民代表大会第一次会议今天上午在人民大会堂开幕，近三千名代表出席。",
    "国务院总理作政府工作报告，回顾过去五年的工作，并对今年经济社会发展提出总体要求和政策取向。",
    "报告提出，今年发展主要预期目标是：国内生产总值增长百分之五左右，城镇新增就业一千二百万人左右。",
]
NAV = ["首页", "新闻", "财经", "体育", "娱乐", "科技", "汽车", "房产"]
RELATED = ["两会代表热议政府工作报告", "今年经济增长目标为何定在百分之五", "一图读懂政府工作报告"]


def news_page(charset: str | None = "utf-8", paras: list[str] = PARAS, wrap: bool = True) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    nav = "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(NAV))
    related = "".join(f'<li><a href="/r{i}">{w}</a></li>' for i, w in enumerate(RELATED))
    body = (f'<div id="nav"><ul>{nav}</ul></div>'
            '<div class="main"><h1>十四届全国人大一次会议开幕</h1>'
            '<div class="info">2023年03月05日 09:00 来源：新华社</div>'
            '<div id="article">' + "".join(f"<p>{p}</p>" for p in paras) +
            '<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div></div>'
            f'<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div></div>'
            '<div id="footer">关于我们 | 联系我们 | 版权所有 2023 某某网</div>')
    if not wrap:
        return body
    return (f"<!DOCTYPE html><html><head>{meta}<title>十四届全国人大一次会议开幕_某某网</title>"
            "<script>var x = '<p>不是正文</p>';</script></head>"
            f"<body>{body}</body></html>")


def clean_page(cleaner, data: bytes, http_charset: str | None = None) -> tuple[str, dict]:
    page = read_page(data, http_charset)
    result = cleaner.clean(page.text, "p", page.meta)
    return result.text, result.meta


# -- decoding --------------------------------------------------------------------------------

def test_declared_gb2312_with_gbk_only_characters_reads_as_gb18030():
    text = news_page("gb2312", [PARAS[0] + "朱镕基、喆、堃都不在GB2312里。"])
    decoded = decode_page(text.encode("gbk"))
    assert (decoded.encoding, decoded.decided_by, decoded.replaced) == ("gb18030", "meta", 0)
    assert "朱镕基、喆、堃" in decoded.text


def test_declared_utf8_but_gbk_bytes_is_decoded_by_what_it_is():
    decoded = decode_page(news_page("utf-8").encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.decided_by == "bytes: declared utf-8 does not decode"
    assert PARAS[1] in decoded.text and "\ufffd" not in decoded.text


def test_declared_gbk_but_utf8_bytes_is_utf8():
    decoded = decode_page(news_page("gbk").encode("utf-8"))
    assert decoded.encoding == "utf-8" and decoded.decided_by.startswith("bytes: valid UTF-8")


def traditional_page(charset: str | None, para: str) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<html><head>{meta}<title>颱風警報_新聞網</title></head><body>"
            f'<ul><li><a href="/">首頁</a></li><li><a href="/p">政治</a></li></ul>'
            f"<div><h1>颱風警報</h1><p>{para}</p><p>{para}</p></div></body></html>")


def test_undeclared_gbk_and_big5():
    assert decode_page(news_page(None).encode("gb18030")).encoding == "gb18030"
    para = "臺灣中央氣象局今天發布颱風警報，提醒民眾注意強風豪雨，做好防颱準備。"
    big5 = decode_page(traditional_page(None, para).encode("big5"))
    assert big5.encoding == "big5hkscs" and para in big5.text


def test_declared_big5_page_with_hkscs_character(cleaner):
    para = "香港特區政府今日公布，屯門及元朗一帶將有大雨，市民應留意天氣變化，㗎。"
    data = traditional_page("big5", para).encode("big5hkscs")
    decoded = decode_page(data)
    assert decoded.encoding == "big5hkscs" and para in decoded.text
    text, _ = clean_page(cleaner, data)
    assert "首頁" not in text and "首页" not in text


def test_http_header_charset_beats_missing_meta():
    decoded = decode_page(news_page(None).encode("gb18030"), http_charset="GBK")
    assert (decoded.encoding, decoded.decided_by) == ("gb18030", "http-header")


def test_byte_invalid_even_in_gb18030_is_kept_with_replacement_and_counted():
    data = news_page("gb2312").encode("gb18030")
    cut = data.index(PARAS[1][:4].encode("gb18030"))
    broken = data[:cut] + b"\xb0 " + data[cut:]  # a lead byte followed by a space
    decoded = decode_page(broken)
    assert decoded.replaced == 1 and decoded.encoding == "gb18030"
    assert PARAS[1] in decoded.text and PARAS[2] in decoded.text


def test_bom_empty_and_binary():
    assert decode_page("\ufeff<p>新闻</p>".encode("utf-8-sig")).decided_by == "bom"
    assert decode_page(b"").text == ""
    with pytest.raises(ValueError, match="binary"):
        decode_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


# -- extraction ------------------------------------------------------------------------------

def test_article_kept_and_furniture_removed_by_named_rules(cleaner):
    text, meta = clean_page(cleaner, news_page("utf-8").encode("utf-8"))
    lines = text.splitlines()
    assert lines[0] == "十四届全国人大一次会议开幕"
    for para in PARAS:
        assert para in lines
    for chrome in NAV + RELATED + ["分享到：微信微博", "不是正文"]:
        assert chrome not in text
    assert "版权所有" not in text
    assert meta["html"]["encoding"] == "utf-8" and PLAN_KEY not in meta
    rules = {entry["rule"] for entry in meta["html"]["removed"]}
    assert {"html.outside", "html.widget"} <= rules


def test_page_without_html_element_and_empty_page(cleaner):
    text, _ = clean_page(cleaner, news_page(wrap=False).encode("utf-8"))
    assert all(p in text for p in PARAS) and "首页" not in text
    assert clean_page(cleaner, b"")[0] == ""
    assert clean_page(cleaner, b"   \n ")[0] == ""


def test_table_and_list_inside_the_article_are_kept(cleaner):
    table = "<table><tr><td>地区</td><td>增速</td></tr><tr><td>东部</td><td>5.1%</td></tr></table>"
    steps = "<ol><li>第一步，提交申请材料。</li><li>第二步，等待审核结果。</li></ol>"
    page = news_page("utf-8").replace(f"<p>{PARAS[2]}</p>", f"<p>{PARAS[2]}</p>{table}{steps}")
    text, _ = clean_page(cleaner, page.encode("utf-8"))
    for cell in ("地区", "增速", "东部", "5.1%", "第一步，提交申请材料。", "第二步，等待审核结果。"):
        assert cell in text


def test_plan_follows_lines_changed_by_an_earlier_stage(cleaner):
    page = read_page(news_page("utf-8").encode("utf-8"))
    shifted = page.text.replace(NAV[0], NAV[0] + "（改）")  # an earlier rule changed one line
    result = cleaner.clean(shifted, "p", page.meta)
    assert NAV[1] not in result.text and all(p in result.text for p in PARAS)


def test_switching_a_rule_off_keeps_its_blocks():
    from cleaner import Cleaner

    page = read_page(news_page("utf-8").encode("utf-8"))
    # the chrome stage takes a menu one section name a line too: switch its head run, the
    # context rule that takes a column of labels below a chrome line and the one that takes a
    # channel's name alone above the report off as well
    off = ["html.outside", "chrome.head_run", "chrome.context_runs", "chrome.section_label"]
    text = Cleaner(disable=off).clean(page.text, "p", page.meta).text
    assert NAV[1] in text and NAV[2] in text


# -- readers and the CLI ---------------------------------------------------------------------

def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        pages = [("http://news.example.cn/a.html", "text/html; charset=gbk",
                  news_page(None).encode("gbk")),
                 ("http://news.example.cn/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
                 ("http://news.example.cn/b.html", "text/html", news_page("utf-8").encode())]
        for uri, ctype, payload in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                               http_headers=headers)
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("http://news.example.cn/a.html", "request",
                                                      payload=io.BytesIO(b"GET /a.html\r\n\r\n")))


def test_warc_made_here_yields_html_responses_only(tmp_path: Path):
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc)
    items = list(read_records([warc]))
    assert [type(i) for i in items] == [Record, Record]
    first = items[0]
    assert first.id == "http://news.example.cn/a.html" and first.encoding == "gb18030"
    assert first.meta["html"]["decided_by"] == "http-header" and first.meta["warc_date"]
    assert PARAS[0] in first.text


def test_clean_tree_of_pages_writes_txt_and_survives_bad_pages(tmp_path: Path):
    src = tmp_path / "pages"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_bytes(news_page("gb2312").encode("gb18030"))
    (src / "sub" / "b.htm.gz").write_bytes(gzip.compress(traditional_page(None, PARAS[0]).encode(
        "big5", "replace")))
    (src / "empty.html").write_bytes(b"")
    (src / "photo.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 1  # the binary page
    assert (out / "a.txt").read_text("utf-8").splitlines()[1:4] == PARAS
    assert (out / "sub" / "b.txt").exists() and (out / "empty.txt").read_text("utf-8") == ""
    assert not (out / "photo.txt").exists() and not list(out.rglob("*.html"))
    meta = {m["id"]: m for m in map(json.loads, (out / "cleaner-meta.jsonl").open(encoding="utf-8"))}
    assert meta["a"]["encoding"] == "gb18030" and meta["a"]["meta"]["html"]["decided_by"] == "meta"
    assert "html.outside" in meta["a"]["rules"]


def test_clean_jsonl_with_html_field(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "p1", "html": news_page("utf-8"), "url": "http://x.cn/1"},
            {"id": "t1", "text": PARAS[0]},
            {"id": "bad", "html": "\x00\x00\x00binary"}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(src), "-o", str(out), "--workers", "1"]) == 1
    got = {r["id"]: r for r in map(json.loads, out.open(encoding="utf-8"))}
    assert got["p1"]["text"].splitlines()[1:4] == PARAS and got["p1"]["url"] == "http://x.cn/1"
    assert got["t1"]["text"] == PARAS[0]
    assert "error" in got["bad"]["cleaner"]


def test_read_records_reports_a_lossy_page_and_keeps_it(tmp_path: Path):
    data = news_page("gb2312").encode("gb18030")
    cut = data.index(PARAS[1][:4].encode("gb18030"))
    (tmp_path / "x.html").write_bytes(data[:cut] + b"\xb0 " + data[cut:])
    items = list(read_records([tmp_path / "x.html"]))
    assert isinstance(items[0], InputProblem) and "U+FFFD" in items[0].message
    assert isinstance(items[1], Record) and PARAS[2] in items[1].text


def test_diff_shows_removed_blocks_with_their_rule(tmp_path: Path, capsys):
    page = tmp_path / "page.html"
    page.write_bytes(news_page("utf-8").encode("utf-8"))
    assert main(["diff", str(page), "--json"]) == 0
    hunks = json.loads(capsys.readouterr().out)
    text = json.dumps(hunks, ensure_ascii=False)
    assert "html.outside" in text and "首页" in text


def test_parquet_rows_with_html_bytes_or_text(tmp_path: Path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": ["gbk", "utf8"],
                      "html": [news_page("gb2312").encode("gb18030"), news_page().encode()]})
    pq.write_table(table, tmp_path / "pages.parquet")
    items = list(read_records([tmp_path / "pages.parquet"]))
    assert [i.encoding for i in items] == ["gb18030", "utf-8"]
    assert all(isinstance(i, Record) and PARAS[1] in i.text for i in items)


def test_no_title_drops_the_headline_and_the_title_line(tmp_path: Path):
    from cleaner import Cleaner

    page = read_page(news_page("utf-8").encode("utf-8"))
    text = Cleaner(title=False).clean(page.text, "p", page.meta).text
    assert text.splitlines()[:3] == PARAS
    bare = news_page("utf-8").replace("<h1>十四届全国人大一次会议开幕</h1>", "")
    (tmp_path / "a.html").write_bytes(bare.encode("utf-8"))
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "a.html"), "-o", str(out), "--workers", "1"]) == 0
    assert (out / "a.txt").read_text("utf-8").splitlines()[0] == "十四届全国人大一次会议开幕"
    assert main(["clean", str(tmp_path / "a.html"), "-o", str(out), "--workers", "1",
                 "--no-title"]) == 0
    assert (out / "a.txt").read_text("utf-8").splitlines()[:3] == PARAS


LEAD = ("大鼠戊肝和新冠肺炎夹击，家庭主妇到街市买菜高危，出现多宗确诊个案的两个街市停市三日大清洗后"
        "昨日重开，但卫生环境仍然吓人，记者到场视察时仍见老鼠出没。")


def _lead_page(lead: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in PARAS * 2)
    return ("<html><head><title>街市重开 鼠患不改 - 某某日报</title></head><body>"
            f'<div id="top"><ul>{"".join(f"<li><a href=/{w}>{w}</a></li>" for w in NAV)}</ul></div>'
            f'<div id="leadin"><h1>街市重开 鼠患不改</h1><div class="leadin"><p>{lead}</p></div></div>'
            f'<div id="content"><div class="text">{paras}</div></div></body></html>').encode()


def test_a_lead_paragraph_boxed_beside_the_article_stays():
    """A portal's lead-in box between the headline and the article's container opens the report."""
    lines = read_page(_lead_page(LEAD)).text.splitlines()
    assert LEAD in lines and PARAS[0] in lines and "首页" in lines  # the menu goes later, by rule
    plan = {text: rule for text, rule, _ in read_page(_lead_page(LEAD)).meta[PLAN_KEY]}
    assert plan[LEAD] == ""


def test_a_short_label_between_the_headline_and_the_article_still_goes():
    plan = {text: rule for text, rule, _ in read_page(_lead_page("主题：街市卫生")).meta[PLAN_KEY]}
    assert plan["主题：街市卫生"] == "html.outside"


def _story_page(between: str, after: str = "") -> bytes:
    """A report whose headline and text container have ``between`` between them, and
    ``after`` below the container."""
    first, rest = f"<p>{PARAS[0]}</p>", "".join(f"<p>{p}</p>" for p in PARAS[1:] * 2)
    return ("<html><head><title>人大会议开幕 - 某某日报</title></head><body>"
            f'<div id="story"><h1>人大会议开幕</h1>{between}'
            f'<div class="text">{first}{rest}</div>{after}</div></body></html>').encode()


def _gallery_page(alt: str) -> bytes:
    return _story_page('<div class="photo"><a href="/gallery/1" class="thickbox">'
                       f'<img src="1.jpg" alt="{alt}"></a></div>')


def test_a_caption_written_as_the_alt_text_of_a_gallery_link_stays():
    """An image inside a click-to-enlarge link: its alt text is the caption, a sentence with
    its credit; a thumbnail's headline (no sentence, no credit) is not."""
    caption = "代表们步入会场，准备出席开幕会。（记者张三摄）"
    plan = {text: rule for text, rule, _ in read_page(_gallery_page(caption)).meta[PLAN_KEY]}
    assert plan[caption] == ""
    plan = {text: rule for text, rule, _ in read_page(_gallery_page(RELATED[0])).meta[PLAN_KEY]}
    assert plan[RELATED[0]] != ""


def _captioned_page(caption_html: str) -> bytes:
    return _story_page('<div class="lead-image"><p><img src="1.jpg" alt=""></p></div>'
                       + caption_html)


def test_a_caption_named_so_by_its_class_stays():
    """The lead photo's caption in an element of its own between the photo and the article's
    container (``<p class="article-detail_caption">``) is the report's; a link there under the
    same class (another story's thumbnail) is not."""
    caption = "代表们步入会场，准备出席开幕会。"
    page = _captioned_page(f'<p class="article-detail_caption">{caption}</p>')
    plan = {text: rule for text, rule, _ in read_page(page).meta[PLAN_KEY]}
    assert plan[caption] == ""
    page = _captioned_page(f'<p class="caption"><a href="/n/2">{RELATED[0]}</a></p>')
    plan = {text: rule for text, rule, _ in read_page(page).meta[PLAN_KEY]}
    assert plan[RELATED[0]] != ""


def test_captions_of_photos_laid_out_after_the_text_stay():
    """A portal's grid of photos below the article's container: a caption right after the
    article's last block stays when it reads as one; a headline there (no sentence) does not."""
    caption = "▲代表们步入会场，准备出席开幕会。"
    grid = ('<div class="col-6"><p><img src="2.jpg" alt=""></p>'
            f'<p class="img-caption">{caption}</p></div>')
    plan = {text: rule for text, rule, _ in read_page(_story_page("", grid)).meta[PLAN_KEY]}
    assert plan[caption] == ""
    grid = f'<div class="col-6"><p class="img-caption">{RELATED[0]}</p></div>'
    plan = {text: rule for text, rule, _ in read_page(_story_page("", grid)).meta[PLAN_KEY]}
    assert plan[RELATED[0]] != ""
