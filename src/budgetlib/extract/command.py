"""``budgetlib extract DOCUMENT``: draft a data folder from one document and check it at once.

Exit codes: 0 the draft is written and everything in it adds up; 1 it is
written but something does not add up, or a row is not on its line; 2 bad
input (unreadable, encrypted or image-only PDF, empty file, unsupported type,
no figures, an output folder that exists): then nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from budgetlib.errors import DataError
from budgetlib.extract.failure import ExtractionError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
OUT_SUFFIX = "-utkast"
DESCRIPTION = (
    "Läser dokumentet, skriver ett utkast till datafiler med källrad för varje värde och stämmer av "
    "det direkt. Slutkod 0: utkastet är skrivet och allt stämmer; 1: skrivet, men något stämmer inte "
    "eller står inte på sin rad; 2: felaktig indata (oläsbar, krypterad eller inskannad PDF, tom fil, "
    "filtyp som inte stöds, inga siffror, utdatamappen finns redan) – då skrivs ingenting."
)


def add_extract_command(commands: Any) -> None:
    """Register ``extract`` on the main parser's subcommands."""
    extract = commands.add_parser(
        "extract",
        help="läs ett dokument (PDF, DOCX eller text) och skriv ett utkast till datafiler att granska",
        description=DESCRIPTION,
    )
    extract.add_argument("document", type=Path, help="dokumentet: .pdf (med textlager), .docx eller ren text")
    extract.add_argument(
        "--out", type=Path, help=f"ny mapp för utkastet (standard: DOKUMENTNAMN{OUT_SUFFIX})"
    )
    extract.add_argument(
        "--organisation",
        "--region",
        dest="organisation",
        default="",
        help="region eller kommun ur organisationsregistret, om dokumentet inte säger det: namn eller "
        "SCB-kod (t.ex. 'Region Värmland', 'Umeå kommun', 2480)",
    )
    extract.add_argument(
        "--namnd",
        default="",
        help="nämnd, om dokumentet inte säger det: kod, namn eller alias ur nämndregistret (t.ex. HSN, "
        "BUN, Utbildningsnämnden) eller en fri benämning",
    )
    extract.add_argument("--year", type=int, help="budgetår, om dokumentets titel inte säger det")
    extract.add_argument("--doc-id", help="dokument-id i utkastet (standard: ur filnamnet)")
    extract.add_argument(
        "--compare",
        type=Path,
        metavar="DIR",
        help="jämför utkastet med handinmatade data i DIR, värde för värde",
    )
    extract.set_defaults(run=run_extract, extra="extract")


def run_extract(args: argparse.Namespace) -> int:
    from budgetlib.extract.checking import check_draft
    from budgetlib.extract.format2 import format2_files
    from budgetlib.extract.identity import Options
    from budgetlib.extract.pipeline import draft_document
    from budgetlib.extract.presentation import comparison_text, safe, summary
    from budgetlib.extract.writing import write_folder
    from budgetlib.loading import load

    document: Path = args.document
    out: Path = args.out or Path.cwd() / f"{document.stem}{OUT_SUFFIX}"
    try:
        hand_keyed = load(args.compare) if args.compare is not None else None
        draft = draft_document(document, Options(args.organisation, args.namnd, args.year), args.doc_id)
        comparison = None
        if hand_keyed is not None:
            from budgetlib.extract.review import compare_with_dataset

            comparison = compare_with_dataset(draft, hand_keyed)
        check = write_folder(format2_files(draft), out, check_draft)
    except (ExtractionError, DataError) as error:
        sys.stderr.write(f"budgetlib extract: {safe(str(error))}\n")  # names and words from the input
        return EXIT_BAD_INPUT
    sys.stdout.write(summary(draft, check, out))
    if comparison is not None:
        sys.stdout.write("\n" + comparison_text(comparison, args.compare))
    return EXIT_FINDINGS if len(check.findings.failing) or len(check.provenance) else EXIT_OK
