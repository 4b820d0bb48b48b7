"""A report's HTML as an A4 PDF for a committee packet, printed by headless Chromium.

Chromium's ``--print-to-pdf`` switch cannot take a custom header or footer
(its own shows the build machine's file path), and Chromium ignores CSS
``@page`` margin boxes. So we drive Chromium over the DevTools protocol
(``Page.printToPDF`` with ``headerTemplate``/``footerTemplate``) through
``--remote-debugging-pipe``: NUL-separated JSON on the browser's file
descriptors 3 and 4, no port, no extra package. Scripts are disabled in the
page and every host name fails to resolve, so printing loads nothing from
elsewhere; links to local files lose their target (in a PDF they would carry
the build machine's absolute path). POSIX only (a ``/bin/sh`` wrapper hands the pipes to Chromium).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import html
import itertools
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import SimpleQueue
from typing import IO, TYPE_CHECKING, Any

from budgetlib import columns as c
from budgetlib.atomic import write_atomic
from budgetlib.dataset import Dataset
from budgetlib.errors import BudgetlibError
from budgetlib.report.jobs import ALL, Job, Scope

if TYPE_CHECKING:
    from budgetlib.report.build import Outcome

CHROMIUM_ENV = "BUDGETLIB_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)
MARGINS_MM = {"marginTop": 20.0, "marginBottom": 20.0, "marginLeft": 15.0, "marginRight": 15.0}
DEFAULT_TIMEOUT = 120.0  # seconds for start, load and print together
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing from another host, not even by accident
    "--remote-debugging-pipe",
)
# exec Chromium with our stdin/stdout as its DevTools pipe (fd 3 in, fd 4 out)
_PIPE_WRAPPER = 'exec "$@" 3<&0 4>&1 </dev/null >/dev/null'
_TEMPLATE_STYLE = (
    "font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #333;"
    f" width: 100%; box-sizing: border-box; padding: 0 {MARGINS_MM['marginLeft']}mm; display: flex; gap: 4mm;"
    " justify-content: space-between; align-items: baseline;"
)
_ONE_LINE = "white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0;"


class PdfError(BudgetlibError, RuntimeError):
    """Chromium could not print the page (missing, failed, or too slow)."""


@dataclass(frozen=True)
class PageHeader:
    """What every printed page says about the report.

    ``organisation`` (e.g. Region Värmland), ``namnd``, ``year`` (0 when the
    report spans years), ``build_date`` as ``ÅÅÅÅ-MM-DD``, ``sources`` the
    documents shown (e.g. diarienummer or source files), ``title`` the report's.
    """

    organisation: str
    namnd: str
    year: int
    build_date: str
    sources: Sequence[str]
    title: str = ""


def header_template(header: PageHeader) -> str:
    """Top of each page: organisation · nämnd · year, and the report's title. All text escaped."""
    who = " · ".join(str(p) for p in (header.organisation, header.namnd, header.year or "") if p)
    return (
        f'<div style="{_TEMPLATE_STYLE}"><span style="{_ONE_LINE}">{html.escape(who)}</span>'
        f'<span style="{_ONE_LINE} text-align: right;">{html.escape(header.title)}</span></div>'
    )


def footer_template(header: PageHeader) -> str:
    """Foot of each page: build date and source documents, then ``Sida n av m``."""
    sources = ", ".join(header.sources) or "–"
    left = f"Byggd {header.build_date} · Källor: {sources}"
    return (
        f'<div style="{_TEMPLATE_STYLE}"><span style="{_ONE_LINE}">{html.escape(left)}</span>'
        '<span style="white-space: nowrap;">Sida <span class="pageNumber"></span>'
        ' av <span class="totalPages"></span></span></div>'
    )


def find_chromium() -> str:
    """``$BUDGETLIB_CHROMIUM``, else the first Chromium or Chrome on ``PATH``; :class:`PdfError` if none."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        if shutil.which(configured) is None:
            raise PdfError(f"{CHROMIUM_ENV}={configured!r} är inget körbart program")
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        f"Chromium saknas (sökte efter {', '.join(CHROMIUM_NAMES)}): installera det, t.ex. "
        f"'apt-get install chromium', eller ange programmet i {CHROMIUM_ENV}"
    )


class _DevTools:
    """A minimal DevTools-protocol client over Chromium's pipe; every call answers by ``deadline``."""

    def __init__(self, writer: IO[bytes], reader: IO[bytes], deadline: float) -> None:
        self._writer, self._reader, self.deadline = writer, reader, deadline
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        self._next_id = 0

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._reader], [], [], remaining)[0]:
                raise PdfError("Chromium svarade inte i tid")
            chunk = os.read(self._reader.fileno(), 1 << 16)
            if not chunk:
                raise PdfError("Chromium avslutades oväntat")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self._writer.write(json.dumps(message).encode() + b"\0")
            self._writer.flush()
        except BrokenPipeError:
            raise PdfError("Chromium avslutades oväntat") from None
        while True:
            reply = self._receive()
            if reply.get("id") != self._next_id:
                self._events.append(reply)
            elif "error" in reply:
                raise PdfError(f"Chromium: {method}: {reply['error'].get('message', reply['error'])}")
            else:
                return reply.get("result", {})

    def wait_for(self, event: str, session: str) -> None:
        """Block until ``event`` has arrived for ``session`` (or the deadline passes)."""
        while True:
            for i, seen in enumerate(self._events):
                if seen.get("method") == event and seen.get("sessionId") == session:
                    del self._events[i]
                    return
            self._events.append(self._receive())


