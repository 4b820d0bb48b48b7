"""The notebook regression net, and notebooks that work for people in JupyterLab."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from budgetlib.report.jobs import NOTEBOOKS_DIR
from tests.conftest import PROJECT, edit_csv

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def run_nbval(notebook: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """nbval, strict, on one notebook, reading its data from ``data_dir``."""
    command = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider"]
    command += ["-q", "--rootdir", str(notebook.parent), "-c", os.devnull, str(notebook)]
    environment = os.environ | {"BUDGETLIB_DATA": str(data_dir)}
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_stored_outputs_are_clean(notebook: Path) -> None:
    """Committed with outputs, no errors, nothing that changes between runs, the project's kernel."""
    document = json.loads(notebook.read_text(encoding="utf-8"))
    outputs = [o for cell in document["cells"] for o in cell.get("outputs", [])]
    assert outputs, "run 'make notebooks' to store the outputs"
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]
    assert not [o for o in outputs if any(m.startswith("image/") for m in o.get("data", {}))]
    text = json.dumps(outputs)
    for volatile in ("0x7f", "/tmp/", str(PROJECT), "ipykernel_"):
        assert volatile not in text
    assert document["metadata"]["kernelspec"]["name"] == "python3"
    assert not [c for c in document["cells"] if c.get("metadata", {}).get("execution")]


@pytest.mark.slow
def test_a_changed_figure_fails_the_notebook_that_shows_it(data_copy: Path, tmp_path: Path) -> None:
    notebook = tmp_path / "namnd.ipynb"
    shutil.copy(NOTEBOOKS_DIR / "namnd.ipynb", notebook)
    unchanged = run_nbval(notebook, data_copy)
    assert unchanged.returncode == 0, unchanged.stdout[-2000:]

    # 003 line 90: Medicinska specialiteter, Förslag budget 2025 "2 019" keyed as "2 091"
    edit_csv(
        data_copy / "amounts.csv",
        "f2025,Förslag budget 2025,2025,förslag,ram,2 019,",
        "f2025,Förslag budget 2025,2025,förslag,ram,2 091,",
    )
    changed = run_nbval(notebook, data_copy)
    assert changed.returncode == 1
    report = changed.stdout.replace("\u00a0", " ")
    assert "namnd.ipynb::Cell 4" in report and "Cell outputs differ" in report, report[-3000:]
    assert "2 091 mkr" in report


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str, token: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


@pytest.mark.slow
def test_jupyterlab_starts_lists_the_notebooks_and_shuts_down(tmp_path: Path) -> None:
    port, token = _free_port(), secrets.token_hex(16)
    environment = os.environ | {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
    command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={PROJECT}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = _get(f"{base}/api/contents/notebooks", token)
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, (tmp_path / "lab.log").read_text()
                assert time.monotonic() < deadline, "JupyterLab did not answer within 90 s"
                time.sleep(0.5)
        listed = {item["name"] for item in json.loads(body)["content"]}
        assert status == 200 and {n.name for n in NOTEBOOKS} <= listed
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(f"{base}/api/contents/notebooks", timeout=5)  # no token, no entry
        shutdown = urllib.request.Request(
            f"{base}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"}
        )
        urllib.request.urlopen(shutdown, timeout=5).close()
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
        log.close()
