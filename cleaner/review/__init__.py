"""Review tools: see what the cleaner did before trusting it on a corpus.

* :mod:`~cleaner.review.align` — compose edits into changes against the original text;
* :mod:`~cleaner.review.rows` — what is shown: rows of lines, hunks, tallies, the view's limits;
* :mod:`~cleaner.review.hunks` — lay changes over lines: hunks, removed blocks, context;
* :mod:`~cleaner.review.render` — rich renderables (inline, side by side, legend, metadata);
* :mod:`~cleaner.review.summary` — the per-rule table over many documents;
* :mod:`~cleaner.review.dups` — near-duplicate clusters, kept beside each duplicate;
* :mod:`~cleaner.review.html` — the same review as one self-contained HTML page.

The diff and rendering names are imported on first use: ``cleaner clean`` reads only the
summary table and should not compile the diff modules' patterns at start-up. ``align`` is
imported here, so the package attribute is the function, not its module of the same name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.lazy import lazy_names
from cleaner.review.align import Alignment, align

if TYPE_CHECKING:
    from cleaner.review.hunks import diff_result
    from cleaner.review.render import document_view
    from cleaner.review.rows import DocDiff, Options

__all__ = ["Alignment", "DocDiff", "Options", "align", "diff_result", "document_view"]

_HOMES = {"DocDiff": "cleaner.review.rows", "Options": "cleaner.review.rows",
          "diff_result": "cleaner.review.hunks", "document_view": "cleaner.review.render"}
__getattr__ = lazy_names("cleaner.review", _HOMES, globals())
