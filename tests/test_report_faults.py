"""Faults during a build: a hanging cell, a dying kernel, a kill at any moment, two builds, a full disk.

The notebooks here are tiny stand-ins (tests/tiny_notebooks.py); each test
starts one kernel, or a few where a fault forces a fresh one.
"""

from __future__ import annotations

import html
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas
import pytest

import budgetlib
from budgetlib.cli import main
from budgetlib.report.build import INDEX, MANIFEST, SCRATCH, build
from budgetlib.report.jobs import plan
from budgetlib.report.lock import WAIT
from budgetlib.report.manifest import Ledger
from budgetlib.report.refresh import refresh_outputs
from tests.conftest import DATA_DIR, edit_csv
from tests.tiny_notebooks import kernels_of, notebook, wait_until_no_kernels_of, write_notebooks

VARMLAND = "region-varmland/hsn-2025"
JAMTLAND = "region-jamtland-harjedalen/hsn-2024"


def report_arguments(reports: Path, notebooks: Path, *extra: str, data: Path = DATA_DIR) -> list[str]:
    folders = ["--reports-dir", str(reports), "--notebooks-dir", str(notebooks)]
    return ["--data-dir", str(data), "report", "--no-pdf", *folders, *extra]


def page_text(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def recorded(reports: Path) -> dict[str, str]:
    """Report key → status, as the manifest has it."""
    entries = json.loads((reports / MANIFEST).read_text(encoding="utf-8"))
    return {key: entry["status"] for key, entry in entries.items()}


def hang_in_varmland(marker: Path, release: Path) -> str:
    """A cell that, for Värmland, leaves ``marker`` and sleeps, unless ``release`` exists."""
    return (
        "import os, pathlib, time\n"
        f'if region == "Region Värmland" and not os.path.exists({str(release)!r}):\n'
        f"    pathlib.Path({str(marker)!r}).touch()\n"
        "    time.sleep(120)"
    )


def start_build(reports: Path, notebooks: Path) -> subprocess.Popen[str]:
    """``budgetlib report --jobs 1`` in a process of its own: reports run in plan order, one at a time."""
    command = [sys.executable, "-m", "budgetlib.cli", *report_arguments(reports, notebooks, "--jobs", "1")]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(marker: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90
    while not marker.exists():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "the build never reached the hanging cell"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_hanging_cell_and_a_dying_kernel_fail_alone_and_leave_no_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notebooks = write_notebooks(
        tmp_path / "notebooks",
        "import os, time",
        'if region == "Region Värmland":\n    time.sleep(120)',
        'if region == "Region Jämtland Härjedalen":\n    os._exit(1)',
        "print(region, namnd, year)",
    )
    reports = tmp_path / "reports"
    started = time.monotonic()
    assert main(report_arguments(reports, notebooks, "--jobs", "1", "--timeout", "2")) == 1
    assert time.monotonic() - started < 90
    err = capsys.readouterr().err
    assert "MISSLYCKADES: HSN 2025 – Region Värmland" in err
    assert "cell 3 av 5 blev inte klar på 2 s (--timeout) och avbröts" in err
    assert "MISSLYCKADES: HSN 2024 – Region Jämtland Härjedalen" in err
    assert "Python-kärnan dog under cell 4 av 5" in err
    assert "10 klar, 2 misslyckades" in err
    assert recorded(reports) == {
        JAMTLAND: "failed",
        VARMLAND: "failed",
        "region-vasterbotten/hsn-2025": "ok",
        "region-vasterbotten/rs-2025": "ok",
        "avstamning": "ok",
        "avstamning-region-jamtland-harjedalen": "ok",
        "avstamning-region-varmland": "ok",
        "avstamning-region-vasterbotten": "ok",
        "jamforelse": "ok",
        "jamforelse-region-jamtland-harjedalen": "ok",
        "jamforelse-region-varmland": "ok",
        "jamforelse-region-vasterbotten": "ok",
    }
    assert "cell 3 av 5 blev inte klar" in page_text(reports / INDEX)
    assert not (reports / f"{VARMLAND}.html").exists()
    assert kernels_of(os.getpid()) == []


@pytest.mark.slow
def test_files_in_the_callers_folder_cannot_stand_in_for_modules_in_kernels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    caller, marker = tmp_path / "caller", tmp_path / "kapad"
    caller.mkdir()
    planted = f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nraise ImportError('fel pandas')\n"
    (caller / "pandas.py").write_text(planted, encoding="utf-8")
    subprocess.run([sys.executable, "-c", "import pandas"], cwd=caller, capture_output=True, check=False)
    assert marker.exists()  # a plain interpreter started there does import it
    marker.unlink()
    monkeypatch.chdir(caller)
    notebooks = write_notebooks(tmp_path / "notebooks", "import pandas\nprint(pandas.__file__)")
    reports = tmp_path / "reports"
    jobs = plan(budgetlib.load(DATA_DIR), region="Region Värmland", reports=reports, notebooks=notebooks)
    assert {o.status for o in build(jobs, reports, workers=1)} == {"built"}
    assert not marker.exists()
    executed = json.loads((reports / f"{VARMLAND}.ipynb").read_text(encoding="utf-8"))
    assert "".join(executed["cells"][-1]["outputs"][0]["text"]).strip() == pandas.__file__


@pytest.mark.slow
def test_refreshing_stored_outputs_cannot_be_hijacked_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "kapad"
    planted = f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nraise ImportError('fel pandas')\n"
    (tmp_path / "pandas.py").write_text(planted, encoding="utf-8")  # beside the notebook and in the cwd
    stored = tmp_path / "liten.ipynb"
    stored.write_text(json.dumps(notebook("x: int = 1", "import pandas\nprint(pandas.__file__)")))
    monkeypatch.chdir(tmp_path)
    refresh_outputs(stored)
    assert not marker.exists()
    cells = json.loads(stored.read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[-1]["outputs"][0]["text"]).strip() == pandas.__file__


@pytest.mark.slow
def test_a_second_build_is_refused_while_one_runs_and_sigterm_leaves_an_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker, release = tmp_path / "hänger", tmp_path / "släpp"
    notebooks = write_notebooks(tmp_path / "notebooks", hang_in_varmland(marker, release))
    reports = tmp_path / "reports"
    first = start_build(reports, notebooks)
    try:
        wait_for(marker, first)
        started = time.monotonic()
        assert main(report_arguments(reports, notebooks)) == 2
        assert time.monotonic() - started >= WAIT  # it waited a little before it gave up
        err = capsys.readouterr().err
        assert f"en annan byggnad (process {first.pid}) skriver redan till {reports}" in err
        first.send_signal(signal.SIGTERM)
        _, first_err = first.communicate(timeout=60)
    finally:
        first.kill()
    assert first.returncode == 128 + signal.SIGTERM
    assert f"avbruten; index över det som hann byggas: {reports / INDEX}" in first_err
    assert recorded(reports) == {JAMTLAND: "ok"}  # built before Värmland hung; nothing else claimed
    index = (reports / INDEX).read_text(encoding="utf-8")
    assert f'href="{JAMTLAND}.html"' in index and "Värmland" not in index
    assert not (reports / "region-varmland").exists() and not list(reports.rglob("*.tmp"))
    assert wait_until_no_kernels_of(first.pid) == []


@pytest.mark.slow
def test_a_build_killed_hard_is_made_whole_by_the_next(tmp_path: Path) -> None:
    marker, release = tmp_path / "hänger", tmp_path / "släpp"
    notebooks = write_notebooks(tmp_path / "notebooks", hang_in_varmland(marker, release))
    reports = tmp_path / "reports"
    killed = start_build(reports, notebooks)
    try:
        wait_for(marker, killed)
        deadline = time.monotonic() + 60  # Jämtland is written while Värmland runs
        while recorded(reports) != {JAMTLAND: "ok"} and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        killed.kill()
        killed.wait()
    assert wait_until_no_kernels_of(killed.pid) == []  # kernels leave when their parent is gone
    assert recorded(reports) == {JAMTLAND: "ok"}
    # what a kill in the middle of writing leaves: a temporary file, and the kernels' scratch files
    (reports / "region-varmland").mkdir()
    (reports / "region-varmland" / ".hsn-2025.html.0a1b2c3d.tmp").write_text("<html>halv", encoding="utf-8")
    (reports / SCRATCH / "kvar.txt").write_text("kvar", encoding="utf-8")

    release.touch()
    jobs = plan(budgetlib.load(DATA_DIR), reports=reports, notebooks=notebooks)
    outcomes = build(jobs, reports, workers=1)
    assert {o.job.key: o.status for o in outcomes if o.status != "built"} == {JAMTLAND: "unchanged"}
    assert recorded(reports) == {job.key: "ok" for job in jobs}
    index = (reports / INDEX).read_text(encoding="utf-8")
    assert all(f'href="{job.key}.html"' in index and job.html.is_file() for job in jobs)
    assert not list(reports.rglob("*.tmp")) and not list((reports / SCRATCH).iterdir())
    assert {o.status for o in build(jobs, reports)} == {"unchanged"}


@pytest.mark.slow
def test_a_full_disk_fails_the_report_and_keeps_the_previous_version(tmp_path: Path) -> None:
    fill = 'import os\nif region == "Region Värmland":\n    print(os.environ.get("FYLLNAD", "x") * 400_000)'
    notebooks = write_notebooks(tmp_path / "notebooks", fill)
    reports = tmp_path / "reports"
    build(plan(budgetlib.load(DATA_DIR), reports=reports, notebooks=notebooks), reports, workers=1)
    previous = {p.name: p.read_bytes() for p in (reports / "region-varmland").iterdir()}
    limit = max(p.stat().st_size for p in reports.rglob("*.html") if "varmland" not in str(p)) + 50_000

    def files_up_to_the_limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-m", "budgetlib.cli", *report_arguments(reports, notebooks, "--force")]
    done = subprocess.run(
        [*command, "--jobs", "1"],
        env=os.environ | {"FYLLNAD": "y"},
        preexec_fn=files_up_to_the_limit,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "MISSLYCKADES: HSN 2025 – Region Värmland" in done.stderr
    assert "kunde inte skriva rapporten: File too large" in done.stderr and "11 klar" in done.stderr
    assert {p.name: p.read_bytes() for p in (reports / "region-varmland").iterdir()} == previous
    assert not list(reports.rglob("*.tmp"))
    assert recorded(reports)[VARMLAND] == "failed"
    assert "Föregående version visas." in page_text(reports / INDEX)


@pytest.mark.slow
def test_reports_whose_namnd_and_year_left_the_data_are_removed(data_copy: Path, tmp_path: Path) -> None:
    notebooks = write_notebooks(tmp_path / "notebooks")
    reports = tmp_path / "reports"
    assert main(report_arguments(reports, notebooks, "--jobs", "1", data=data_copy)) == 0
    edit_csv(data_copy / "documents.csv", "Jämtland Härjedalen,HSN,2024", "Jämtland Härjedalen,HSN,2023")
    selection = ("--region", "Region Värmland", "--jobs", "1")
    assert main(report_arguments(reports, notebooks, *selection, data=data_copy)) == 0
    assert JAMTLAND not in recorded(reports) and not (reports / "region-jamtland-harjedalen").exists()
    assert "HSN 2024 – Region Jämtland Härjedalen" not in page_text(reports / INDEX)
    assert {"region-vasterbotten/rs-2025", VARMLAND, "avstamning-region-varmland"} <= set(recorded(reports))


def test_pruning_never_deletes_outside_the_reports_folder(tmp_path: Path) -> None:
    reports, outside = tmp_path / "reports", tmp_path / "utanfor.html"
    outside.write_text("inte vår", encoding="utf-8")
    (reports / ".build").mkdir(parents=True)
    entry = {"title": "X", "group": "X", "status": "ok", "error": "", "scope": ["X", "HSN", 2025]}
    manifest = {"x": entry | {"html": "../utanfor.html", "ipynb": "/etc/hostname"}}
    (reports / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    ledger = Ledger(reports)
    ledger.prune(lambda scope: False, planned=())
    assert ledger.entries == {} and outside.read_text(encoding="utf-8") == "inte vår"


def test_a_selection_the_data_lacks_leaves_no_prepared_data_behind(tmp_path: Path) -> None:
    """The command prepares the data for the kernels before it plans; a plan that fails removes it."""
    reports = tmp_path / "reports"
    (reports / SCRATCH).mkdir(parents=True)  # a folder of earlier builds, which the failed one keeps
    arguments = ["--data-dir", str(DATA_DIR), "report", "--no-pdf", "--reports-dir", str(reports)]
    code = main([*arguments, "--region", "Region Gotland"])
    assert code == 2
    assert list((reports / SCRATCH).iterdir()) == []


def test_a_full_disk_while_preparing_the_data_is_exit_2_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import budgetlib.report.prepared

    def full(*_: object) -> Path:
        raise OSError(errno.ENOSPC, "Inget utrymme kvar på enheten", "prepared.pickle")

    monkeypatch.setattr(budgetlib.report.prepared, "write_prepared", full)
    reports = tmp_path / "reports"
    code = main(["--data-dir", str(DATA_DIR), "report", "--no-pdf", "--reports-dir", str(reports)])
    said = capsys.readouterr().err
    assert code == 2
    assert "budgetlib: kunde inte skriva prepared.pickle: Inget utrymme kvar på enheten" in said
    assert "Traceback" not in said
