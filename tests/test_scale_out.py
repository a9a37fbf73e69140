"""Scaling out: a Dask pipeline on a local pool of worker processes, with the public API."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import osintreport as osr

from .conftest import EXAMPLES, WORKED_EXAMPLE


def test_objects_and_findings_pickle() -> None:
    report = osr.load(WORKED_EXAMPLE)
    assert pickle.loads(pickle.dumps(report)) == report
    findings = osr.validate(report)
    again = pickle.loads(pickle.dumps(findings))
    assert again == findings
    assert isinstance(again, osr.FindingList)


def test_dask_pipeline_on_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("pyarrow")
    # Worker processes import the example module by name, as they would a user's own module
    # (multiprocessing hands them this process's sys.path).
    monkeypatch.syspath_prepend(str(EXAMPLES))
    import dask_pipeline

    source, out = tmp_path / "reports", tmp_path / "out"
    source.mkdir()
    dask_pipeline.make_directory(source, copies=3)
    findings, events = dask_pipeline.run(source, out, workers=2)
    report = osr.load(WORKED_EXAMPLE)
    assert findings == 3 * len(osr.validate(report))
    assert events == 3 * len(report.events)
    import pandas as pd

    table = pd.read_parquet(out / "findings")
    assert len(table) == findings
    assert sorted(table["report_id"].unique()) == [f"{report.id}-{n}" for n in range(3)]
    assert table["code"].value_counts().to_dict() == {
        "OSR301": 3 * 55,
        "OSR305": 3 * 47,
        "OSR902": 3 * 5,
    }
    assert len(pd.read_parquet(out / "events")) == events
