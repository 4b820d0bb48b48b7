"""The README's layout section names every module of the library, so it stays true."""

from __future__ import annotations

import re

import budgetlib
from tests.conftest import PROJECT


def _layout_words() -> set[str]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"[a-z_0-9]+", section))


def test_every_module_is_listed_in_the_readme_layout() -> None:
    package = PROJECT / "src" / "budgetlib"
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    for subpackage in ("extract", "report"):
        modules |= {p.stem for p in (package / subpackage).glob("*.py") if p.stem != "__init__"}
    assert modules - _layout_words() == set()


def test_no_public_name_hides_a_module_of_the_same_name() -> None:
    """``import budgetlib.loading`` gives the module; ``budgetlib.load`` is the function."""
    package = PROJECT / "src" / "budgetlib"
    modules = {p.stem for p in package.glob("*.py")} | {p.name for p in package.glob("*/__init__.py")}
    modules |= {p.parent.name for p in package.glob("*/__init__.py")}
    assert modules & set(budgetlib.__all__) == set()
