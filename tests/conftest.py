"""Shared test configuration: paths to ../shared and the fixtures, skips when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "bukharin-individual-terror.txt"
SEED_GOLD = SHARED / "corpus" / "seed" / "bukharin-individual-terror.gold.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared is absent")
    return SEED


@pytest.fixture
def seed_gold() -> dict:
    import json

    if not SEED_GOLD.exists():
        pytest.skip("../shared is absent")
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis():
    """The seed analysed once per test session (loads the spaCy model)."""
    if not SEED.exists():
        pytest.skip("../shared is absent")
    import testimonia

    return testimonia.analyze(SEED)
