"""Shared pytest configuration: hypothesis profiles and paths to the test data."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" runs every property test on a few hundred examples; "dev" keeps the loop quick.
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
