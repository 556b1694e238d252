"""Which blocks of a flattened page are the article, and the DOM evidence against the others.

The article is found the way readability does it, measured in characters because Chinese has
no spaces: every block of prose (text outside links, with sentence punctuation or long enough)
adds its length to the element that holds it and half of it to that element's parent; the
element with the highest score is the article, and siblings holding a comparable share of
prose join it (stories split over several ``<div>``, forum posts). Everything outside is
removed as ``html.outside``; inside, blocks under an element whose tag or class/id words mark
furniture (navigation, sharing, comments, related lists: the words are data in
``rules/lexicon/html.toml``) are removed as ``html.widget``, and blocks that are mostly link
text with no sentence as ``html.link_block``. What is left goes through the text rules, which
know datelines, bylines and editor lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import html

from cleaner.html.blocks import BLOCK_TAGS, Block

_PUNCT = re.compile(r"[，。！？；：、,.!?;]")
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_NESTING = BLOCK_TAGS - {"br"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    widget_words: frozenset[str]
    widget_tags: frozenset[str]
    caption_end: re.Pattern[str]
    caption_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The class/id words and tags of page furniture and how a caption ends, from
    ``rules/lexicon/html.toml``."""
    from cleaner.lexicon import default_lexicon

    lex = default_lexicon()
    return Lexicon(lex.words("html_widget"), lex.words("html_widget_tag"),
                   lex.regex("html_caption_end"), lex.words("html_caption"))


def attr_words(node: html.HtmlElement) -> list[str]:
    """Lower-case word tokens of an element's class and id.

    >>> attr_words(html.fromstring('<div class="newsShare box_2" id="relatedNews"></div>'))
    ['news', 'share', 'box', 'related', 'news']
    """
    raw = f"{node.get('class', '')} {node.get('id', '')}"
    return [t.lower() for t in _TOKEN.findall(raw)]


@dataclass(slots=True)
class Decision:
    """The verdict on one block: ``rule`` is empty when the block is kept."""

    rule: str = ""
    why: str = ""


def prose_mass(block: Block) -> float:
    """How strongly a block says "article prose here": its sentence text outside links.

    Long paragraphs count more than their length (``n·min(1, n/100)``): a list of sixty short
    items with a date each (forum replies, headline lists) must not outweigh the story.
    """
    n = len(block.plain)
    if n < 8 or block.link_chars > n or (n < 40 and not _PUNCT.search(block.plain)):
        return 0.0
    return n * min(1.0, n / 100)


HEADLINE_WINDOW = 40
"""Blocks this close below the visible headline weigh double: a story follows its headline,
so a one-paragraph report is not outweighed by a long list of comment rules further down."""
LIST_ITEM_WEIGHT = 0.5
"""Prose inside ``<li>`` weighs half: lists of sentences are more often rules, teasers and
comment threads than the report (lists inside the report still join it with its container)."""


def decide(blocks: list[Block], headline: int | None = None, lex: Lexicon | None = None
           ) -> list[Decision]:
    """Keep or remove every block, with the evidence for each removal."""
    lex = lex or lexicon()
    widget = _widget_index(blocks, lex)
    masses = [0.0 if mark else prose_mass(block) for block, mark in zip(blocks, widget, strict=True)]
    for i, block in enumerate(blocks):
        if masses[i]:
            if headline is not None and headline < i <= headline + HEADLINE_WINDOW:
                masses[i] *= 2
            if block.node.tag == "li":
                masses[i] *= LIST_ITEM_WEIGHT
    scores: dict[html.HtmlElement, float] = {}
    containers: dict[html.HtmlElement, html.HtmlElement] = {}
    for block, mass in zip(blocks, masses, strict=True):
        if not mass:
            continue
        container = containers.get(block.node)
        if container is None:
            container = containers[block.node] = _container(block.node)
        scores[container] = scores.get(container, 0.0) + mass
        parent = container.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + mass / 2
    if not scores:
        return [Decision() for _ in blocks]
    top = max(scores, key=lambda e: scores[e])
    roots = _with_siblings(top, blocks, masses) | _tables_after(top)
    label = _describe(top)
    out: list[Decision] = []
    for block, mark in zip(blocks, widget, strict=True):
        inside = _inside(block.node, roots)
        if not inside:
            out.append(Decision("html.outside", f"outside the article ({label})"))
        elif mark and _inside_below(mark[0], roots):
            out.append(Decision("html.widget", mark[1]))
        elif block.link_density > 0.6 and not _PUNCT.search(block.text[-1:]) \
                and prose_mass(block) == 0:
            out.append(Decision("html.link_block", f"link text {block.link_density:.0%}"))
        else:
            out.append(Decision())
    _keep_captions(blocks, out, headline, lex)
    return out


