"""Swedish display frames: headers, labels and numbers formatted for people.

Library results stay numeric; these functions only shape them for a terminal
table, a CSV for a spreadsheet, or a notebook.
"""

from __future__ import annotations

import math

import pandas as pd

from budgetlib.findings import CHECK_LABELS, STATUS_LABELS, Check, Findings, Status
from budgetlib.numbers import format_compact

FINDING_HEADERS = {
    "doc_ids": "Dokument",
    "check": "Kontroll",
    "relation": "Samband",
    "expected": "Angivet",
    "actual": "Beräknat",
    "difference": "Skillnad",
    "tolerance": "Tolerans",
    "unit": "Enhet",
    "status": "Status",
    "message": "Kommentar",
    "provenance": "Källa (fil:rad)",
}


def _number(value: float) -> str:
    return "" if math.isnan(value) else format_compact(value, 3)


def findings_for_people(findings: Findings, width: int | None = None) -> pd.DataFrame:
    """Findings with Swedish headers, labels and number format; relations cut to ``width``."""
    frame = findings.to_frame()
    frame["check"] = [CHECK_LABELS[Check(v)] for v in frame["check"]]
    frame["status"] = [STATUS_LABELS[Status(v)] for v in frame["status"]]
    for column in ("expected", "actual", "difference", "tolerance"):
        frame[column] = [_number(v) for v in frame[column]]
    if width is not None:
        frame["relation"] = [r if len(r) <= width else r[: width - 1] + "…" for r in frame["relation"]]
    return frame[list(FINDING_HEADERS)].rename(columns=FINDING_HEADERS)


def status_counts(findings: Findings) -> pd.DataFrame:
    """How many findings have each status, in the order of ``Status``."""
    counts = findings.to_frame()["status"].value_counts()
    return pd.DataFrame(
        {
            "Status": [STATUS_LABELS[s] for s in Status],
            "Antal": [int(counts.get(s.value, 0)) for s in Status],
        }
    )


def document_heading(document: dict[str, object]) -> str:
    """``003 · Region Värmland · HSN 2025 — Ärendebeskrivning … (diarienummer, datum)``."""
    details = [str(document[key]) for key in ("diarienummer", "kind") if document.get(key)]
    date = document.get("date")
    if isinstance(date, pd.Timestamp) and not pd.isna(date):
        details.append(date.strftime("%Y-%m-%d"))
    return (
        f"{document['doc_id']} · {document['region']} · {document['namnd']} {document['budget_year']}"
        f" — {document['title']} ({', '.join(details)})"
    )


def selection_text(region: str, namnd: str, year: int) -> str:
    """In Swedish, what a selection covers: ``Region Värmland, HSN, 2025`` or ``alla dokument``."""
    parts = [p for p in (region, namnd, str(year) if year else "") if p]
    return ", ".join(parts) if parts else "alla dokument"
