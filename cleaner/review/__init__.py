"""Review tools: see what the cleaner did before trusting it on a corpus.

* :mod:`~cleaner.review.align` — compose edits into changes against the original text;
* :mod:`~cleaner.review.rows` — what is shown: rows of lines, hunks, tallies, the view's limits;
* :mod:`~cleaner.review.hunks` — lay changes over lines: hunks, removed blocks, context;
* :mod:`~cleaner.review.render` — rich renderables (inline, side by side, legend, metadata);
* :mod:`~cleaner.review.summary` — the per-rule table over many documents;
* :mod:`~cleaner.review.dups` — near-duplicate clusters, kept beside each duplicate;
* :mod:`~cleaner.review.html` — the same review as one self-contained HTML page.
"""

from cleaner.review.align import Alignment, align
from cleaner.review.hunks import diff_result
from cleaner.review.render import document_view
from cleaner.review.rows import DocDiff, Options

__all__ = ["Alignment", "DocDiff", "Options", "align", "diff_result", "document_view"]
