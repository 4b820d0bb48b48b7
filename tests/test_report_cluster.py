"""``budgetlib report --scheduler``: reports run on a dask.distributed cluster come out as local ones do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import budgetlib
from budgetlib.locations import default_data_dir
from budgetlib.report.build import build
from budgetlib.report.cluster import stop_kernels
from budgetlib.report.jobs import Job, plan
from budgetlib.report.prepared import Prepared
from tests.tiny_notebooks import kernels_of

DATA_DIR = default_data_dir()


@pytest.mark.slow
def test_a_cluster_builds_the_same_bytes_as_local_kernels(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    dataset = budgetlib.load(DATA_DIR)
    prepared = Prepared(dataset, budgetlib.reconcile(dataset))
    local, remote = tmp_path / "local", tmp_path / "remote"

    def jobs(reports: Path) -> list[Job]:
        return plan(dataset, region="Region Värmland", reports=reports, findings=prepared.findings)

    build(jobs(local), local, workers=1, prepared=prepared)
    try:
        with distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster:
            outcomes = build(jobs(remote), remote, prepared=prepared, scheduler=cluster.scheduler_address)
    finally:
        stop_kernels()  # the in-process worker's warm kernel; a real worker stops it when it exits
    assert kernels_of(os.getpid()) == []
    assert [o.status for o in outcomes] == ["built", "built", "built"]
    for outcome in outcomes:
        for kind in ("html", "ipynb"):
            path = getattr(outcome.job, kind)
            assert path.read_bytes() == (local / path.relative_to(remote)).read_bytes(), path
    assert "Region Värmland" in outcomes[0].job.html.read_text(encoding="utf-8")
