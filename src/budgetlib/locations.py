"""Where budgetlib looks for its data, report notebooks and reports: in a checkout or installed.

Run from a source checkout (``src/budgetlib`` beside ``pyproject.toml``), the
defaults are the project's own ``data/`` and ``reports/``. Installed from a
wheel, the data is ``$BUDGETLIB_DATA`` or ``./data`` and the reports go to
``./reports``, both in the current directory. The report notebooks are always
the ones inside the package (``notebooks/`` in a checkout links to them).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "BUDGETLIB_DATA"
PACKAGE_DIR = Path(__file__).resolve().parent


def checkout_dir() -> Path | None:
    """The project folder when budgetlib runs from a source checkout; ``None`` when installed."""
    root = PACKAGE_DIR.parents[1]
    if PACKAGE_DIR.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def default_data_dir() -> Path:
    """``$BUDGETLIB_DATA`` if set; else the checkout's ``data/``, or ``./data`` when installed."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    return (checkout_dir() or Path.cwd()) / "data"


def default_reports_dir() -> Path:
    """The checkout's ``reports/``, or ``./reports`` when installed."""
    return (checkout_dir() or Path.cwd()) / "reports"


def notebooks_dir() -> Path:
    """The report notebooks shipped inside the package (``budgetlib/notebooks``)."""
    return PACKAGE_DIR / "notebooks"