def _keep_captions(blocks: list[Block], out: list[Decision], headline: int | None,
                   lex: Lexicon) -> None:
    """Photo captions between the headline and the article's last block stay with the story.

    Portals put the lead photo in a ``<figure>`` beside the text container; its caption is part
    of the report. A caption is a block of an ``<img>``'s alt text, a ``<figcaption>`` or an
    element its class or id names a caption (lexicon words ``html_caption``), with no link
    text, placed after the headline (or the article's first block) and before its last; right
    after its last block, captions that read as one (a sentence, or a credit in brackets) stay
    too, one after another.
    """
    kept = [i for i, d in enumerate(out) if not d.rule]
    if not kept:
        return
    start = headline if headline is not None and headline < kept[0] else kept[0]
    for i in range(start, kept[-1]):
        block, rule = blocks[i], out[i].rule
        if _outside_caption(block, rule, lex) \
                or (rule in _CAPTION_RULES and _gallery_caption(block, lex)):
            out[i] = Decision()
    # the photos a portal lays out after the text (a grid of pictures below the article's
    # container): captions right after its last block, each read as a caption sentence
    after = kept[-1] + 1
    while after < len(blocks) and _outside_caption(blocks[after], out[after].rule, lex) \
            and lex.caption_end.search(blocks[after].text):
        out[after] = Decision()
        after += 1
    _keep_standfirst(blocks, out, headline, kept[0])


def _keep_standfirst(blocks: list[Block], out: list[Decision], headline: int | None,
                     first: int) -> None:
    """A lead paragraph in a box of its own between the headline and the article (a portal's
    ``<div class="leadin">`` beside the text container) opens the report: paragraphs (at least
    :data:`STANDFIRST_CHARS` characters, no link text) right below the headline, up to the
    article's first block, stay; a title shown again, a site name or a ``主题：`` label there
    is shorter. Only when the headline is known: without it, what stands above the article may
    be anything."""
    if headline is None or headline >= first:
        return
    for i in range(headline + 1, first):
        block = blocks[i]
        if out[i].rule == "html.outside" and not block.link_chars \
                and len(block.plain) >= STANDFIRST_CHARS and _PUNCT.search(block.plain):
            out[i] = Decision()


STANDFIRST_CHARS = 60


def _gallery_caption(block: Block, lex: Lexicon) -> bool:
    """An image's alt text inside a link to a gallery (click to enlarge) that reads as a
    caption (lexicon family ``html_caption_end``: a sentence, or a credit in brackets). A
    thumbnail of another story carries its headline, which has neither.

    >>> ends = lexicon().caption_end
    >>> ends.search("紅磡街市已現鼠蹤。（李華輝攝）") is not None
    True
    >>> ends.search("两会代表热议政府工作报告") is None
    True
    """
    return block.image and bool(lex.caption_end.search(block.text))


_CAPTION_RULES = ("html.outside", "html.link_block")


def _outside_caption(block: Block, rule: str, lex: Lexicon) -> bool:
    """A caption (:func:`_is_caption`) with no link text that only its place put outside."""
    return rule == "html.outside" and not block.link_chars and _is_caption(block, lex)


def _is_caption(block: Block, lex: Lexicon) -> bool:
    """An image's alt text, or a block in a ``<figure>``, a ``<figcaption>`` or an element
    named a caption, up to three levels up.

    >>> page = html.fromstring('<div><p class="article-detail_caption">圖為現場。</p></div>')
    >>> _is_caption(Block("圖為現場。", page[0], 0), lexicon())
    True
    """
    if block.image:
        return True
    node: html.HtmlElement | None = block.node
    for _ in range(3):
        if node is None:
            return False
        if node.tag in ("figcaption", "figure") \
                or any(w in lex.caption_words for w in attr_words(node)):
            return True
        node = node.getparent()
    return False


def _container(node: html.HtmlElement) -> html.HtmlElement:
    """The element a block's prose counts for: a paragraph's parent (a ``<p>``, ``<li>`` or a
    ``<div>`` holding no other block counts for the element around it), else the holder itself."""
    parent = node.getparent()
    if parent is None or node.tag == "br" or any(c.tag in _NESTING for c in node):
        return node if node.tag != "br" or parent is None else parent
    return parent


