"""cleaner: turn scraped Chinese news text into clean, deduplicated corpora.

>>> from cleaner import Cleaner
>>> result = Cleaner().clean("人民網>>四川頻道>>綜合欄目\\n正文第一段，內容很長很長，這裡是新聞的正文部分。")
>>> result.text
'正文第一段，内容很长很长，这里是新闻的正文部分。'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleaner.lazy import lazy_names

if TYPE_CHECKING:
    from cleaner.document import CleanResult, Doc, Edit
    from cleaner.pipeline import Cleaner
    from cleaner.rules import RuleError, load_rules

__all__ = ["Cleaner", "CleanResult", "Doc", "Edit", "RuleError", "load_rules"]
__version__ = "0.1.0"

_HOMES = {"Cleaner": "cleaner.pipeline", "CleanResult": "cleaner.document", "Doc": "cleaner.document",
          "Edit": "cleaner.document", "RuleError": "cleaner.rules", "load_rules": "cleaner.rules"}

# the public names are imported on first use: ``import cleaner.cli`` must not load the pipeline
__getattr__ = lazy_names("cleaner", _HOMES, globals())
