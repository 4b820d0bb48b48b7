"""Atomic file writes: a reader sees the old files or the new ones, never half of one.

Files get the permissions the umask gives (0644 under the usual 022), as any
new file would, also when they replace an existing file.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")  # what a write cut short by a hard kill leaves behind


def _temporary_beside(path: Path) -> tuple[int, Path]:
    """A new, empty file next to ``path``, created with mode 0666 so that the umask decides."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def write_all_atomic(files: Mapping[Path, str | bytes], *, durable: bool = True) -> None:
    """Write every file to a temporary file beside it, then rename each over its target.

    If anything fails before the renames, the temporary files are removed and
    every target is left exactly as it was; the renames themselves do not fail
    for want of space. ``durable`` files are on disk before they are renamed
    (``fsync``); a scratch file that only this run reads need not wait for that.
    """
    written: dict[Path, Path] = {}
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            handle, temporary = _temporary_beside(path)
            written[path] = temporary
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                if durable:
                    os.fsync(stream.fileno())
        for path, temporary in written.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in written.values():
            temporary.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Write ``path`` atomically: the old content or the new, never half of it."""
    write_all_atomic({path: content}, durable=durable)


def remove_temporaries(folder: Path) -> None:
    """Remove the temporary files that a killed writer left in ``folder`` (not in its subfolders)."""
    if folder.is_dir():
        for leftover in folder.iterdir():
            if TEMPORARY.fullmatch(leftover.name) and leftover.is_file():
                leftover.unlink()
