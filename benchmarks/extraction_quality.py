"""Benchmark: how well ``budgetlib extract`` finds figures. Prints recall and precision; asserts nothing.

    .venv/bin/python benchmarks/extraction_quality.py [--details]

1. seed documents (the development set): each document in ``data/`` drafted
   from its source text with its register row as options, compared with the
   hand-keyed figures;
2. held-out documents (``tests/extraction/holdout/``: text, PDF and DOCX the
   extractor was not developed on, written before it), drafted with no
   options, compared with their hand-keyed answer keys;
3. probe documents (``tests/extraction/probe/``): written after the
   extractor, with irregularities it was not designed around, to show where
   it fails; same comparison.

Recall: hand-keyed figures found with the right value (sign included), unit
and line. Precision: drafted figures that are right. Amount-table cells and
figures stated in running text are counted separately (recall by how the
figure was keyed, precision by how it was drafted). For the seed documents,
keyed in data format 2, it also counts how many of the figures found right
have the measure, phase, year and nämnd the hand-keyed data gives them (the
draft's suggestions). ``--details`` lists every figure that was missed,
misread, or found only by the extractor.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import budgetlib
from budgetlib.extract.quality import INDICATOR_FIELDS, QualityReport, measure_answer_keys, measure_dataset
from budgetlib.extract.review import INTERPRETATION_FIELDS, TABLE_KIND, TEXT_KIND, MatchStatus
from budgetlib.numbers import format_number

PROJECT = Path(__file__).resolve().parents[1]
HOLDOUT = PROJECT / "tests" / "extraction" / "holdout"
PROBE = PROJECT / "tests" / "extraction" / "probe"
KIND_NAMES = {TABLE_KIND: "tabellceller", TEXT_KIND: "uppgifter i löptext"}
FIELD_NAMES = {"measure": "mått", "phase": "fas", "year": "år", "namnd": "nämnd"}
INDICATOR_NAMES = {"unit": "enhet", "desired_direction": "riktning", "frequency": "periodicitet"}


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def percent(value: float) -> str:
    return "  –  " if value != value else f"{format_number(100 * value, 1):>5} %"


def show(title: str, report: QualityReport, details: bool) -> None:
    combined = report.combined
    print(f"\n{title}")
    print(f"  {'':22} {'täckning (recall)':>28} {'precision':>26}")
    for kind, name in KIND_NAMES.items():
        recall = f"{percent(combined.recall(kind))} ({combined.found(kind)}/{combined.keyed_count(kind)})"
        precision = (
            f"{percent(combined.precision(kind))} ({combined.right(kind)}/{combined.drafted_count(kind)})"
        )
        print(f"  {name:22} {recall:>28} {precision:>26}")
    agreements = {field: combined.agreement(field) for field in INTERPRETATION_FIELDS}
    if any(total for _, total in agreements.values()):
        shown = ", ".join(f"{FIELD_NAMES[f]} {same}/{total}" for f, (same, total) in agreements.items())
        print(f"  {'som handinmatat':22} {shown} (av rätt lästa värden)")
    indicators = report.indicators
    if indicators.keyed or indicators.drafted:
        recall = (
            f"{percent(ratio(indicators.right, indicators.keyed))} ({indicators.right}/{indicators.keyed})"
        )
        right, drafted = indicators.right, indicators.drafted
        precision = f"{percent(ratio(right, drafted))} ({right}/{drafted})"
        print(f"  {'indikatorer':22} {recall:>28} {precision:>26}")
        shown = ", ".join(
            f"{INDICATOR_NAMES[f]} {same}/{indicators.right}"
            for f, same in zip(INDICATOR_FIELDS, indicators.agreeing, strict=True)
        )
        print(f"  {'  som handinmatat':22} {shown} (av rätt lästa indikatorer)")
    assignments = report.assignments
    if assignments.keyed:
        print(
            f"  {'uppdrag':22} {assignments.right:>14}/{assignments.keyed} handinmatade hittade"
            f"{'':4}{assignments.right}/{assignments.drafted} rätt"
        )
    for document in report.documents:
        comparison = document.comparison
        parts = [
            f"{KIND_NAMES[k]} {comparison.found(k)}/{comparison.keyed_count(k)} hittade, "
            f"{comparison.right(k)}/{comparison.drafted_count(k)} rätt"
            for k in KIND_NAMES
        ]
        error = f"  FEL: {document.error}" if document.error else ""
        if document.indicators.keyed or document.indicators.drafted:
            counted = document.indicators
            parts.append(
                f"indikatorer {counted.right}/{counted.keyed} hittade, {counted.right}/{counted.drafted} rätt"
            )
        print(f"    {document.name}: {'; '.join(parts)}{error}")
        if details:
            for match in comparison.matches:
                if match.status is MatchStatus.SAME:
                    continue
                figure = match.keyed or match.drafted
                assert figure is not None
                keyed = (
                    f"{match.keyed.sign:+d}·{match.keyed.value_text} {match.keyed.unit_text}"
                    if match.keyed
                    else "–"
                )
                drafted = (
                    f"{match.drafted.sign:+d}·{match.drafted.value_text} {match.drafted.unit_text}"
                    if match.drafted
                    else "–"
                )
                print(f"        {figure.anchor}: {match.status.value:18} nyckel {keyed:28} utkast {drafted}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="visa varje värde som inte stämmer")
    args = parser.parse_args()
    show(
        "Utvecklingsdokument (data/, handinmatade)",
        measure_dataset(budgetlib.load(PROJECT / "data")),
        args.details,
    )
    show(
        "Dokument utanför utvecklingen (tests/extraction/holdout/)",
        measure_answer_keys(HOLDOUT),
        args.details,
    )
    show(
        "Provdokument skrivna efteråt för att hitta svagheter (tests/extraction/probe/)",
        measure_answer_keys(PROBE),
        args.details,
    )


if __name__ == "__main__":
    main()
