"""The source texts in ``sources/``: safely named, pinned by ``SHA256SUMS``, counted in lines.

``sources/SHA256SUMS`` lists every source text as ``sha256sum`` writes it
(``<64 hex digits>  <file name>``). The loader verifies it on every load: a
changed, missing or unlisted source is an error, and so is an empty list.
A document's ``source_file`` must be a plain file name directly in
``sources/`` (no ``/``, ``\\``, ``..`` or control characters), and a symbolic
link that leads out of the data folder is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from budgetlib import columns as c
from budgetlib.datafolder import outside_problem
from budgetlib.errors import Problem

SOURCES_DIR = "sources"
SUMS_FILE = "SHA256SUMS"
MAX_SOURCE_BYTES = 20_000_000
REPIN_HINT = (
    f"källtexterna ändras aldrig; är ändringen avsiktlig, lås om dem: "
    f"cd {SOURCES_DIR} && sha256sum *.txt > {SUMS_FILE}"
)
_PIN_LINE = re.compile(r"(?P<digest>[0-9a-f]{64}) [ *](?P<name>.+)")
_FORBIDDEN = frozenset("/\\:")


@dataclass(frozen=True)
class Pin:
    """One entry of ``SHA256SUMS``: the file's hash and the line it stands on."""

    line: int
    digest: str


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a plain file name directly in ``sources/``; None when it is."""
    unsafe = (
        name in ("", ".", "..", SUMS_FILE)
        or any(char in _FORBIDDEN or not char.isprintable() for char in name)
        or name != name.strip()
    )
    if unsafe:
        return (
            f"väntade ett filnamn direkt i {SOURCES_DIR}/ (utan /, \\, :, '..' eller styrtecken), "
            f"fick {name!r}"
        )
    return None


def check_sources(
    root: Path, documents: pd.DataFrame, documents_file: str
) -> tuple[dict[str, int], list[Problem]]:
    """Lines per document's source text, and every problem with the sources and their pins.

    ``documents`` is indexed by line in ``documents_file``.
    """
    pins, problems = _read_pins(root)
    folder = root / SOURCES_DIR
    folder_unlinked = _unlinked(folder)
    line_counts: dict[str, int] = {}
    for name, pin in pins.items():
        count, found = _verified_line_count(root, name, pin, folder_unlinked)
        problems += found
        if count is not None:
            line_counts[name] = count
    problems += _unlisted(root, pins)
    by_doc: dict[str, int] = {}
    for line, doc_id, source_file in zip(
        documents.index, documents[c.DOC_ID], documents[c.SOURCE_FILE], strict=True
    ):
        unsafe = name_problem(source_file)
        if unsafe is not None:
            problems.append(Problem(documents_file, int(line), c.SOURCE_FILE, unsafe))
        elif source_file not in pins:
            where = "finns" if (folder / source_file).is_file() else "finns inte"
            message = f"källfilen {source_file!r} {where} i {SOURCES_DIR}/ men saknas i {SUMS_FILE}"
            problems.append(Problem(documents_file, int(line), c.SOURCE_FILE, f"{message}; {REPIN_HINT}"))
        elif source_file in line_counts:
            by_doc[doc_id] = line_counts[source_file]
    return by_doc, problems


def _read_pins(root: Path) -> tuple[dict[str, Pin], list[Problem]]:
    path = root / SOURCES_DIR / SUMS_FILE
    data, problems = _read_bytes(root, path)
    if data is None:
        return {}, problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return {}, [Problem(str(path), line, None, f"texten är inte UTF-8; {REPIN_HINT}")]
    pins: dict[str, Pin] = {}
    for number, entry in enumerate(text.splitlines(), start=1):
        if not entry.strip():
            continue
        match = _PIN_LINE.fullmatch(entry)
        if match is None:
            problems.append(
                Problem(
                    str(path), number, None, f"väntade '<sha256>  <filnamn>', fick {entry!r}; {REPIN_HINT}"
                )
            )
            continue
        name = match["name"]
        unsafe = name_problem(name)
        if unsafe is not None:
            problems.append(Problem(str(path), number, None, unsafe))
        elif name in pins:
            problems.append(Problem(str(path), number, None, f"{name!r} står redan på rad {pins[name].line}"))
        else:
            pins[name] = Pin(number, match["digest"])
    if not pins and not problems:
        problems.append(Problem(str(path), 1, None, f"listan är tom, så inget är låst; {REPIN_HINT}"))
    return pins, problems


def _unlinked(path: Path) -> bool:
    """``path`` exists and is no symbolic link."""
    try:
        return not stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_bytes(root: Path, path: Path, inside: bool = False) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file inside the data folder, or why they cannot be read.

    ``inside`` says it is known to lie inside: no link needs following.
    """
    outside = None if inside else outside_problem(root, path)
    if outside is not None:
        return None, [outside]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(str(path), None, None, "är ingen vanlig fil (en katalog eller specialfil)")]
        with path.open("rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        return None, [Problem(str(path), None, None, "filen saknas")]
    except OSError as error:
        return None, [Problem(str(path), None, None, f"kan inte läsas: {error.strerror}")]
    if len(data) > MAX_SOURCE_BYTES:
        return None, [Problem(str(path), None, None, f"filen är större än {MAX_SOURCE_BYTES} byte")]
    return data, []


def _verified_line_count(
    root: Path, name: str, pin: Pin, folder_unlinked: bool
) -> tuple[int | None, list[Problem]]:
    """The lines of a pinned source text that matches its pin.

    ``folder_unlinked``: ``sources/`` is no link, so a file in it that is no link lies inside the data
    folder (a pinned name is a plain file name).
    """
    sums = str(root / SOURCES_DIR / SUMS_FILE)
    path = root / SOURCES_DIR / name
    if not path.exists() and not path.is_symlink():
        return None, [Problem(sums, pin.line, None, f"källfilen {name!r} finns inte i {SOURCES_DIR}/")]
    data, problems = _read_bytes(root, path, inside=folder_unlinked and _unlinked(path))
    if data is None:
        return None, problems
    digest = hashlib.sha256(data).hexdigest()
    if digest != pin.digest:
        message = (
            f"källfilen {name!r} har ändrats (sha256 {digest[:12]}…, låst {pin.digest[:12]}…); {REPIN_HINT}"
        )
        return None, [Problem(sums, pin.line, None, message)]
    try:
        return len(data.decode("utf-8").splitlines()), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "texten är inte UTF-8; spara om källtexten som UTF-8 och lås om den"
        return None, [Problem(str(path), line, None, message)]


def _unlisted(root: Path, pins: dict[str, Pin]) -> list[Problem]:
    """Files in ``sources/`` that ``SHA256SUMS`` does not pin."""
    folder = root / SOURCES_DIR
    if not folder.is_dir():
        return []  # the missing SHA256SUMS says it already
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except OSError as error:
        return [Problem(str(folder), None, None, f"katalogen kan inte läsas: {error.strerror}")]
    return [
        Problem(str(folder / name), None, None, f"filen saknas i {SUMS_FILE}; {REPIN_HINT}")
        for name in names
        if name != SUMS_FILE and name not in pins
    ]
