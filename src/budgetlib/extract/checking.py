"""The draft checked at once, exactly as hand-keyed data is: loaded, traced to its lines, reconciled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from budgetlib.errors import DataError
from budgetlib.extract.failure import ExtractionError
from budgetlib.findings import Findings
from budgetlib.loading import load
from budgetlib.provenance import check_provenance
from budgetlib.reconciliation import reconcile


@dataclass(frozen=True)
class DraftCheck:
    """What the checks said: every reconciliation finding, and any row not found on its line."""

    findings: Findings
    provenance: pd.DataFrame  # empty when every value, unit and label stands where the draft says
    indicators: int = 0  # indicators the draft's data files hold (the rest are only in the reviewer's sheet)


def check_draft(folder: Path) -> DraftCheck:
    """Load, provenance-check and reconcile a draft folder; a draft that does not load is an error."""
    try:
        dataset = load(folder)
    except DataError as error:
        raise ExtractionError(f"utkastet gick inte att läsa in (fel i budgetlib extract): {error}") from None
    return DraftCheck(reconcile(dataset), check_provenance(dataset), len(dataset.indicators))
