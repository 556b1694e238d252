"""Public names of a package imported on first use (PEP 562), not when the package is.

``import cleaner.cli`` must not load the pipeline, and ``cleaner clean`` must not load the diff
renderer, yet ``from cleaner import Cleaner`` and ``from cleaner.review import diff_result``
keep working: the package's ``__getattr__`` imports the home module of a name when the name is
first read, and keeps the value so later reads are plain attribute lookups.

>>> namespace = {}
>>> getter = lazy_names("pkg", {"dedent": "textwrap"}, namespace)
>>> getter("dedent")("  x")
'x'
>>> "dedent" in namespace
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, homes: dict[str, str], namespace: dict[str, Any]
               ) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` whose names live in ``homes`` (name → module)."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    return __getattr__
