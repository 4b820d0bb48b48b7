"""Chart images kept between builds: a chart drawn from the same inputs is not drawn again.

:func:`budgetlib.plots.known_by_inputs` marks each figure with a digest of
the function and arguments that drew it. In a build's kernels, IPython's
``print_figure`` (which the notebooks' ``set_matplotlib_formats`` hands to
the display formatter) first looks the figure up by that digest, the
library's own digest (its code and the versions of matplotlib and the rest)
and the image settings; a miss draws as usual and keeps the image. The
image is the one drawing would give, byte for byte: only an identical
chart of an identical library is reused, and only a whole PNG: a kept file
that is damaged (cut short, overwritten) is drawn again, never shown broken
or dropped from the page. Unmarked figures are drawn.
"""

from __future__ import annotations

import base64 as b64
import binascii
import hashlib
import os
from pathlib import Path
from typing import Any

from budgetlib.atomic import write_atomic

_original: list[Any] = []  # IPython's print_figure, before install
PNG_START = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the empty IEND chunk that closes every PNG


def _whole(image: bytes, fmt: str, base64: bool) -> bool:
    """Whether a kept image is one that drawing could have given: a PNG from start to end."""
    if fmt != "png":
        return bool(image)
    try:
        png = b64.b64decode(image, validate=True) if base64 else image
    except binascii.Error:
        return False
    return png.startswith(PNG_START) and png.endswith(PNG_END)


def install(folder: str, library: str) -> None:
    """Make this kernel's IPython keep and reuse chart images in ``folder``; ``library`` salts the keys."""
    from IPython.core import pylabtools

    from budgetlib.plots import INPUTS  # here: the building process prunes, and never draws

    if not _original:
        _original.append(pylabtools.print_figure)
    draw = _original[0]
    kept = Path(folder)
    kept.mkdir(parents=True, exist_ok=True)

    def print_figure(
        fig: Any, fmt: str = "png", bbox_inches: Any = "tight", base64: bool = False, **kwargs: Any
    ) -> Any:
        inputs = getattr(fig, INPUTS, None)
        if inputs is None:
            return draw(fig, fmt, bbox_inches, base64, **kwargs)
        settings = repr((library, inputs, fmt, bbox_inches, base64, sorted(kwargs.items())))
        key = hashlib.sha256(settings.encode("utf-8")).hexdigest()
        path = kept / f"{key}.{fmt}{'.b64' if base64 else ''}"
        try:
            image = path.read_bytes()
        except FileNotFoundError:
            pass
        else:
            if _whole(image, fmt, base64):
                os.utime(path)  # used by this build: kept
                return image.decode("ascii") if base64 else image
        drawn = draw(fig, fmt, bbox_inches, base64, **kwargs)
        if drawn is not None:
            write_atomic(path, drawn)
        return drawn

    pylabtools.print_figure = print_figure


def prune(folder: Path, before: float) -> None:
    """Forget images no build has used since ``before`` (a time stamp)."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and path.stat().st_mtime < before:
                path.unlink(missing_ok=True)
