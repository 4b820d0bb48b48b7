"""budgetlib's error root, :class:`BudgetlibError`, and data errors that name file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from budgetlib.controlchars import escape_controls

if TYPE_CHECKING:
    import pandas as pd


class BudgetlibError(Exception):
    """The root of every error budgetlib raises on purpose; ``except BudgetlibError`` catches them all.

    Each subclass also keeps the built-in base it had before the root existed
    (mostly ``ValueError``), so existing ``except ValueError`` code still works.
    """


@dataclass(frozen=True)
class Problem:
    """One failing cell: where it is and what was wrong with it."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        """``file, rad 5, kolumn 'x': message``, with control characters from the data escaped."""
        where = [self.file]
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolumn {self.column!r}")
        return escape_controls(f"{', '.join(where)}: {self.message}")


class DataError(BudgetlibError, ValueError):
    """The data does not hold together; ``problems`` lists every failing cell."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … och {len(problems) - 20} till" if len(problems) > 20 else ""
        super().__init__(f"Fel i data ({len(problems)} st):\n{shown}{more}")

    def to_frame(self) -> pd.DataFrame:
        """The failing rows as a frame (file, row, column, message)."""
        import pandas as pd  # here, so that the errors' root never costs a pandas import

        return pd.DataFrame([vars(p) for p in self.problems])
