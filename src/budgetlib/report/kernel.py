"""Kernels for running report notebooks: always this environment's Python, kept warm.

Whatever kernel a notebook's metadata names, reports run on the interpreter
that runs budgetlib, so a fresh machine never meets "kernel not found" or a
Python without the project's packages. Kernels run with ``python -P``: the
working directory is not on ``sys.path``, so no file in the folder a build is
started from (a ``pandas.py``, say) can stand in for a module. ``-I`` would do
that too but would also ignore ``PYTHONPATH``, which development checkouts use.
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import time
from pathlib import Path
from typing import IO, Any

from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager

KERNEL_NAME = "python3"
WARM_UP = """
import io
import IPython.display, matplotlib_inline.backend_inline, pandas
import budgetlib, budgetlib.analysis, budgetlib.display, budgetlib.plots
import budgetlib.compare, budgetlib.namnd_report, budgetlib.report_sections, budgetlib.report.prepared
budgetlib.plots.new_figure(1)[0].savefig(io.BytesIO(), format="png")  # load fonts and the renderer
del io
"""
PRELOAD = "budgetlib.report.prepared.prepared_data({path!r}, '')\n"  # read the build's data while warming
KEEP_CHARTS = (  # keep and reuse chart images between builds
    "import budgetlib.report.chart_cache\nbudgetlib.report.chart_cache.install({folder!r}, {salt!r})\n"
)
RESET = "%reset -f"  # a clean namespace between notebooks; imported modules stay loaded
TIMEOUT = 120.0  # seconds for the warm-up and for clearing the namespace
POLL = 0.5


class ProjectKernelSpecs(KernelSpecManager):
    """Resolves every kernel name to ipykernel on the current interpreter."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-P", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (budgetlib)",
            language="python",
            resource_dir="",
        )


def new_kernel_manager() -> KernelManager:
    """A kernel manager whose kernels run on this interpreter, whatever the notebook names.

    The clients it gives nbclient are asynchronous, as nbclient expects: with a
    blocking client, nbclient's wait for output stalls its event loop, and a
    kernel that dies is never noticed.
    """
    return KernelManager(
        kernel_name=KERNEL_NAME,
        kernel_spec_manager=ProjectKernelSpecs(),
        client_class="jupyter_client.asynchronous.AsyncKernelClient",
    )


def _blocking_client(manager: KernelManager) -> BlockingKernelClient:
    """A client that waits for replies, for the warm-up and the resets between notebooks."""
    settings: dict[str, Any] = dict(manager.get_connection_info(session=True))
    for key in ("curve_publickey", "curve_secretkey"):  # as KernelManager.client passes them
        if isinstance(settings.get(key), str):
            settings[key] = settings[key].encode("ascii")
    client = BlockingKernelClient(connection_file=manager.connection_file, parent=manager, **settings)
    client.start_channels()
    return client


class WarmKernel:
    """A kernel that imports pandas, matplotlib and budgetlib as soon as it starts.

    With ``prepared`` (the build's prepared data), it reads that too, once;
    with ``charts`` (a folder and the library's digest), it keeps chart
    images there and reuses them (:mod:`budgetlib.report.chart_cache`).

    ``start`` returns at once; ``ready`` waits for the warm-up, so several
    kernels warm up while the caller does other work. The kernel runs in
    ``folder``, a folder of the build's own, never the caller's.
    """

    def __init__(
        self,
        folder: Path,
        log: IO[bytes] | None = None,
        prepared: Path | None = None,
        charts: tuple[Path, str] | None = None,
    ) -> None:
        self.folder = folder
        self.log = log
        self.warm_up = WARM_UP
        if prepared is not None:
            self.warm_up += PRELOAD.format(path=str(prepared))
        if charts is not None:
            self.warm_up += KEEP_CHARTS.format(folder=str(charts[0].resolve()), salt=charts[1])
        self.manager = new_kernel_manager()
        self._warming: tuple[BlockingKernelClient, str] | None = None

    def start(self) -> WarmKernel:
        output = {"stderr": self.log} if self.log is not None else {}
        self.manager.start_kernel(cwd=str(self.folder), **output)
        client = _blocking_client(self.manager)
        self._warming = (client, client.execute(self.warm_up, silent=True, store_history=False))
        return self

    def ready(self) -> KernelManager:
        """The kernel manager, once the warm-up has run."""
        if self._warming is not None:
            client, message_id = self._warming
            self._warming = None
            try:
                self._wait_for_reply(client, message_id)
            finally:
                client.stop_channels()
        return self.manager

    def reset(self) -> None:
        """Clear the namespace for the next notebook; start afresh if the kernel died."""
        if not self.manager.is_alive():
            self.replace()
            return
        client = _blocking_client(self.manager)
        try:
            self._wait_for_reply(client, client.execute(RESET, silent=True, store_history=False))
        finally:
            client.stop_channels()

    def replace(self) -> None:
        """Stop this kernel, whatever it is doing, and start a fresh one in its place."""
        self.stop()
        self.manager = new_kernel_manager()
        self.start()

    def kill(self) -> None:
        """Kill the kernel and its children at once; safe to call from another thread."""
        provisioner: Any = self.manager.provisioner
        try:
            if getattr(provisioner, "pgid", None):
                os.killpg(provisioner.pgid, signal.SIGKILL)
            elif getattr(provisioner, "pid", None):
                os.kill(provisioner.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # gone already

    def stop(self) -> None:
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)  # "immediate": a graceful shutdown sometimes stalls ~3 s

    def _wait_for_reply(self, client: BlockingKernelClient, message_id: str) -> None:
        """Wait for the reply to ``message_id``; fail if the kernel dies or takes over ``TIMEOUT``."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                reply: dict[str, Any] = client.get_shell_msg(timeout=POLL)
            except queue.Empty:
                if not self.manager.is_alive():
                    raise RuntimeError("kärnan avslutades medan den förbereddes") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"kärnan svarade inte på {TIMEOUT:.0f} s") from None
                continue
            if reply["parent_header"].get("msg_id") == message_id:
                break
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kärnan kunde inte förberedas: {reply['content'].get('evalue', '')}")
