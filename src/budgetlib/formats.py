"""Format versions of a data folder, and how a format-1 folder reads as format 2.

A folder states its format in the file ``FORMAT`` (``2``); a folder without it
is in format 1, the format before organisations and committees per table,
unless its ``documents.csv`` already names organisations (a minimal format-2
folder: ``documents.csv`` and ``sources/``).
Format 1 differs from format 2 in three places only:

* ``documents.csv`` names a ``region`` (listed in ``regions.csv``) where format 2
  names an ``organisation`` from the package's register;
* ``regions.csv`` exists (format 2 takes organisations from the register);
* ``reference/population.csv`` keys rows by ``area_code`` (län code, ``00`` =
  Riket) where format 2 uses ``org_code`` (the region's län code, ``0000`` for
  Riket, the state's code).

Every column that format 2 adds is optional, so once these are mapped a
format-1 folder loads as format 2 (in memory, or in place with ``budgetlib upgrade``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from budgetlib import columns as c
from budgetlib import schema as s
from budgetlib.errors import DataError, Problem
from budgetlib.organisations import organisation_register

FORMAT_FILE = "FORMAT"
FIRST_FORMAT = 1
CURRENT_FORMAT = s.CURRENT_FORMAT

V1_REGIONS = s.FileSchema(
    "regions.csv", (s.Column(c.REGION), s.Column(c.LAN), s.Column(c.LAN_CODE)), key=(c.REGION,)
)
V1_COLUMN_NAMES = {
    (s.DOCUMENTS.file, c.ORGANISATION): c.REGION,
    (s.POPULATION.file, c.ORG_CODE): c.AREA_CODE,
}
STAGING_DIR = ".upgrade-v2"  # where `budgetlib upgrade` writes the new files first
READY = "READY"  # written last in STAGING_DIR; lists the files the upgrade removes
V1_RIKET_CODE = "00"
STATE_CODE = "0000"


def format_version(root: Path) -> int:
    """The folder's format: the number in ``FORMAT``; without that file, what ``documents.csv`` shows.

    A ``documents.csv`` naming an ``organisation`` (and no ``region``) is format 2, so a minimal
    folder needs no ``FORMAT``; anything else without the file is format 1. A folder whose
    upgrade stopped half way is in neither format: a :class:`DataError` says so.
    """
    if (root / STAGING_DIR / READY).is_file():
        message = f"en uppgradering till format {CURRENT_FORMAT} avbröts; kör 'budgetlib upgrade {root}' igen"
        raise DataError([Problem(str(root), None, None, message)])
    path = root / FORMAT_FILE
    if not path.is_file():
        return CURRENT_FORMAT if _names_organisations(root) else FIRST_FORMAT
    text = path.read_text(encoding="utf-8").strip()
    if text not in {str(FIRST_FORMAT), str(CURRENT_FORMAT)}:
        message = f"väntade formatversion {FIRST_FORMAT} eller {CURRENT_FORMAT}, fick {text!r}"
        raise DataError([Problem(str(path), 1, None, message)])
    return int(text)


def _names_organisations(root: Path) -> bool:
    """Whether ``documents.csv`` has format 2's ``organisation`` column and not format 1's ``region``."""
    try:
        with (root / s.DOCUMENTS.file).open(encoding="utf-8") as stream:
            header = stream.readline().strip().split(",")
    except (OSError, UnicodeDecodeError):
        return False  # reading the file properly reports it
    return c.ORGANISATION in header and c.REGION not in header


def stored_schema(schema: s.FileSchema, version: int) -> s.FileSchema:
    """The schema as the file is stored in ``version``: format 1 spells two columns differently."""
    if version == CURRENT_FORMAT:
        return schema
    columns = tuple(
        replace(column, name=V1_COLUMN_NAMES.get((schema.file, column.name), column.name))
        for column in schema.columns
    )
    key = tuple(V1_COLUMN_NAMES.get((schema.file, name), name) for name in schema.key)
    return replace(schema, columns=columns, key=key)


def current_columns(frame: pd.DataFrame, schema: s.FileSchema) -> pd.DataFrame:
    """A frame read as format 1 with its columns named as in format 2."""
    renames = {old: new for (file, new), old in V1_COLUMN_NAMES.items() if file == schema.file}
    return frame.rename(columns=renames)


def stored_column(file: str, column: str | None, version: int) -> str | None:
    """How a format-2 column is spelled in a file of ``version`` (for messages)."""
    if version == CURRENT_FORMAT or column is None:
        return column
    return V1_COLUMN_NAMES.get((file, column), column)


def upgrade_values(file: str, frame: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """A format-1 file's values as format 2: regions named via their län code, Riket as the state.

    ``frame`` already has format-2 column names; files without changed values come back as they are.
    """
    if file == s.DOCUMENTS.file:
        register = organisation_register()
        lan_codes = dict(zip(regions[c.REGION], regions[c.LAN_CODE], strict=True))

        def organisation(region: str) -> str:
            found = register.by_code.get(lan_codes.get(region, ""))
            return found.name if found is not None and found.kind == "region" else region

        return frame.assign(**{c.ORGANISATION: frame[c.ORGANISATION].map(organisation)})
    if file == s.POPULATION.file:
        return frame.assign(**{c.ORG_CODE: frame[c.ORG_CODE].replace(V1_RIKET_CODE, STATE_CODE)})
    return frame
