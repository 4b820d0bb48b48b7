"""Benchmark: report builds of a synthetic national dataset, cold, unchanged and after one changed figure.

    .venv/bin/python benchmarks/report_incremental.py [--organisations 21] [--committees 3]
        [--years 2024 2025 2026 2027] [--jobs 2] [--work DIR] [--no-pdf]

Writes a synthetic data folder (``synthetic_data.py``; organisations ×
nämnder × years nämnd reports plus the overviews of the reconciliation and
the comparison, and each organisation's reconciliation and comparison page),
then times, each as a fresh ``budgetlib report`` process as a user runs it:

1. cold build (``--force``) into an empty reports folder;
2. no-change rebuild (the command's own figure, which leaves out Python's
   start-up and imports, and the process's wall clock);
3. one figure changed (in ``amounts.csv`` and on its line of the source
   text, with the source's checksum): which reports were rebuilt, in how long.

Prints seconds; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from budgetlib.numbers import format_number

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
LINE = re.compile(r"^\[\d+/\d+\] (\w+): (.*?)(?: \(([\d,]+) s\))?(?:: .*)?$")
SUMMARY = re.compile(r"på ([\d,]+) s\. Index")
FIGURES_PER_COMBINATION = 300


def build(data: Path, reports: Path, jobs: int, force: bool, pdf: bool) -> tuple[float, list[str]]:
    """Wall-clock seconds of one ``budgetlib report`` process, and its lines on stderr."""
    command = [str(BIN / "budgetlib"), "--data-dir", str(data), "report", "--reports-dir", str(reports)]
    command += ["--jobs", str(jobs), *(["--force"] if force else []), *([] if pdf else ["--no-pdf"])]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"budgetlib report misslyckades ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, done.stderr.splitlines()


def change_one_figure(data: Path, organisation_index: int) -> str:
    """Add one to the last digit of a frame component of a middle organisation; the figure's label."""
    documents = {
        row["doc_id"]: row for row in csv.DictReader((data / "documents.csv").open(encoding="utf-8"))
    }
    tables = {row["table_id"]: row for row in csv.DictReader((data / "tables.csv").open(encoding="utf-8"))}
    regions = sorted({row["region"] for row in documents.values()})
    wanted = regions[min(organisation_index, len(regions) - 1)]
    amounts = (data / "amounts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([amounts[0]]))
    for number, text in enumerate(amounts[1:], start=1):
        row = dict(zip(header, next(csv.reader([text])), strict=True))
        document = documents[tables[row["table_id"]]["doc_id"]]
        if document["region"] != wanted or row["role"] != "component":
            continue
        if not re.fullmatch(r"\d{1,3}( \d{3})?", row["value_text"]):
            continue
        old = row["value_text"]
        new = old[:-1] + str((int(old[-1]) + 1) % 10)
        source = data / "sources" / document["source_file"]
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        at = int(row["line"]) - 1
        if lines[at].count(old) != 1 or text.count(f",{old},") != 1:
            continue
        lines[at] = lines[at].replace(old, new)
        source.write_text("".join(lines), encoding="utf-8")
        amounts[number] = text.replace(f",{old},", f",{new},")
        (data / "amounts.csv").write_text("".join(amounts), encoding="utf-8")
        sums = data / "sources" / "SHA256SUMS"
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        sums.write_text(
            re.sub(
                rf"^[0-9a-f]{{64}}(\s+\*?{re.escape(source.name)})$",
                rf"{digest}\1",
                sums.read_text(encoding="utf-8"),
                flags=re.MULTILINE,
            ),
            encoding="utf-8",
        )
        where = f"{document['region']}, {document['namnd']} {document['budget_year']}"
        return f"{row['label']} ({where}): {old} → {new}"
    raise SystemExit(f"ingen siffra att ändra hos {wanted}")


def rebuilt(lines: list[str]) -> list[tuple[str, str, str]]:
    """(status, title, seconds) for each report line of a build."""
    return [m.groups("") for line in lines if (m := LINE.match(line))]  # type: ignore[misc]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=21)
    parser.add_argument("--committees", type=int, default=3)
    parser.add_argument("--years", type=int, nargs="+", default=[2024, 2025, 2026, 2027])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--work", type=Path, default=None, help="folder for the data and reports (default: temporary)"
    )
    parser.add_argument("--skip-cold", action="store_true", help="reuse the reports already in --work")
    parser.add_argument("--no-pdf", action="store_true", help="every build with --no-pdf: HTML only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        data, reports = work / "data", work / "reports"
        combinations = args.organisations * args.committees * len(args.years)
        if not args.skip_cold:
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "synthetic_data.py"),
                    str(data),
                    "--figures",
                    str(combinations * FIGURES_PER_COMBINATION),
                    "--organisations",
                    str(args.organisations),
                    "--committees",
                    str(args.committees),
                    "--years",
                    *map(str, args.years),
                ],
                check=True,
                capture_output=True,
            )
            cold, lines = build(data, reports, args.jobs, force=True, pdf=not args.no_pdf)
            count = len(rebuilt(lines))
            print(
                f"{count} rapporter ({combinations} nämndrapporter), --jobs {args.jobs},"
                f"{' --no-pdf,' if args.no_pdf else ' med PDF,'}"
                f" Python {sys.version.split()[0]}"
            )
            print(
                f"  kall byggnad                  {format_number(cold, 1):>8} s"
                f"  ({format_number(cold / count, 2)} s per rapport)"
            )
            pages = []
            for _, title, shown_seconds in rebuilt(lines):
                if title in ("Avstämning", "Jämförelse"):
                    print(f"    {title:28}{shown_seconds:>8} s")
                elif title.startswith("Avstämning – "):
                    pages.append(float(shown_seconds.replace(",", ".")))
            if pages:
                print(
                    f"    avstämning per organisation: {len(pages)} sidor, medel"
                    f" {format_number(sum(pages) / len(pages), 1)} s, max {format_number(max(pages), 1)} s"
                )
        unchanged, lines = build(data, reports, args.jobs, force=False, pdf=not args.no_pdf)
        own = SUMMARY.search(lines[-1])
        print(
            f"  oförändrad: kommandot         {own.group(1) if own else '?':>8} s"
            f"  (processen {format_number(unchanged, 2)} s med Pythons start och import)"
        )
        changed = change_one_figure(data, args.organisations // 2)
        seconds, lines = build(data, reports, args.jobs, force=False, pdf=not args.no_pdf)
        shown = rebuilt(lines)
        built = [(title, s) for status, title, s in shown if status == "klar"]
        print(f"  en siffra ändrad              {format_number(seconds, 1):>8} s  ({changed})")
        print(f"    byggda {len(built)}, oförändrade {sum(status == 'oförändrad' for status, _, _ in shown)}")
        for title, report_seconds in built:
            print(f"    {title:28}{report_seconds:>8} s")


if __name__ == "__main__":
    main()
