"""The data folder: it must be a folder we can read, and nothing read from it may lie outside it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from budgetlib.errors import Problem


def folder_problems(root: Path) -> list[Problem]:
    """Why ``root`` cannot serve as the data folder (missing, a file, unreadable), or nothing."""
    try:
        info = root.stat()
    except FileNotFoundError:
        return [Problem(str(root), None, None, "datakatalogen finns inte")]
    except OSError as error:
        return [Problem(str(root), None, None, f"datakatalogen kan inte läsas: {error.strerror}")]
    if not stat.S_ISDIR(info.st_mode):
        return [Problem(str(root), None, None, "är ingen katalog; väntade en datakatalog med documents.csv")]
    try:
        os.listdir(root)
    except OSError as error:
        return [Problem(str(root), None, None, f"datakatalogen kan inte läsas: {error.strerror}")]
    return []


def outside_problem(root: Path, path: Path) -> Problem | None:
    """A problem if ``path``, with every symbolic link followed, lies outside ``root``."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError) as error:  # RuntimeError: a symbolic link loop
        return Problem(str(path), None, None, f"sökvägen kan inte följas: {error}")
    if inside:
        return None
    return Problem(
        str(path), None, None, f"är en länk som leder ut ur datakatalogen (till {target}); den läses inte"
    )
