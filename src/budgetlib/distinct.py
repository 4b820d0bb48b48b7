"""A function of every value in a column, computed once per distinct value.

Data columns repeat a few values many times (a table id per cell, a unit, a
year); parsing or looking up each distinct value once and spreading the
results by position costs a hash per cell instead of a Python call per cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def per_distinct(values: pd.Series, function: Callable[[Any], Any], dtype: Any = object) -> np.ndarray:
    """``function(value)`` for each of ``values`` in order, called once per distinct (scalar) result."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    return np.array([function(value) for value in distinct.tolist()], dtype=dtype)[codes]
