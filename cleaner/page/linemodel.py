"""The trained line model: a logistic score over the features of :mod:`cleaner.page.features`.

The model is data: a TOML file in ``rules/models/`` (written by ``scripts/train_chrome.py``)
holding a bias, one weight per feature with the feature's meaning beside it, and the
threshold the training chose (the lowest probability no body line of the labelled pages and
the clean-news audit reaches). A line's score is ``bias + Σ weight × value``; its probability of
being chrome is the logistic of the score. Since every feature runs from 0 to 1, a weight says
what its feature adds when present, and :meth:`LineModel.explain` names the features that
pushed a line over the threshold.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from cleaner.page.features import FEATURES

DEFAULT_MODEL = "models/line_model.toml"


class ModelError(ValueError):
    """A model file is missing or malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class LineModel:
    """Bias, weights per feature name and the threshold a line must pass to be removed."""

    bias: float
    weights: dict[str, float]
    threshold: float
    source: str = "<model>"

    def score(self, values: dict[str, float]) -> float:
        """The logistic score of a line's features.

        >>> LineModel(0.0, {"tiny": 2.0}, 0.5).score({"tiny": 1.0, "short": 1.0})
        2.0
        """
        return self.bias + sum(w * values.get(name, 0.0) for name, w in self.weights.items())

    def probability(self, values: dict[str, float]) -> float:
        """How likely the model thinks the line is chrome (0 to 1)."""
        s = self.score(values)
        return 1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0

    def explain(self, values: dict[str, float], top: int = 4) -> str:
        """The probability and the features that added most to the score.

        >>> m = LineModel(-1.0, {"tiny": 2.5, "prev_removed": 1.5, "prose": -3.0}, 0.5)
        >>> m.explain({"tiny": 1.0, "prev_removed": 1.0, "prose": 0.0})
        'p=0.95: tiny +2.50, prev_removed +1.50'
        """
        parts = sorted(((w * values.get(name, 0.0), name) for name, w in self.weights.items()),
                       reverse=True)
        named = ", ".join(f"{name} {c:+.2f}" for c, name in parts[:top] if c > 0)
        return f"p={self.probability(values):.2f}: {named}"


def model_path(name: str) -> Path:
    """Where the model ``name`` is: an absolute path as given, else under the shipped rules."""
    path = Path(name)
    if path.is_absolute():
        return path
    return Path(str(resources.files("cleaner") / "default_rules" / name))


@lru_cache(maxsize=8)
def load_model(name: str = DEFAULT_MODEL) -> LineModel:
    """The model in the TOML file ``name`` (see :func:`model_path`), read once per process."""
    path = model_path(name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ModelError(f"{path}: cannot read the line model: {exc}") from exc
    return model_from(data, str(path))


def model_from(data: dict, source: str = "<model>") -> LineModel:
    """A model from parsed TOML: ``[model]`` with ``bias`` and ``threshold``, ``[weights]``."""
    head, weights = data.get("model"), data.get("weights")
    if not isinstance(head, dict) or not isinstance(weights, dict):
        raise ModelError(f"{source}: a line model needs a [model] and a [weights] table")
    unknown = sorted(set(weights) - set(FEATURES))
    if unknown:
        raise ModelError(f"{source}: weights: unknown feature(s) {', '.join(unknown)}")
    try:
        bias, threshold = float(head["bias"]), float(head["threshold"])
        parsed = {name: float(w) for name, w in weights.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{source}: model.bias, model.threshold and every weight must be "
                         f"numbers ({exc})") from exc
    if not 0.0 < threshold <= 1.0:
        raise ModelError(f"{source}: model.threshold must be in (0, 1], not {threshold}")
    return LineModel(bias, parsed, threshold, source)
