"""One build at a time per reports folder: an advisory lock (``flock``) on ``.build/lock``.

The lock goes with the process: a build that is killed, however hard,
releases it, so a stale lock never blocks the next build.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from budgetlib.errors import BudgetlibError

WAIT = 3.0  # seconds a second build waits for the first before it gives up
POLL = 0.1


class LockedError(BudgetlibError, RuntimeError):
    """Another process holds the lock; ``holder`` is its process id as it wrote it."""

    def __init__(self, holder: str) -> None:
        self.holder = holder
        super().__init__(f"låst av process {holder}")


@contextmanager
def exclusive(path: Path, wait: float = WAIT) -> Iterator[None]:
    """Hold the lock on ``path`` (created if need be) for the ``with`` block.

    Waits up to ``wait`` seconds for another holder, then raises
    :class:`LockedError` naming that holder's process id.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise LockedError(holder) from None
                time.sleep(POLL)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(handle)  # releases the lock
