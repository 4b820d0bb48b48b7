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
