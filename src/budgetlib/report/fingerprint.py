"""Fingerprints: digests of what a report or a whole build reads, without loading the data.

Imports neither pandas nor the report machinery, so a build with nothing to
do can say so before paying for them.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import budgetlib

RENDERING_PACKAGES = (  # what computes, draws and writes a report besides budgetlib
    "pandas",
    "numpy",
    "matplotlib",
    "matplotlib-inline",
    "ipykernel",
    "ipython",
    "papermill",
    "nbclient",
    "nbformat",
    "nbconvert",
    "jinja2",
    "mistune",
    "pygments",
    "nh3",
)


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each prefixed by its length, so no two sequences of parts collide."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()


@cache
def library_digest() -> str:
    """The library's version, every module and data file of the package (not its notebooks), and the
    versions of Python and of the packages that render a report."""
    package = Path(budgetlib.__file__).parent
    files = sorted(
        path
        for path in package.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in {".pyc", ".ipynb"}
        and path.relative_to(package).parts[0] != "notebooks"
    )
    versions = [f"{name} {_version(name)}" for name in RENDERING_PACKAGES]
    return digest(
        budgetlib.__version__,
        platform.python_version(),
        *versions,
        *(part for path in files for part in (path.relative_to(package).as_posix(), path.read_bytes())),
    )


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "-"


def notebook_digest(notebook: Path) -> str:
    """The notebook's cells as its author wrote them: kind, source and tags, not stored outputs."""
    status = notebook.stat()
    return _cells_digest(notebook, status.st_mtime_ns, status.st_size)


@cache
def _cells_digest(notebook: Path, modified: int, size: int) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return digest(
        *(
            json.dumps(
                [
                    cell.get("cell_type"),
                    "".join(cell.get("source", "")),
                    cell.get("metadata", {}).get("tags", []),
                ],
                ensure_ascii=False,
            )
            for cell in cells
        )
    )


def inputs_digest(
    data_dir: Path, notebooks: Path, selection: Sequence[str | int | None], pdf: bool = False
) -> str:
    """Everything a build reads, as files: the data folder's and the templates' bytes, the library.

    Equal digests mean an equal plan with equal fingerprints, so a build
    whose last run recorded this digest has nothing to do and need not
    even load the data. Paths count relative to their folder only; ``pdf``
    (PDFs asked for) counts too, so asking for them again prints them.
    """
    files = sorted(path for path in data_dir.rglob("*") if path.is_file())
    templates = sorted(notebooks.glob("*.ipynb"))
    return digest(
        library_digest(),
        json.dumps([*selection, pdf]),
        *(part for path in templates for part in (path.name, path.read_bytes())),
        *(part for path in files for part in (path.relative_to(data_dir).as_posix(), path.read_bytes())),
    )
