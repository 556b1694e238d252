"""Facts a page states about itself: title, publication time, author, source, canonical URL.

They come from ``<meta>`` tags (Open Graph, article:*, the ``pubdate``/``publishdate`` names
Chinese portals use), ``<link rel=canonical>`` and JSON-LD ``NewsArticle`` objects. The text
rules add what they find in removed datelines and bylines; where both say something, the page's
own markup is kept under these names and the text rules' findings under theirs.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import html

_META_NAMES = {
    "published": ("article:published_time", "og:article:published_time", "pubdate", "publishdate",
                  "publish_date", "publishtime", "datepublished", "dc.date", "dc.date.issued",
                  "sailthru.date", "date", "og:release_date"),
    "author": ("author", "article:author", "og:article:author", "dc.creator", "byl"),
    "site": ("og:site_name", "application-name", "source", "mediaid", "apple-mobile-web-app-title"),
    "title": ("og:title", "twitter:title", "headline", "dc.title"),
    "description": ("description", "og:description"),
}


def page_meta(root: html.HtmlElement) -> dict[str, Any]:
    """Metadata found in the page's markup (only the keys that were found).

    >>> page_meta(html.fromstring('<html><head><meta property="og:site_name" content="新华网">'
    ...   '<meta name="publishdate" content="2020-01-02"></head><body>x</body></html>'))
    {'published': '2020-01-02', 'site': '新华网'}
    """
    found: dict[str, str] = {}
    values: dict[str, str] = {}
    for node in root.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        content = (node.get("content") or "").strip()
        if key and content:
            values.setdefault(key, content)
    for field, names in _META_NAMES.items():
        for name in names:
            if name in values:
                found[field] = values[name][:500]
                break
    for node in root.iter("link"):
        if (node.get("rel") or "").lower() == "canonical" and node.get("href"):
            found["url"] = node.get("href", "").strip()
            break
    for key, value in _json_ld(root).items():
        found.setdefault(key, value)
    return {k: found[k] for k in ("title", "published", "author", "site", "url", "description")
            if k in found}


def _json_ld(root: html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in root.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if not isinstance(obj, dict):
                continue
            for field, key in (("published", "datePublished"), ("title", "headline"),
                               ("url", "url")):
                if isinstance(obj.get(key), str):
                    out.setdefault(field, obj[key])
            for field, key in (("author", "author"), ("site", "publisher")):
                name = _name(obj.get(key))
                if name:
                    out.setdefault(field, name)
    return out


def _name(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("name") or "")
    if isinstance(value, list) and value:
        return _name(value[0])
    return ""
