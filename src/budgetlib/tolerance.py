"""The rounding rule: how far apart printed figures may be before it is a real discrepancy.

A figure printed to a step ``s`` (1 for whole mkr, 0,1 for one decimal) stands
for any true value within ``± s/2``. When a stated figure is compared with a
combination of others, the true values can drift apart by at most the sum of
those half-steps: with n parts and a total all rounded to ``s`` that is
``(n + 1) · s / 2``. A difference inside that is rounding; outside it is a
discrepancy. Mixed precision simply mixes the half-steps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from budgetlib.findings import Status

UNIT_SLIP_FACTORS = (1e3, 1e-3, 1e6, 1e-6)
UNIT_SLIP_RELATIVE = 0.10  # a slipped figure within 10 % of the right one counts as a slip
_EPSILON = 1e-9


def rounding_tolerance(steps: Iterable[float]) -> float:
    """Largest difference that rounding of figures printed to these steps can explain."""
    return sum(steps) / 2


def _within(difference: float, tolerance: float) -> bool:
    return abs(difference) <= tolerance + _EPSILON * max(1.0, tolerance)


def status_of(difference: float, tolerance: float) -> Status:
    """Exact, rounding or mismatch for a difference and its tolerance."""
    if abs(difference) < _EPSILON:
        return Status.EXACT
    return Status.ROUNDING if _within(difference, tolerance) else Status.MISMATCH


@dataclass(frozen=True)
class UnitSlip:
    """A stated figure read with ``factor``: the corrected value and what is left."""

    factor: float
    corrected: float
    difference: float
    tolerance: float

    @property
    def within_rounding(self) -> bool:
        return _within(self.difference, self.tolerance)


def find_unit_slip(
    stated: float, stated_step: float, computed: float, other_tolerance: float
) -> UnitSlip | None:
    """The factor 10^±3 or 10^±6 under which ``stated`` agrees with ``computed``, if any.

    Agreement means within the rounding tolerance of the corrected figure or
    within 10 % of the computed value, whichever is wider: authors who write
    "0,7 mnkr" for 637 mkr have usually rounded twice.
    """
    if stated == 0 or computed == 0:
        return None
    for factor in UNIT_SLIP_FACTORS:
        corrected = stated * factor
        tolerance = rounding_tolerance([stated_step * factor]) + other_tolerance
        difference = computed - corrected
        if _within(difference, max(tolerance, UNIT_SLIP_RELATIVE * abs(computed))):
            return UnitSlip(factor, corrected, difference, tolerance)
    return None


def percent_tolerance(
    numerator: float, numerator_tolerance: float, denominator: float, denominator_tolerance: float
) -> float:
    """Tolerance of ``100 · numerator / denominator`` from the tolerances of its inputs.

    Undefined (NaN) when the denominator is zero: there is no percentage to be near.
    """
    if denominator == 0:
        return math.nan
    relative = (
        numerator_tolerance / abs(denominator) + abs(numerator) * denominator_tolerance / denominator**2
    )
    return 100 * relative
