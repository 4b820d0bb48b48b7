"""Results kept between report builds by the digest of everything that computed them.

Off by default: a build's kernels turn it on (:func:`use`, from
:func:`budgetlib.report.chart_cache.install`) with the folder that keeps
chart images and the library's digest, which salts every key, so only a
result of the same inputs and the same library is reused. Results are kept
as JSON (never pickle: the folder is data, not code); a file that does not
read back whole is computed again. Each use marks the file, so a build's
pruning keeps exactly what it used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from budgetlib.atomic import write_atomic

Result = TypeVar("Result")
_folder: list[tuple[Path, str]] = []  # the folder and the library's digest, once turned on


def use(folder: Path, library: str) -> None:
    """Keep results in ``folder`` from now on in this process; ``library`` salts every key."""
    _folder[:] = [(folder, library)]


def active() -> bool:
    return bool(_folder)


def kept(
    inputs: str,
    compute: Callable[[], Result],
    to_json: Callable[[Result], Any],
    from_json: Callable[[Any], Result],
) -> Result:
    """``compute()``, or the result an earlier build kept for the same ``inputs`` (a digest of them).

    ``from_json(to_json(result))`` must equal ``result``; on anything else
    ``from_json`` raises ``ValueError``, ``LookupError`` (a key or an index
    missing), ``TypeError`` or ``AttributeError``, and the result is then
    computed again.
    """
    if not _folder:
        return compute()
    folder, library = _folder[0]
    path = folder / f"{hashlib.sha256(repr((library, 'kept', inputs)).encode('utf-8')).hexdigest()}.json"
    try:
        result = from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, LookupError, TypeError, AttributeError):  # not whole: computed again
        pass
    else:
        os.utime(path)
        return result
    result = compute()
    with contextlib.suppress(OSError):  # not kept: the next build computes it again
        write_atomic(path, json.dumps(to_json(result)))
    return result
