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
        pytest.skip(
            f"needs the shared corpus at {CORPUS_REPORT}: these tests read the real report "
            "text; put the 'shared' folder beside the checkout to run them"
        )
    return CORPUS_REPORT.read_text(encoding="utf-8")


NO_SKIPS = "OSINTREPORT_NO_SKIPS"
"""Set (CI sets it) to fail the run when any test was skipped: a missing corpus or extra."""


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under ``OSINTREPORT_NO_SKIPS=1``, a skipped test fails the run, saying which and why."""
    if not os.environ.get(NO_SKIPS):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if not skipped:
        return
    reporter.write_line(
        f"{NO_SKIPS} is set and {len(skipped)} test(s) were skipped; CI runs every test:",
        red=True,
    )
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        reporter.write_line(f"  {report.nodeid}: {reason}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
