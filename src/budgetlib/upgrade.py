"""``budgetlib upgrade DIR``: convert a format-1 data folder to format 2 in place.

The folder must load first (nothing is changed in a folder with errors). Then:

1. every new file is written to ``DIR/.upgrade-v2/``, and ``READY`` there last;
2. every file that will change or go is copied to ``DIR/.backup-v1/``;
3. the new files are renamed into place one by one, ``FORMAT`` last, and the
   staging folder is removed.

Each rename is atomic. If the run stops during step 3, the loader says so and a
second run finishes it from the staging folder; a run on a folder already in
format 2 changes nothing.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from budgetlib import schema as s
from budgetlib.atomic import write_atomic
from budgetlib.formats import (
    CURRENT_FORMAT,
    FIRST_FORMAT,
    FORMAT_FILE,
    READY,
    STAGING_DIR,
    V1_REGIONS,
    current_columns,
    format_version,
    stored_schema,
    upgrade_values,
)
from budgetlib.loading import load

BACKUP_DIR = ".backup-v1"
REMOVED_FILES = (V1_REGIONS.file,)


@dataclass(frozen=True)
class UpgradeResult:
    """What an upgrade did: the files it rewrote and removed, and where the originals are kept."""

    data_dir: Path
    already_current: bool
    rewritten: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    backup: Path | None = None


def _read_raw(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _converted(root: Path) -> dict[str, str]:
    """Format-2 text of every data file that changes, by its name in the folder.

    Only what format 2 spells differently changes; columns that format 2 adds
    are optional and left out, so every other file stays byte for byte.
    """
    regions_path = root / V1_REGIONS.file
    regions = _read_raw(regions_path) if regions_path.is_file() else pd.DataFrame(columns=V1_REGIONS.names)
    texts = {}
    for schema in s.ALL_FILES:
        path = root / schema.file
        if not path.is_file():
            continue
        original = _read_raw(path)
        renamed = current_columns(original, stored_schema(schema, FIRST_FORMAT))
        frame = upgrade_values(schema.file, renamed, regions)
        if list(frame.columns) != list(original.columns) or not frame.equals(original):
            texts[schema.file] = frame.to_csv(index=False, lineterminator="\n")
    return texts


def _stage(path: Path, text: str, like: Path) -> None:
    """Write a new file with the permissions of the file it replaces (or sits beside)."""
    write_atomic(path, text)
    path.chmod(like.stat().st_mode & 0o777)


def _finish(root: Path) -> tuple[str, ...]:
    """Move the staged files into place, ``FORMAT`` last; safe to repeat after an interruption."""
    staging = root / STAGING_DIR
    listed = (staging / READY).read_text(encoding="utf-8").splitlines()
    removed = tuple(name for name in listed if name in REMOVED_FILES)  # never more than format 1 had
    for staged in sorted(p for p in staging.rglob("*") if p.is_file()):
        name = staged.relative_to(staging).as_posix()
        if name not in (READY, FORMAT_FILE):
            staged.replace(root / name)
    for name in removed:
        (root / name).unlink(missing_ok=True)
    if (staging / FORMAT_FILE).is_file():
        (staging / FORMAT_FILE).replace(root / FORMAT_FILE)
    shutil.rmtree(staging)
    return removed


def upgrade(data_dir: str | Path) -> UpgradeResult:
    """Convert a format-1 folder to format 2 in place, keeping the originals in ``.backup-v1``."""
    root = Path(data_dir)
    staging, backup = root / STAGING_DIR, root / BACKUP_DIR
    if (staging / READY).is_file():
        removed = _finish(root)
        return UpgradeResult(root, already_current=False, removed=removed, backup=backup)
    if format_version(root) == CURRENT_FORMAT:
        return UpgradeResult(root, already_current=True)
    load(root)  # raises DataError: a folder with errors is left as it is
    texts = _converted(root)
    removed = tuple(name for name in REMOVED_FILES if (root / name).is_file())
    for folder in (staging, backup):
        if folder.exists():
            shutil.rmtree(folder)  # left by a run that stopped before anything was moved
    for name, text in texts.items():
        _stage(staging / name, text, like=root / name)
    _stage(staging / FORMAT_FILE, f"{CURRENT_FORMAT}\n", like=root / s.DOCUMENTS.file)
    for name in (*texts, *removed):
        (backup / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, backup / name)
    write_atomic(staging / READY, "".join(f"{name}\n" for name in removed))
    _finish(root)
    return UpgradeResult(root, False, tuple(texts), removed, backup)
