"""Atomic writes: the umask's permissions, all-or-nothing, and no leftovers."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetlib.atomic import remove_temporaries, write_all_atomic, write_atomic


@pytest.fixture(params=[0o022, 0o027])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_get_the_permissions_the_umask_gives_also_when_rewritten(umask: int, tmp_path: Path) -> None:
    expected = {0o022: 0o644, 0o027: 0o640}[umask]
    report = tmp_path / "region-varmland" / "hsn-2025.html"
    write_atomic(report, "första")
    assert mode(report) == expected
    report.chmod(0o600)  # as every report was written before
    write_atomic(report, "andra")
    assert mode(report) == expected and report.read_text(encoding="utf-8") == "andra"
    assert mode(report.parent) == 0o777 & ~umask


def test_a_failed_write_leaves_every_target_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html, ipynb = tmp_path / "r.html", tmp_path / "r.ipynb"
    html.write_text("gammal html", encoding="utf-8")
    ipynb.write_text("gammal notebook", encoding="utf-8")
    real_fsync = os.fsync
    calls = []

    def full_disk_on_second_file(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_disk_on_second_file)
    with pytest.raises(OSError, match="No space left"):
        write_all_atomic({ipynb: "ny notebook", html: "ny html"})
    assert html.read_text(encoding="utf-8") == "gammal html"
    assert ipynb.read_text(encoding="utf-8") == "gammal notebook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.ipynb"]


def test_leftover_temporary_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    write_atomic(tmp_path / "index.html", "index")
    leftover = tmp_path / ".index.html.1a2b3c4d.tmp"
    leftover.write_text("halvskriven", encoding="utf-8")
    others = [tmp_path / ".anteckning.tmp", tmp_path / "sub" / ".hsn-2025.html.0f0f0f0f.tmp"]
    others[1].parent.mkdir()
    for path in others:
        path.write_text("inte vår", encoding="utf-8")
    remove_temporaries(tmp_path)
    assert not leftover.exists() and all(path.exists() for path in others)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "index"
