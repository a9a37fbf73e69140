from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
WORKED_EXAMPLE = EXAMPLES / "isw-2023-08-03-syria-coordination.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_REPORT = CORPUS / "isw-2023-08-03-syria-coordination.txt"

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def corpus_text() -> str:
    if not CORPUS_REPORT.exists():
        pytest.skip(f"corpus not found at {CORPUS_REPORT} (clone with ../shared beside it)")
    return CORPUS_REPORT.read_text(encoding="utf-8")
