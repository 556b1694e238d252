"""WARC files (``.warc``, ``.warc.gz``): every HTML response record is one page.

Read with warcio. A record's id is its ``WARC-Target-URI``; its date (``WARC-Date``) and URI
go into the record's fields and metadata. The HTTP header's charset is the second piece of
evidence the page decoder weighs, after a byte-order mark (:mod:`cleaner.html.decode`).
Records that are not ``text/html`` responses (requests, metadata, images) are skipped; a
truncated file ends with an :class:`InputProblem` after every record read before the damage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cleaner.io.html import page_record
from cleaner.io.records import DEFAULT_MAX_CHARS, InputProblem, Record

WARC_SUFFIXES = (".warc", ".warc.gz")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", re.I)


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record | InputProblem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stem = path.name[: -len(".gz")] if path.name.lower().endswith(".gz") else path.name
    stem = stem[: -len(".warc")] if stem.lower().endswith(".warc") else stem
    count = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                count += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{stem}#{count}"
                date = record.rec_headers.get_header("WARC-Date") or ""
                charset = _CHARSET.search(ctype)
                data = record.content_stream().read()
                for item in page_record(data, uri, f"{path}#{count} {uri}",
                                        f"{stem}/{count:06d}.txt",
                                        fields={"url": uri, "date": date},
                                        http_charset=charset.group(1) if charset else None,
                                        max_chars=max_chars):
                    if isinstance(item, Record):
                        item.meta.setdefault("url", uri)
                        item.meta["warc_date"] = date
                    yield item
    except (OSError, EOFError, ArchiveLoadFailed, ValueError) as exc:
        yield InputProblem(f"{path}#{count + 1}", f"WARC stream ends early or is damaged: {exc}")
