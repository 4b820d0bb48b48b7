"""One printed figure as the checks see it: value in base unit, rounding step and provenance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from budgetlib.numbers import DISPLAY_MINUS, MINUS_SIGNS, unbroken


class Figure(NamedTuple):
    """One printed figure, resolved: value in base unit and the step it was rounded to.

    A named tuple rather than a dataclass: reconciliation builds one per figure of the
    dataset, and a tuple is several times cheaper to build than a frozen dataclass.
    """

    figure_id: str
    doc_id: str
    label: str
    value: float
    step: float
    unit: str
    value_text: str
    unit_text: str
    sign: int
    phase: str
    qualifier: str
    source_file: str
    line: int
    org_code: str = ""  # the organisation the figure is about (per-inhabitant checks)

    @property
    def printed(self) -> str:
        """As printed, with the sign the words give (``−47`` for "underskott … 47"), a true minus
        and digit groups joined by a no-break space (``9 065``)."""
        text = unbroken(self.value_text)
        digits = text.lstrip(MINUS_SIGNS)
        negative = (digits != text) != (self.sign < 0)
        return f"{DISPLAY_MINUS}{digits}" if negative and digits else text


Terms = Sequence[tuple[int, Figure]]  # signed figures: (+1 or −1, figure)
