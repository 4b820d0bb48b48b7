"""environment.yml (conda) and pyproject.toml (the truth) list the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def _normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()  # type: ignore[union-attr]
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def pyproject_requirements() -> set[tuple[str, str]]:
    """The core and every extra; an extra that pulls in others (``budgetlib[reports]``) adds nothing new."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    listed = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]
    requirements = {_normalise(r) for r in listed}
    python = ("python", f">={project['requires-python'].lstrip('>=')}")
    return {r for r in requirements if r[0] != project["name"]} | {python}


def environment_requirements(text: str) -> set[tuple[str, str]]:
    dependencies = text.split("\ndependencies:\n", 1)[1]
    entries = re.findall(r"^  - ([A-Za-z][^\s#:]*)\s*$", dependencies, flags=re.MULTILINE)
    return {_normalise(e) for e in entries if e != "pip"}


def test_environment_yml_matches_pyproject() -> None:
    environment = environment_requirements((PROJECT / "environment.yml").read_text())
    assert environment == pyproject_requirements()


def test_the_comparison_notices_drift() -> None:
    text = (PROJECT / "environment.yml").read_text().replace("  - pandas>=2.2\n", "  - pandas>=2.0\n")
    assert environment_requirements(text) != pyproject_requirements()


def test_dev_installs_every_extra() -> None:
    """``make`` installs ``.[dev]``: it must pull in every other extra, so tests see the whole package."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    pulled = [r for r in extras["dev"] if r.startswith(f"{project['name']}[")]
    assert len(pulled) == 1
    assert set(pulled[0].split("[", 1)[1].rstrip("]").split(",")) == set(extras) - {"dev"}