def _widget_index(blocks: list[Block], lex: Lexicon
                  ) -> list[tuple[html.HtmlElement, str] | None]:
    """For each block, the nearest ancestor that marks furniture and why (None: no such)."""
    cache: dict[html.HtmlElement, tuple[html.HtmlElement, str] | None] = {}
    marks = [_widget_of(block.node, lex, cache) for block in blocks]
    # A "widget" holding half the page's prose is a wrapper (<div class="main-nav-wrap">
    # around everything), not furniture: its mark is ignored.
    total = sum(prose_mass(b) for b in blocks)
    under: dict[html.HtmlElement, float] = {}
    for block, mark in zip(blocks, marks, strict=True):
        if mark:
            under[mark[0]] = under.get(mark[0], 0) + prose_mass(block)
    return [None if mark and under[mark[0]] * 2 > total > 0 else mark for mark in marks]


def _widget_of(node: html.HtmlElement | None, lex: Lexicon,
               cache: dict[html.HtmlElement, tuple[html.HtmlElement, str] | None]
               ) -> tuple[html.HtmlElement, str] | None:
    chain: list[html.HtmlElement] = []
    found: tuple[html.HtmlElement, str] | None = None
    while node is not None:
        if node in cache:
            found = cache[node]
            break
        chain.append(node)
        if node.tag in lex.widget_tags:
            found = (node, f"inside <{node.tag}>")
            break
        words = [w for w in attr_words(node) if w in lex.widget_words]
        if words:
            found = (node, f"inside {_describe(node)}: class/id word {words[0]!r}")
            break
        node = node.getparent()
    for n in chain:
        cache[n] = found
    return found


def _with_siblings(top: html.HtmlElement, blocks: list[Block], masses: list[float]
                   ) -> set[html.HtmlElement]:
    """The article element plus siblings that hold a comparable share of prose."""
    parent = top.getparent()
    if parent is None:
        return {top}
    by_child: dict[html.HtmlElement, float] = {}
    children = set(parent)
    for block, mass in zip(blocks, masses, strict=True):
        if not mass:
            continue
        for node in block.node.iterancestors():
            if node in children:
                by_child[node] = by_child.get(node, 0) + mass
                break
        else:
            if block.node in children:
                by_child[block.node] = by_child.get(block.node, 0) + mass
    own = by_child.get(top, 0)
    return {top} | {c for c, m in by_child.items() if m >= max(0.3 * own, 36)}


def _tables_after(top: html.HtmlElement) -> set[html.HtmlElement]:
    """A data table right after the article (its element or one of two ancestors) belongs to it.

    Reports end with tables of figures, schedules or lists of names that carry no sentence and
    so no prose score. Only a real data table joins: two rows of two cells or more, and almost
    no link text (a table of links is a menu).
    """
    found: set[html.HtmlElement] = set()
    node: html.HtmlElement | None = top
    for _ in range(3):
        if node is None or node.tag in ("body", "html"):
            break
        nxt = node.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None and _data_table(nxt):
            found.add(nxt)
            break
        node = node.getparent()
    return found


def _data_table(node: html.HtmlElement) -> bool:
    table = node if node.tag == "table" else node.find(".//table")
    if table is None:
        return False
    rows = [r for r in table.iter("tr") if len([c for c in r if c.tag in ("td", "th")]) >= 2]
    if len(rows) < 2:
        return False
    text = len("".join(node.text_content().split()))
    links = sum(len("".join(a.text_content().split())) for a in node.iter("a"))
    return text > 0 and links <= 0.1 * text


def _inside(node: html.HtmlElement, roots: set[html.HtmlElement]) -> bool:
    if node in roots:
        return True
    return any(a in roots for a in node.iterancestors())


def _inside_below(mark: html.HtmlElement, roots: set[html.HtmlElement]) -> bool:
    """Is the furniture element inside the article (not the article or one of its ancestors)?"""
    return mark not in roots and _inside(mark, roots)


def _describe(node: html.HtmlElement) -> str:
    ident = node.get("id")
    cls = (node.get("class") or "").split()
    return f"<{node.tag}" + (f" id={ident}" if ident else "") + \
        (f" class={cls[0]}" if cls else "") + ">"
