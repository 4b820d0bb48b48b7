"""Write a draft data folder atomically: all of it, checked, or nothing at all.

The files go into a temporary folder beside the target; the check runs there;
only when both succeed is the folder renamed into place. An existing folder is
never overwritten (a reviewer's corrections may be in it), unless it is empty.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from budgetlib.extract.failure import ExtractionError

T = TypeVar("T")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_folder(files: Mapping[str, bytes], out: Path, check: Callable[[Path], T]) -> T:
    """Write ``files`` (relative path → content) as the folder ``out``, run ``check`` on it, publish it.

    If writing or ``check`` fails, nothing is left behind and ``out`` is untouched.
    """
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise ExtractionError(f"{out} finns redan; välj en ny mapp med --out (inget skrivet).")
    if not out.parent.is_dir():
        raise ExtractionError(
            f"{out.parent}: mappen finns inte; skapa den eller välj en annan --out (inget skrivet)."
        )
    for name in files:
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise ValueError(f"a draft file must stay inside the folder: {name!r}")
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    except OSError as error:
        raise ExtractionError(
            f"{out.parent}: kan inte skriva här ({error.strerror}); inget skrivet."
        ) from None
    try:
        for name, content in files.items():
            path = temporary / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        for folder in [temporary, *(p for p in temporary.rglob("*") if p.is_dir())]:
            folder.chmod(0o777 & ~_umask())
        result = check(temporary)
        if out.exists():
            out.rmdir()
        temporary.rename(out)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise ExtractionError(
            f"{out}: kunde inte skriva utkastet ({error.strerror}); inget skrivet."
        ) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return result
