"""The rules of the ``mojibake`` stage, one per family of damage.

Each function is an op (``op = "mojibake:<name>"`` in ``rules/10-mojibake.toml``) that returns
the spans of its own family from the document's :class:`~cleaner.ops.mojibake.plan.Plan`. The
plan is worked out once, by the first of these rules that runs on a document, and kept in
``ctx.scratch``; it says what every family repairs, so families never claim the same span, and
switching one rule off (``--disable mojibake.latin1``) leaves exactly that family's damage.
"""

from __future__ import annotations

from typing import Any

from cleaner.document import Span
from cleaner.ops import OpContext
from cleaner.ops.mojibake.plan import Plan, analyse, publish

SCRATCH = "mojibake"


def _plan(text: str, ctx: OpContext) -> Plan:
    """The plan for ``text``: the one the previous rule left, or a new one (published).

    A plan moves on to the text its repairs make. Once every family has taken its spans and
    one of them undid a whole decoding (``plan.UNCOVERING``), the repaired text is analysed
    afresh, as a second run over it would be: a repair of one family can uncover another
    (``ÐÂÎÅ“新闂`` shows GBK read as Latin-1 only once ``鈥滄柊`` is UTF-8 again), and a rule
    must answer an equal text the same way whatever came before it.
    """
    plan = ctx.scratch.get(SCRATCH)
    if plan is None or plan.text != text or (plan.moved and not plan.spans):
        plan = ctx.scratch[SCRATCH] = analyse(text)
        publish(plan, ctx)
    return plan


def _fixed(text: str, op: Any, **params: Any) -> str:
    """``text`` with ``op``'s spans applied (what the doctests show)."""
    from cleaner.document import apply_spans

    return apply_spans(text, op(text, OpContext(), **params), "doctest")[0]


def double_decoding(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Undo CJK text decoded with another CJK codec (UTF-8 read as GBK, Big5 read as GBK …).

    Why: a page served as UTF-8 but read as GBK turns every character into one or two
    uncommon ones (``人民`` → ``浜烘皯``); encoding back with the wrong codec and decoding with
    the right one restores it exactly, and the character model says which pair was used.

    >>> _fixed("浜烘皯鏃ユ姤鎶ラ亾", double_decoding)
    '人民日报报道'
    """
    return _plan(text, ctx).take("double_decoding")


def lost_bytes(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Undo UTF-8 read as GBK/Big5 by a decoder that wrote ``?`` or U+FFFD for a lost byte.

    Why: the odd-length tail of a line has no GBK partner, so a forgiving decoder drops it
    (``测试了`` → ``娴嬭瘯浜?``); the rest round-trips, and the lost byte leaves only a few
    dozen candidate characters, which the model picks from only when it is sure (otherwise
    the character stays U+FFFD and the span is listed in ``suspect_spans``).

    >>> _fixed("鎴戜滑浠婂ぉ鍘诲叕鍥暎姝ュ惂銆?", lost_bytes)
    '我们今天去公园散步吧。'
    """
    return _plan(text, ctx).take("lost_bytes")


def latin1(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Undo bytes read as Latin-1 or Windows-1252 (GBK, Big5 or UTF-8 underneath).

    Why: Western single-byte codecs accept any byte, so CJK text read by one survives as
    accented letters (``ÈËÃñ`` is GBK 人民, ``äººæ°`` is UTF-8 人民); ftfy undoes the UTF-8
    case, and the CJK codecs are tried for the rest.

    >>> _fixed("ÈËÃñÈÕ±¨±¨µÀ", latin1)
    '人民日报报道'
    """
    return _plan(text, ctx).take("latin1")


def misaligned_gbk(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Realign GBK streams knocked out of step by a byte-level converter (see ``gbk``).

    Why: a converter that inserted pinyin or a byte between the two bytes of a character
    makes the decoder pair the trail byte of one character with the lead byte of the next,
    and a ``?`` marks where it gave up; a beam search over the bytes the window could have
    held, scored by the character model, finds the original text.

    ``params``: ``min_confidence`` (default 0.0): repairs below it are listed as suspect
    instead of applied.

    >>> _fixed("當(dāng)?shù)貏?chuàng)新", misaligned_gbk)
    '當地創新'
    """
    spans = _plan(text, ctx).take("misaligned_gbk")
    min_conf = float(params.get("min_confidence", 0.0))
    low = [s for s in spans if len(s) > 3 and s[3] < min_conf]  # type: ignore[misc]
    for s in low:
        reason = "gbk: low confidence repair"
        ctx.meta.setdefault("suspect_spans", []).append(
            {"start": s[0], "end": s[1], "text": text[s[0] : s[1]], "reason": reason}
        )
    return [s for s in spans if s not in low]


def inserted_byte(text: str, ctx: OpContext, **params: Any) -> list[Span]:
    """Drop the invisible byte a converter put before every ，。、；！？ of the document.

    Why: the same byte before nearly every punctuation mark is the converter's, not the
    author's; a visible ``,`` is left to the punctuation stage, which owns commas.

    >>> _fixed("他来了\\x01，我们走吧\\x01。你好\\x01！好的\\x01。", inserted_byte)
    '他来了，我们走吧。你好！好的。'
    """
    return _plan(text, ctx).take("inserted_byte")
