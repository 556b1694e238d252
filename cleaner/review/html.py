"""Write a review as one self-contained HTML page, to send to a colleague.

The page is the terminal rendering recorded by rich (``Console(record=True)``), so it shows
exactly what ``cleaner diff`` shows, colours and all, with the styles inlined in one file: no
scripts, no external assets. The font stack puts CJK monospace fonts first so Chinese text
keeps its two-cell alignment in most browsers.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console, RenderableType

from cleaner.io import atomic_writer

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="UTF-8">
<title>{title}</title>
<style>
{stylesheet}
body {{
    color: {foreground};
    background-color: {background};
    margin: 1.5em;
}}
pre {{
    font-family: "Sarasa Mono SC", "Noto Sans Mono CJK SC", "Source Han Mono SC",
                 Menlo, "DejaVu Sans Mono", Consolas, monospace;
    line-height: 1.35;
}}
</style>
</head>
<body>
<pre><code>{code}</code></pre>
</body>
</html>
"""


def recording_console(width: int = 120) -> Console:
    """A console that records what is printed to it and writes nothing anywhere."""
    return Console(record=True, width=width, file=io.StringIO(), color_system="truecolor",
                   force_terminal=True, highlight=False, soft_wrap=False)


def render_html(renderables: Iterable[RenderableType], title: str, width: int = 120) -> str:
    console = recording_console(width)
    for item in renderables:
        console.print(item)
    safe = html.escape(title).replace("{", "{{").replace("}", "}}")
    template = PAGE.replace("{title}", safe)
    return console.export_html(code_format=template, inline_styles=False)


def write_html(path: str | Path, renderables: Iterable[RenderableType], title: str,
               width: int = 120) -> None:
    page = render_html(renderables, title, width)
    with atomic_writer(path) as handle:
        handle.write(page)
