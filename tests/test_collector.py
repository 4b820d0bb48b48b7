"""Loading and reconciling pause the cycle collector only while they run, even when they fail."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import budgetlib
from budgetlib.errors import DataError, Problem


@pytest.fixture
def collector_state() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.enable() if was_enabled else gc.disable()


def test_loading_and_reconciling_leave_the_collector_as_they_found_it(
    collector_state: None, tmp_path: Path
) -> None:
    dataset = budgetlib.load()
    budgetlib.reconcile(dataset)
    assert gc.isenabled()
    with pytest.raises(DataError):
        budgetlib.load(tmp_path)  # an empty folder: bad input
    assert gc.isenabled()
    gc.disable()
    budgetlib.reconcile(dataset)
    assert not gc.isenabled()  # switched off by the caller: left off


def test_the_collector_is_off_while_loading(collector_state: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    from budgetlib import datafolder, loading

    def watched(root: Path) -> list[Problem]:
        seen.append(gc.isenabled())
        return datafolder.folder_problems(root)

    monkeypatch.setattr(loading, "folder_problems", watched)
    budgetlib.load()
    assert seen == [False]