# links that would point into the build machine's file system once printed (file:///…/kallor/…)
LOCAL_LINKS = (
    'a[href]:not([href^="#"]):not([href^="http:" i]):not([href^="https:" i]):not([href^="mailto:" i])'
)


def _unlink_local_files(devtools: _DevTools, session: str) -> None:
    """Drop the target of links to local files; their text stays. On paper a relative link
    would become an absolute ``file://`` path of the build machine, useless anywhere else.

    One evaluation of our own constant expression (the page's scripts stay off):
    a reconciliation page holds thousands of links, one DevTools call each cost seconds.
    """
    links = f"document.querySelectorAll({json.dumps(LOCAL_LINKS)})"
    expression = f"{links}.forEach(link => link.removeAttribute('href'))"
    devtools.call("Runtime.evaluate", {"expression": expression}, session)


def _print(devtools: _DevTools, url: str, header: PageHeader) -> bytes:
    target = devtools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    devtools.call("Emulation.setScriptExecutionDisabled", {"value": True}, session)
    devtools.call("Page.enable", {}, session)
    navigated = devtools.call("Page.navigate", {"url": url}, session)
    if navigated.get("errorText"):
        raise PdfError(f"Chromium kunde inte öppna sidan: {navigated['errorText']}")
    devtools.wait_for("Page.loadEventFired", session)
    _unlink_local_files(devtools, session)
    printed = devtools.call(
        "Page.printToPDF",
        {
            "paperWidth": A4_MM[0] / MM_PER_INCH,
            "paperHeight": A4_MM[1] / MM_PER_INCH,
            **{side: mm / MM_PER_INCH for side, mm in MARGINS_MM.items()},
            "printBackground": True,
            "displayHeaderFooter": True,
            "headerTemplate": header_template(header),
            "footerTemplate": footer_template(header),
            "preferCSSPageSize": False,
            "generateTaggedPDF": True,
            "generateDocumentOutline": True,
        },
        session,
    )
    devtools.call("Target.closeTarget", {"targetId": target})
    return base64.b64decode(printed["data"])


def _stop(process: subprocess.Popen[bytes], devtools: _DevTools) -> None:
    """Ask Chromium to close; kill its process group if it does not (or the deadline has passed)."""
    if process.poll() is None:
        try:
            devtools.call("Browser.close")
            process.wait(timeout=10)
        except (PdfError, OSError, subprocess.TimeoutExpired):
            pass
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)  # Chromium and the helpers it started, nothing else
        process.wait()


