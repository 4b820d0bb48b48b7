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

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from jupyter_client.session import new_id

KERNEL_NAME = "python3"
WARM_UP = """
import io
import IPython.display, matplotlib_inline.backend_inline, pandas
import budgetlib, budgetlib.analysis, budgetlib.display, budgetlib.plots
import budgetlib.compare, budgetlib.namnd_report, budgetlib.report_sections, budgetlib.report.prepared
budgetlib.plots.new_figure(1)[0].savefig(io.BytesIO(), format="png")  # load fonts and the renderer
del io
__import__("gc").freeze()
"""
# read the build's data while warming; frozen, the collections that clearing a namespace runs pass it by
PRELOAD = "budgetlib.report.prepared.prepared_data({path!r}, '')\n__import__('gc').freeze()\n"
KEEP_CHARTS = (  # keep and reuse chart images between builds
    "import budgetlib.report.chart_cache\nbudgetlib.report.chart_cache.install({folder!r}, {salt!r})\n"
)
RESET = "%reset -f"  # a clean namespace between notebooks (and a full collection); modules stay loaded
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


class KeptClient(AsyncKernelClient):
    """The one client that nbclient gets for every notebook a warm kernel runs.

    nbclient asks for a new client per notebook, starts its channels and waits
    until the kernel answers and its IOPub channel has been quiet for 0,2 s;
    it never closes a client of a kernel it did not start, so each one would go
    on receiving every later notebook's output. Kept, the client is made
    ready once: nbclient reads only the messages that answer its own requests.
    """

    def start_channels(self, *args: Any, **kwargs: Any) -> None:
        if not self.channels_running:
            super().start_channels(*args, **kwargs)

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        if not getattr(self, "_answered", False):
            await super()._async_wait_for_ready(timeout)
            self._answered = True


class KeptClientManager(KernelManager):
    """A kernel manager that hands out one :class:`KeptClient`, made in the thread that runs the notebooks."""

    def client(self, **kwargs: Any) -> Any:
        kept: Any = getattr(self, "_kept_client", None)
        if kept is None:
            kept = self._kept_client = super().client(**kwargs)
        return kept

    def close_client(self) -> None:
        kept: Any = getattr(self, "_kept_client", None)
        if kept is not None and kept.channels_running:
            kept.stop_channels()


def _warm_kernel_manager() -> KeptClientManager:
    return KeptClientManager(
        kernel_name=KERNEL_NAME,
        kernel_spec_manager=ProjectKernelSpecs(),
        client_class="budgetlib.report.kernel.KeptClient",
    )


def _blocking_client(manager: KernelManager) -> BlockingKernelClient:
    """A client that waits for replies, for the warm-up and the resets between notebooks.

    Only its shell channel runs: it reads replies, and subscribing to IOPub
    would queue every output of every notebook the kernel runs. Its session
    has an id of its own: the kernel sends each reply to the newest
    connection of the session that asked, which would be nbclient's client.
    """
    settings: dict[str, Any] = dict(manager.get_connection_info(session=True))
    settings["session"].session = new_id()
    for key in ("curve_publickey", "curve_secretkey"):  # as KernelManager.client passes them
        if isinstance(settings.get(key), str):
            settings[key] = settings[key].encode("ascii")
    client = BlockingKernelClient(connection_file=manager.connection_file, parent=manager, **settings)
    client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    return client


class WarmKernel:
    """A kernel that imports pandas, matplotlib and budgetlib as soon as it starts.

    With ``prepared`` (the build's prepared data), it reads that too, once;
    with ``charts`` (a folder and the library's digest), it keeps chart
    images there and reuses them (:mod:`budgetlib.report.chart_cache`).
    :meth:`prepare` gives it the prepared data after it has started.

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
        if charts is not None:
            self.warm_up += KEEP_CHARTS.format(folder=str(charts[0].resolve()), salt=charts[1])
        if prepared is not None:
            self.warm_up += PRELOAD.format(path=str(prepared))
        self.manager = _warm_kernel_manager()
        self._client: BlockingKernelClient | None = None
        self._pending: list[str] = []  # requests sent and not yet answered, oldest first

    def start(self) -> WarmKernel:
        output = {"stderr": self.log} if self.log is not None else {}
        self.manager.start_kernel(cwd=str(self.folder), **output)
        self._client = _blocking_client(self.manager)
        self._send(self.warm_up)
        return self

    def prepare(self, prepared: Path) -> None:
        """Read the build's prepared data as soon as the warm-up is done."""
        self.warm_up += PRELOAD.format(path=str(prepared))  # and again after a replace
        self._send(PRELOAD.format(path=str(prepared)))

    def ready(self) -> KernelManager:
        """The kernel manager, once the warm-up has run."""
        while self._pending:
            self._wait_for_reply(self._pending[0])
            self._pending.pop(0)
        return self.manager

    def reset(self) -> None:
        """Clear the namespace for the next notebook; start afresh if the kernel died."""
        if not self.manager.is_alive():
            self.replace()
            return
        self._send(RESET)
        self.ready()

    def replace(self) -> None:
        """Stop this kernel, whatever it is doing, and start a fresh one in its place."""
        self.stop()
        self.manager = _warm_kernel_manager()
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
        self._pending.clear()
        if self._client is not None:
            self._client.stop_channels()
            self._client = None
        self.manager.close_client()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)  # "immediate": a graceful shutdown sometimes stalls ~3 s

    def _send(self, code: str) -> None:
        if self._client is None:
            raise RuntimeError("kärnan är inte startad")
        self._pending.append(self._client.execute(code, silent=True, store_history=False))

    def _wait_for_reply(self, message_id: str) -> None:
        """Wait for the reply to ``message_id``; fail if the kernel dies or takes over ``TIMEOUT``."""
        if self._client is None:
            raise RuntimeError("kärnan är inte startad")
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                reply: dict[str, Any] = self._client.get_shell_msg(timeout=POLL)
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
