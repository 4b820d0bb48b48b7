"""One error root: every error budgetlib raises on purpose is a BudgetlibError, and the CLI exits 2 on it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import budgetlib
from budgetlib import cli
from budgetlib.errors import BudgetlibError


def error_classes() -> dict[str, type[Exception]]:
    """Every error class defined in a budgetlib module, found by importing them all.

    Errors are ``Exception`` subclasses; a ``BaseException`` such as the CLI's
    SIGTERM-as-``KeyboardInterrupt`` is a way to stop, not an error.
    """
    found: dict[str, type[Exception]] = {}
    for module_info in pkgutil.walk_packages(budgetlib.__path__, "budgetlib."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            defined_here = inspect.isclass(value) and value.__module__ == module.__name__
            if defined_here and issubclass(value, Exception):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_budgetlib_error_has_the_one_root() -> None:
    classes = error_classes()
    assert "budgetlib.dataset.SelectionError" in classes and "budgetlib.report.pdf.PdfError" in classes
    outside = sorted(name for name, cls in classes.items() if not issubclass(cls, BudgetlibError))
    assert outside == [], "ska ärva BudgetlibError"


def test_errors_keep_their_builtin_base() -> None:
    """``except ValueError`` written before the root existed still catches them."""
    assert issubclass(budgetlib.DataError, ValueError) and issubclass(budgetlib.SelectionError, ValueError)
    assert issubclass(budgetlib.BudgetlibError, Exception)


def test_the_cli_exits_2_on_any_budgetlib_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class NewError(BudgetlibError):
        """An error the CLI has never heard of by name."""

    def failing(args: object) -> int:
        raise NewError("fel som alla budgetlib-fel")

    monkeypatch.setattr(cli, "_list", failing)
    assert cli.main(["list"]) == cli.EXIT_BAD_INPUT
    assert capsys.readouterr().err == "budgetlib: fel som alla budgetlib-fel\n"