class Printer:
    """One headless Chromium that prints any number of pages; use it as a context manager.

    ``timeout`` seconds are allowed for starting Chromium and again for each page.
    """

    def __init__(self, chromium: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._program = chromium or find_chromium()
        self._timeout = timeout
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Printer:
        with contextlib.ExitStack() as stack:
            profile = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="budgetlib-chromium-")))
            self._log_path = profile / "chromium.log"
            log = stack.enter_context(open(self._log_path, "wb"))
            process = subprocess.Popen(
                [
                    "/bin/sh",
                    "-c",
                    _PIPE_WRAPPER,
                    "sh",
                    self._program,
                    *CHROMIUM_FLAGS,
                    f"--user-data-dir={profile}",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,
            )
            writer, reader = process.stdin, process.stdout
            if writer is None or reader is None:  # cannot happen with PIPE; keeps the types honest
                raise PdfError("Chromium startades utan rör")
            self._process = process
            self._devtools = _DevTools(writer, reader, time.monotonic() + self._timeout)
            stack.callback(self._close, process, writer, reader)
            self._stack = stack.pop_all()
        return self

    def _close(self, process: subprocess.Popen[bytes], writer: IO[bytes], reader: IO[bytes]) -> None:
        _stop(process, self._devtools)
        with contextlib.suppress(OSError):  # a broken pipe must not hide the real error
            writer.close()
        reader.close()

    def __exit__(self, *_: object) -> None:
        self._stack.close()

    def kill(self) -> None:
        """Stop Chromium now, from any thread: a page being printed fails with :class:`PdfError`."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)

    def print(self, html_path: Path, pdf_path: Path, header: PageHeader) -> None:
        """Print ``html_path`` to ``pdf_path`` as A4 with the page header and footer from ``header``.

        Raises :class:`PdfError` if Chromium fails or takes longer than the
        timeout; ``pdf_path`` is then left as it was (the PDF is written atomically).
        """
        if not html_path.is_file():
            raise PdfError(f"{html_path} finns inte")
        self._devtools.deadline = max(self._devtools.deadline, time.monotonic() + self._timeout)
        try:
            pdf = _print(self._devtools, html_path.resolve().as_uri(), header)
        except (PdfError, OSError) as error:
            tail = self._log_path.read_text(errors="replace").strip().splitlines()[-3:]
            raise PdfError(f"{error} ({html_path})" + "".join(f"\n  {t}" for t in tail)) from None
        write_atomic(pdf_path, pdf)


def html_to_pdf(
    html_path: Path,
    pdf_path: Path,
    header: PageHeader,
    timeout: float = DEFAULT_TIMEOUT,
    chromium: str | None = None,
) -> None:
    """Print one page with a Chromium of its own (see :meth:`Printer.print`).

    Raises :class:`PdfError` if Chromium is missing, fails, or takes longer
    than ``timeout`` seconds; ``pdf_path`` is then left as it was.
    """
    if not html_path.is_file():
        raise PdfError(f"{html_path} finns inte")
    with Printer(chromium, timeout) as printer:
        printer.print(html_path, pdf_path, header)


def build_date() -> str:
    """Today as ``ÅÅÅÅ-MM-DD``, or the day of ``$SOURCE_DATE_EPOCH`` (UTC) for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def _sources(dataset: Dataset, scope: Scope) -> list[str]:
    """The documents a report shows: diarienummer where keyed, else the source file."""
    region, namnd, year = scope
    documents = dataset.select(region, namnd, year).documents
    return [
        str(case) if case else str(source)
        for case, source in zip(documents[c.DIARIENUMMER], documents[c.SOURCE_FILE], strict=True)
    ]


class PdfStep:
    """Prints a build's reports as A4 PDFs (``<report>.pdf`` beside each HTML page).

    A report gets a new PDF when it was built, or when it is unchanged but has
    none. Within :meth:`printing` each report is printed as soon as it is
    handed in, on up to ``printers`` Chromiums at once, while the build goes
    on. A PDF that cannot be printed leaves the report as it is and is named
    in :attr:`problems` (report title and Chromium's error); the build goes on.
    """

    def __init__(
        self, dataset: Dataset, chromium: str, timeout: float = DEFAULT_TIMEOUT, printers: int = 2
    ) -> None:
        self._dataset, self._chromium, self._timeout = dataset, chromium, timeout
        self._printers = max(1, printers)
        self.date = build_date()
        self.problems: list[str] = []

    def header(self, job: Job) -> PageHeader:
        region, namnd, year = job.scope
        sources = _sources(self._dataset, job.scope)
        return PageHeader(region or ALL, namnd or "", year or 0, self.date, sources, job.title)

    def wants(self, outcome: Outcome) -> bool:
        """Whether the report needs a new PDF: it was built, or it is unchanged and has none."""
        return outcome.job.html.is_file() and (
            outcome.status == "built"
            or (outcome.status == "unchanged" and not pdf_path(outcome.job.html).is_file())
        )

    @contextlib.contextmanager
    def printing(self) -> Iterator[Callable[[Outcome], None]]:
        """Hand each outcome of the build to the function yielded; the reports it :meth:`wants` are
        printed at once, on threads of their own, each with one Chromium started on its first page.

        On leaving, every report handed in is printed; if the build fails or is
        interrupted, the Chromiums are stopped at once instead.
        """
        queue: SimpleQueue[tuple[int, Job, PageHeader] | None] = SimpleQueue()
        threads: list[threading.Thread] = []
        running: list[Printer] = []
        problems: dict[str, int] = {}  # each message once, in the order of the reports
        lock = threading.Lock()
        handed = itertools.count()

        def note(order: int, message: str) -> None:
            with lock:
                problems.setdefault(message, order)

        def work() -> None:
            with contextlib.ExitStack() as stack:
                try:
                    printer = stack.enter_context(Printer(self._chromium, self._timeout))
                except (PdfError, OSError) as error:  # Chromium would not start; another may print them
                    note(-1, str(error).splitlines()[0])
                    return
                with lock:
                    running.append(printer)
                while (item := queue.get()) is not None:
                    order, job, header = item
                    try:
                        printer.print(job.html, pdf_path(job.html), header)
                    except PdfError as error:
                        note(order, f"{job.title}: {str(error).splitlines()[0]}")

        def hand_in(outcome: Outcome) -> None:
            if not self.wants(outcome):
                return
            queue.put((next(handed), outcome.job, self.header(outcome.job)))
            if len(threads) < self._printers:
                threads.append(threading.Thread(target=work, name="pdf", daemon=True))
                threads[-1].start()

        try:
            yield hand_in
        except BaseException:
            with lock:
                for printer in running:
                    printer.kill()
            raise
        finally:
            for _ in threads:
                queue.put(None)
            for thread in threads:
                thread.join()
            self.problems += sorted(problems, key=problems.__getitem__)


def pdf_path(html: Path) -> Path:
    """Where a report's PDF goes: beside its HTML page, same name."""
    return html.with_suffix(".pdf")
