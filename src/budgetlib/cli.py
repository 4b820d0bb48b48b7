"""Command line: list, check, verify, report, notebooks, export, extract and upgrade.

Exit codes: 0 success, 1 the documents do not add up (check), a figure is not
on its cited line (verify) or a report failed (report), 2 bad input (any
:class:`BudgetlibError`: data that does not validate, unknown selection, bad
parameters, report names that clash; a file or folder that cannot be read or
written; a package of the command's extra that is not installed) or another
build already writing to the reports folder, 130 stopped by Ctrl-C, 143
stopped by SIGTERM. Everything printed passes through :func:`escape_controls`,
so text from data cannot steer the terminal.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

import budgetlib
from budgetlib.controlchars import escape_controls
from budgetlib.errors import BudgetlibError
from budgetlib.extract.command import add_extract_command
from budgetlib.locations import DATA_DIR_ENV, default_reports_dir, notebooks_dir
from budgetlib.numbers import format_compact
from budgetlib.report.build import BUILD_STATUS_LABELS, Outcome
from budgetlib.report.execute import DEFAULT_TIMEOUT
from budgetlib.report.lock import LockedError
from budgetlib.schema import CURRENT_FORMAT, FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:  # each command imports what it uses, so a build with nothing to do never imports pandas
    import pandas as pd

    from budgetlib.dataset import Dataset

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 128  # plus the signal's number, as a shell reports it


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: stop, shut the kernels down, leave an index of what was built."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def _write(stream: TextIO, text: str) -> None:
    """The one way out to the terminal: control characters from data are shown escaped."""
    stream.write(escape_controls(text))


def _year(text: str) -> int:
    """A budget year as an argument: digits 0–9 only (``int`` would take '2_025' or '２０２５')."""
    if re.fullmatch(r"[0-9]{4}", text) is None or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"väntade ett år från {FIRST_YEAR} till {LAST_YEAR}, fick {text!r}")
    return int(text)


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", help="t.ex. 'Region Värmland'")
    parser.add_argument("--namnd", help="t.ex. HSN eller RS")
    parser.add_argument("--year", type=_year, help="budgetår, t.ex. 2025")


def _selected(args: argparse.Namespace) -> Dataset:
    from budgetlib.loading import load

    return load(args.data_dir).select(args.region, args.namnd, args.year)


def _print_frame(frame: pd.DataFrame, output_format: str) -> None:
    if output_format == "csv":
        _write(sys.stdout, frame.to_csv(index=False))
    elif output_format == "json":
        _write(sys.stdout, frame.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        _write(sys.stdout, frame.to_string(index=False) + "\n")


def _list(args: argparse.Namespace) -> int:
    from budgetlib.committees import FREE_NAME, committee_register
    from budgetlib.display import summary_for_people

    summary = summary_for_people(_selected(args).summary())
    register = committee_register()
    free = [register.type_of(code) is None for code in summary["Nämnd"]]
    if any(free):
        summary["Anmärkning"] = [FREE_NAME if is_free else "" for is_free in free]
    _print_frame(summary, args.format)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from budgetlib import columns as c
    from budgetlib.display import findings_for_people, status_counts
    from budgetlib.loading import load
    from budgetlib.reconciliation import reconcile

    dataset = load(args.data_dir)
    selected = dataset.select(args.region, args.namnd, args.year)
    findings = reconcile(dataset).involving(selected.documents[c.DOC_ID])
    if args.format == "table":
        shown = findings_for_people(findings, width=60).drop(columns=["Källa (fil:rad)"])
        _print_frame(shown, "table")
        counts = status_counts(findings)
        _write(
            sys.stdout,
            "\n"
            + ", ".join(f"{n} {s}" for s, n in zip(counts["Status"], counts["Antal"], strict=True))
            + "\n",
        )
    else:
        _print_frame(findings.to_frame(), args.format)
    return EXIT_FINDINGS if len(findings.failing) else EXIT_OK


def _print_progress(outcome: Outcome, done: int, total: int) -> None:
    seconds = f" ({format_compact(outcome.seconds, 1)} s)" if outcome.seconds else ""
    error = f": {outcome.error}" if outcome.error else ""
    word = BUILD_STATUS_LABELS[outcome.status]
    word = word.upper() if outcome.status == "failed" else word
    _write(sys.stderr, f"[{done}/{total}] {word}: {outcome.job.title}{seconds}{error}\n")


def _report(args: argparse.Namespace) -> int:
    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # each failure is reported once, below
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _build_reports(args)
    except LockedError as error:
        _write(
            sys.stderr,
            f"budgetlib: en annan byggnad (process {error.holder}) skriver redan till {args.reports_dir}; "
            "vänta tills den är klar och försök igen\n",
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as interruption:
        from budgetlib.report.build import INDEX

        signum = signal.SIGTERM if isinstance(interruption, Terminated) else signal.SIGINT
        index = args.reports_dir / INDEX
        shown = f"; index över det som hann byggas: {index}" if index.is_file() else ""
        _write(sys.stderr, f"budgetlib: avbruten{shown}\n")
        return EXIT_INTERRUPTED + signum
    finally:
        signal.signal(signal.SIGTERM, previous)


def _cannot_write(error: OSError, reports: Path) -> int:
    """The reports folder cannot be written: full, read-only, …"""
    where = error.filename or reports
    _write(sys.stderr, f"budgetlib: kunde inte skriva {where}: {error.strerror or error}\n")
    return EXIT_BAD_INPUT


def _build_reports(args: argparse.Namespace) -> int:
    from budgetlib.locations import default_data_dir
    from budgetlib.report.build import INDEX, build, current_reports, session
    from budgetlib.report.fingerprint import inputs_digest

    started = time.perf_counter()
    data_dir = args.data_dir if args.data_dir is not None else default_data_dir()
    try:
        selection = (args.region, args.namnd, args.year)
        inputs: str | None = inputs_digest(data_dir, args.notebooks_dir, selection, pdf=not args.no_pdf)
    except OSError:  # loading names the file that cannot be read
        inputs = None
    current = None if args.force or inputs is None else current_reports(args.reports_dir, inputs)
    if current is not None:  # the same data, templates and library as the last build, which left all current
        elapsed = format_compact(time.perf_counter() - started, 1)
        label = BUILD_STATUS_LABELS["unchanged"]
        _write(sys.stderr, f"{current} {label} på {elapsed} s. Index: {args.reports_dir / INDEX}\n")
        return EXIT_OK
    with ExitStack() as stack:
        warm = 0 if args.scheduler else args.jobs or os.cpu_count() or 1
        try:  # the kernels start and import while this process loads and plans
            building = stack.enter_context(session(args.reports_dir, warm=warm))
        except OSError as error:
            return _cannot_write(error, args.reports_dir)
        from budgetlib.loading import load
        from budgetlib.reconciliation import reconcile
        from budgetlib.report.jobs import held_scopes, plan
        from budgetlib.report.pdf import PdfError, PdfStep, find_chromium
        from budgetlib.report.prepared import Prepared

        dataset = load(args.data_dir)
        findings = reconcile(dataset)
        prepared = Prepared(dataset, findings)
        if not args.scheduler:
            try:
                building.prepare(prepared)  # the kernels read it while this process plans
            except OSError as error:
                return _cannot_write(error, args.reports_dir)
        jobs = plan(
            dataset,
            args.region,
            args.namnd,
            args.year,
            reports=args.reports_dir,
            notebooks=args.notebooks_dir,
            findings=findings,
        )
        pdf = None
        if not args.no_pdf:
            try:
                pdf = PdfStep(dataset, find_chromium())
            except PdfError as error:
                _write(sys.stderr, f"budgetlib: inga PDF-filer, bara HTML: {error}\n")
        started = time.perf_counter()
        try:
            outcomes = build(
                jobs,
                args.reports_dir,
                workers=args.jobs,
                force=args.force,
                progress=_print_progress,
                timeout=args.timeout,
                in_data=held_scopes(dataset),
                data_dir=dataset.data_dir,
                pdf=pdf,
                prepared=prepared,
                inputs=inputs if args.no_pdf or pdf is not None else None,  # no Chromium: PDFs still owed
                scheduler=args.scheduler,
                within=building,
            )
        except OSError as error:
            return _cannot_write(error, args.reports_dir)
    counts = {word: sum(o.status == status for o in outcomes) for status, word in BUILD_STATUS_LABELS.items()}
    summary = ", ".join(f"{n} {word}" for word, n in counts.items() if n)
    elapsed = format_compact(time.perf_counter() - started, 1)
    for problem in pdf.problems if pdf else []:
        _write(sys.stderr, f"budgetlib: PDF kunde inte skrivas: {problem}\n")
    _write(sys.stderr, f"{summary} på {elapsed} s. Index: {args.reports_dir / INDEX}\n")
    return EXIT_FINDINGS if counts["misslyckades"] else EXIT_OK


def _notebooks(args: argparse.Namespace) -> int:
    from budgetlib.report.refresh import refresh_outputs

    notebooks = sorted(args.notebooks_dir.glob("*.ipynb"))
    failed = 0
    for done, notebook in enumerate(notebooks, start=1):
        started = time.perf_counter()
        try:
            refresh_outputs(notebook)
        except Exception as error:  # report it, keep the stored outputs, go on with the next
            failed += 1
            first_line = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
            _write(sys.stderr, f"[{done}/{len(notebooks)}] MISSLYCKADES: {notebook.name}: {first_line}\n")
            continue
        seconds = format_compact(time.perf_counter() - started, 1)
        _write(sys.stderr, f"[{done}/{len(notebooks)}] sparad: {notebook.name} ({seconds} s)\n")
    return EXIT_FINDINGS if failed else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from budgetlib.export import export
    from budgetlib.loading import load

    written = export(load(args.data_dir), args.out, args.region, args.namnd, args.year, args.format)
    _write(sys.stdout, "".join(f"{path}\n" for path in written))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from budgetlib import columns as c
    from budgetlib.loading import load
    from budgetlib.provenance import check_provenance

    problems = check_provenance(load(args.data_dir))
    for problem in problems.to_dict("records"):
        _write(
            sys.stdout,
            f"{problem[c.CSV_FILE]}, rad {problem[c.CSV_ROW]}, kolumn '{problem['field']}': "
            f"{problem['expected']!r} står inte på rad {problem['lines']} i {problem['source_file']} "
            f"({problem['record']})\n",
        )
    if len(problems):
        _write(sys.stdout, f"\n{len(problems)} uppgifter står inte där datan säger.\n")
        return EXIT_FINDINGS
    _write(sys.stdout, "Varje värde, enhet, rubrik och namn står på sina rader i källtexterna.\n")
    return EXIT_OK


def _upgrade(args: argparse.Namespace) -> int:
    from budgetlib.upgrade import upgrade

    result = upgrade(args.folder)
    if result.already_current:
        _write(sys.stdout, f"{result.data_dir} är redan i format {CURRENT_FORMAT}; inget ändrat.\n")
        return EXIT_OK
    done = [f"skrev om {', '.join(result.rewritten)}"] if result.rewritten else []
    done += [f"tog bort {', '.join(result.removed)}"] if result.removed else []
    _write(
        sys.stdout,
        f"{result.data_dir} är nu i format {CURRENT_FORMAT}: {'; '.join(done) or 'slutförde uppgraderingen'}."
        f" Originalen finns i {result.backup}.\n",
    )
    return EXIT_OK


def _positive(text: str) -> int:
    number = int(text) if re.fullmatch(r"[0-9]{1,6}", text) else 0  # digits 0–9 only
    if number < 1:
        raise argparse.ArgumentTypeError(f"väntade ett heltal större än 0, fick {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budgetlib",
        description="Läs in, stäm av och rapportera nämndernas budgetsiffror.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {budgetlib.__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"datakatalog (standard: ${DATA_DIR_ENV}, annars ./data; i en källkodskopia projektets data/)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="visa vad datan innehåller per region, nämnd och år")
    _selection_arguments(listing)
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(run=_list)
    check = commands.add_parser(
        "check",
        help="stäm av dokumentens summor, bryggor och uppgifter (slutkod 1 vid avvikelse eller enhetsfel)",
    )
    _selection_arguments(check)
    check.add_argument("--format", choices=("table", "csv", "json"), default="table")
    check.set_defaults(run=_check)
    report = commands.add_parser("report", help="bygg rapporterna (HTML, PDF och körda notebooks) i reports/")
    _selection_arguments(report)
    report.add_argument(
        "--jobs", type=_positive, default=None, help="antal parallella processer (standard: antal kärnor)"
    )
    report.add_argument(
        "--timeout",
        type=_positive,
        default=DEFAULT_TIMEOUT,
        metavar="SEKUNDER",
        help=f"längsta tid för en cell innan rapporten avbryts (standard: {DEFAULT_TIMEOUT})",
    )
    report.add_argument("--force", action="store_true", help="bygg om även oförändrade rapporter")
    report.add_argument(
        "--no-pdf",
        action="store_true",
        help="skriv ingen A4-PDF bredvid varje HTML-sida",
    )
    report.add_argument(
        "--scheduler",
        default=None,
        metavar="ADRESS",
        help="kör rapporterna på ett dask.distributed-kluster, t.ex. tcp://10.0.0.5:8786 (extran cluster)",
    )
    report.add_argument(
        "--reports-dir",
        type=Path,
        default=default_reports_dir(),
        help="var rapporterna hamnar (standard: %(default)s)",
    )
    report.add_argument(
        "--notebooks-dir",
        type=Path,
        default=notebooks_dir(),
        help="mallnotebooks att köra (standard: %(default)s)",
    )
    report.set_defaults(run=_report, extra="reports")
    export = commands.add_parser(
        "export", help="skriv urvalets uppgifter och avstämning som Excel-fil (.xlsx) eller CSV"
    )
    _selection_arguments(export)
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    export.add_argument(
        "--out",
        type=Path,
        default=default_reports_dir() / "export",
        help="mapp att skriva i (standard: %(default)s)",
    )
    export.set_defaults(run=_export, extra="export")
    notebooks = commands.add_parser(
        "notebooks", help="kör notebooks med standardparametrar och spara utdata (det nbval jämför med)"
    )
    notebooks.add_argument("--notebooks-dir", type=Path, default=notebooks_dir())
    notebooks.set_defaults(run=_notebooks, extra="reports")
    add_extract_command(commands)
    verify = commands.add_parser(
        "verify",
        help="kontrollera att varje värde, enhet och rubrik står på sin rad i källtexten (slutkod 1 annars)",
    )
    verify.set_defaults(run=_verify)
    upgrade = commands.add_parser(
        "upgrade",
        help=f"skriv om en datakatalog i format 1 till format {CURRENT_FORMAT} (med säkerhetskopia)",
    )
    upgrade.add_argument("folder", type=Path, metavar="DIR", help="datakatalogen som ska uppgraderas")
    upgrade.set_defaults(run=_upgrade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except BudgetlibError as error:
        _write(sys.stderr, f"budgetlib: {error}\n")
        return EXIT_BAD_INPUT
    except ModuleNotFoundError as error:  # a package of an optional extra is not installed
        extra: str | None = getattr(args, "extra", None)
        if extra is None or error.name is None or error.name.partition(".")[0] == "budgetlib":
            raise
        install = f"pip install 'budgetlib[{extra}]'"
        _write(
            sys.stderr, f"budgetlib {args.command}: paketet {error.name!r} saknas; installera med {install}\n"
        )
        return EXIT_BAD_INPUT
    except OSError as error:  # a file or folder the user named cannot be read or written
        where = f": {error.filename}" if error.filename is not None else ""
        _write(sys.stderr, f"budgetlib: {error.strerror or error}{where}\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
