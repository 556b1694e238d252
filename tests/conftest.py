"""Shared fixtures: one Cleaner for the session (loading and compiling rules is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()
