"""Near-duplicate detection for Chinese news: dedup key, MinHash, LSH, clusters, keep policy.

>>> from cleaner.dedup import Deduper
>>> result = Deduper().dedup(["..."], ids=["a"])  # doctest: +SKIP
"""

from cleaner.dedup.core import DedupConfig
from cleaner.dedup.deduper import Assignment, Deduper, DedupResult
from cleaner.dedup.keep import POLICIES, DocInfo
from cleaner.dedup.key import dedup_key, key_hash

__all__ = [
    "POLICIES",
    "Assignment",
    "DedupConfig",
    "DedupResult",
    "Deduper",
    "DocInfo",
    "dedup_key",
    "key_hash",
]
