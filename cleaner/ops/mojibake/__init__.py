"""The ``mojibake`` stage: repair text that went through the wrong byte decoding.

One rule per family of damage (:mod:`cleaner.ops.mojibake.fixes`), all decided together by
:func:`~cleaner.ops.mojibake.plan.analyse`:

* :mod:`~cleaner.ops.mojibake.evidence`: what garbled text shows and clean text does not;
* :mod:`~cleaner.ops.mojibake.double`: one codec read as another (``mojibake.double_decoding``,
  ``mojibake.latin1``), with :mod:`~cleaner.ops.mojibake.lossy` for lost bytes
  (``mojibake.lost_bytes``);
* :mod:`~cleaner.ops.mojibake.gbk` and :mod:`~cleaner.ops.mojibake.beam`: GBK streams out of
  character alignment (``mojibake.misaligned_gbk``, ``mojibake.inserted_byte``);
* :mod:`cleaner.ops.charlm`: the character language model every choice is scored with.

Every repair is an edit with a confidence; a window that looks garbled but has no reading
clearly more plausible is left as it is and listed in ``ctx.meta["suspect_spans"]``.
"""

from cleaner.ops.mojibake.fixes import (
    double_decoding,
    inserted_byte,
    latin1,
    lost_bytes,
    misaligned_gbk,
)
from cleaner.ops.mojibake.plan import analyse, precheck, prepare, repair

__all__ = [
    "analyse",
    "double_decoding",
    "inserted_byte",
    "latin1",
    "lost_bytes",
    "misaligned_gbk",
    "precheck",
    "prepare",
    "repair",
]
