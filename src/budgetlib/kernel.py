"""Kernels for running report notebooks: always this environment's Python, kept warm.

Whatever kernel a notebook's metadata names, reports run on the interpreter
that runs budgetlib, so a fresh machine never meets "kernel not found" or a
Python without the project's packages.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager

KERNEL_NAME = "python3"
WARM_UP = """
import io
import IPython.display, matplotlib_inline.backend_inline, pandas
import budgetlib, budgetlib.analysis, budgetlib.display, budgetlib.plots
budgetlib.plots.new_figure(1)[0].savefig(io.BytesIO(), format="png")  # load fonts and the renderer
del io
"""
RESET = "%reset -f"  # a clean namespace between notebooks; imported modules stay loaded
TIMEOUT = 120.0


class ProjectKernelSpecs(KernelSpecManager):
    """Resolves every kernel name to ipykernel on the current interpreter."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (budgetlib)",
            language="python",
            resource_dir="",
        )


def new_kernel_manager() -> KernelManager:
    """A kernel manager whose kernels run on this interpreter, whatever the notebook names."""
    return KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ProjectKernelSpecs())


class WarmKernel:
    """A kernel that imports pandas, matplotlib and budgetlib as soon as it starts.

    ``start`` returns at once; ``ready`` waits for the warm-up, so several
    kernels warm up while the caller does other work.
    """

    def __init__(self, log: IO[bytes] | None = None) -> None:
        self.log = log
        self.manager = new_kernel_manager()
        self._warming: tuple[BlockingKernelClient, str] | None = None

    def start(self) -> WarmKernel:
        self.manager.start_kernel(**({"stderr": self.log} if self.log is not None else {}))
        client = self.manager.client()
        client.start_channels()
        self._warming = (client, client.execute(WARM_UP, silent=True, store_history=False))
        return self

    def ready(self) -> KernelManager:
        """The kernel manager, once the warm-up has run."""
        if self._warming is not None:
            client, message_id = self._warming
            self._warming = None
            try:
                _wait_for_reply(client, message_id)
            finally:
                client.stop_channels()
        return self.manager

    def reset(self) -> None:
        """Clear the namespace for the next notebook; start afresh if the kernel died."""
        if not self.manager.is_alive():
            self.manager = new_kernel_manager()
            self.start().ready()
            return
        client = self.manager.client()
        client.start_channels()
        try:
            _wait_for_reply(client, client.execute(RESET, silent=True, store_history=False))
        finally:
            client.stop_channels()

    def stop(self) -> None:
        self.manager.shutdown_kernel(now=True)  # "immediate": a graceful shutdown sometimes stalls ~3 s


def _wait_for_reply(client: BlockingKernelClient, message_id: str) -> None:
    while True:
        reply: dict[str, Any] = client.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == message_id:
            break
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"kärnan kunde inte förberedas: {reply['content'].get('evalue', '')}")
