"""A notebook's parameters, read from its cell tagged ``parameters``, and checks against them.

The cell holds typed literals (``year: int = 2025  # budgetåret``); reading it
needs only ``json`` and ``ast``, so checking costs nothing before a build.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from budgetlib.errors import BudgetlibError

PARAMETERS_TAG = "parameters"
TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool, "list": list}


class ParameterError(BudgetlibError, ValueError):
    """Parameters that do not fit the notebook's parameters cell."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type_name: str
    default: Any


def declared_parameters(notebook: Path) -> dict[str, Parameter]:
    """Name → parameter for every typed assignment in the notebook's parameters cell."""
    try:
        status = notebook.stat()
    except OSError as error:
        raise ParameterError(
            f"{notebook}: notebooken kan inte läsas ({error.strerror}); ange mappen med --notebooks-dir"
        ) from None
    return dict(_declared(notebook, status.st_mtime_ns, status.st_size))


@cache
def _declared(notebook: Path, modified: int, size: int) -> dict[str, Parameter]:
    """Read once per version of the file (a plan asks for every report)."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except OSError as error:
        raise ParameterError(
            f"{notebook}: notebooken kan inte läsas ({error.strerror}); ange mappen med --notebooks-dir"
        ) from None
    except (ValueError, KeyError, TypeError):
        cells = None
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise ParameterError(f"{notebook}: är ingen notebook (väntade JSON med en lista 'cells')")
    tagged = [cell for cell in cells if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise ParameterError(
            f"{notebook}: väntade exakt en cell taggad '{PARAMETERS_TAG}', hittade {len(tagged)}"
        )
    source = "".join(tagged[0]["source"]) if isinstance(tagged[0]["source"], list) else tagged[0]["source"]
    declared = {}
    try:
        for statement in ast.parse(source).body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                type_name = ast.unparse(statement.annotation)
                default = ast.literal_eval(statement.value) if statement.value is not None else None
                declared[statement.target.id] = Parameter(statement.target.id, type_name, default)
    except (SyntaxError, ValueError) as error:
        raise ParameterError(
            f"{notebook}: parametercellen ska bara ha typade värden som 'year: int = 2025' ({error})"
        ) from None
    return declared


def check_parameters(notebook: Path, given: dict[str, Any]) -> None:
    """Raise :class:`ParameterError` for unknown, missing or mistyped parameters."""
    declared = declared_parameters(notebook)
    known = ", ".join(f"{p.name}: {p.type_name}" for p in declared.values())
    problems = [f"okänd parameter '{name}'" for name in given if name not in declared]
    problems += [f"parametern '{name}' saknas" for name in declared if name not in given]
    for name, value in given.items():
        expected = TYPES.get(declared[name].type_name) if name in declared else None
        if expected is not None and type(value) is not expected:
            problems.append(f"parametern '{name}' ska vara {declared[name].type_name}, fick {value!r}")
    if problems:
        raise ParameterError(f"{notebook.name}: {'; '.join(problems)} (notebooken har: {known})")
