"""Shared material for the chrome tests: three paragraphs of clean news, and a way to run one op."""

from __future__ import annotations

from cleaner.ops import OpContext

P1 = "市教育局昨天发布通知，今年全市将新增中小学学位三千个，缓解部分片区入学难的问题。"
P2 = "据介绍，新建的五所学校将于九月投入使用，届时周边居民的孩子可以就近入学，不必再跨区上学。"
P3 = "教育局有关负责人表示，下一步还将继续加大投入，推动优质教育资源向新城区和农村地区延伸。"
BODY = "\n".join([P1, P2, P3])


def run(op, text: str) -> tuple[str, dict]:
    """Apply one op to ``text`` alone; returns the new text and the metadata it recorded."""
    ctx = OpContext()
    spans = op(text, ctx)
    out = text
    for start, end, new, *_ in sorted(spans, reverse=True):
        out = out[:start] + new + out[end:]
    return out, ctx.meta
