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

A page with many charts also pays for building each figure before its image
is looked up; :func:`show_chart` skips that too: it keeps a chart's whole
display output (image and text) by the inputs that would draw it, and shows
a kept output without drawing anything.
"""

from __future__ import annotations

import base64 as b64
import binascii
import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from budgetlib.atomic import write_atomic

_original: list[Any] = []  # IPython's print_figure, before install
_installed: list[tuple[Path, str]] = []  # this kernel's folder and library digest, once installed
CHART_OUTPUTS = {"image/png", "text/plain"}  # what a chart shows as; other outputs are never kept
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
    _installed[:] = [(kept, library)]
    from budgetlib import kept as kept_results

    kept_results.use(kept, library)

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


def _formats(shell: Any) -> list[Any]:
    """How this kernel turns a figure into each output type (the notebook's ``set_matplotlib_formats``)."""
    from matplotlib.figure import Figure

    found: list[Any] = []
    for kind, formatter in sorted(shell.display_formatter.formatters.items()):
        if kind not in shell.display_formatter.active_types:
            continue
        try:
            function = formatter.lookup_by_type(Figure)
        except KeyError:
            continue
        if isinstance(function, functools.partial):
            found.append((kind, function.func.__qualname__, function.args, sorted(function.keywords.items())))
        else:
            found.append((kind, getattr(function, "__qualname__", "?")))
    return found


def _kept_output(path: Path) -> tuple[dict[str, str], dict[str, Any]] | None:
    """A kept output if the file holds one whole (a dict of texts by type, with its metadata), else None."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data, metadata = kept.get("data") if isinstance(kept, dict) else None, kept.get("metadata")
    if not isinstance(data, dict) or not isinstance(metadata, dict) or not data:
        return None
    if not set(data) <= CHART_OUTPUTS or not all(isinstance(value, str) for value in data.values()):
        return None
    image = data.get("image/png")
    if image is not None and not _whole(image.encode("ascii", "replace"), "png", True):
        return None
    return data, metadata


def show_chart(inputs: str | None, draw: Callable[[], Any]) -> None:
    """Display the figure ``draw()`` returns; in a build's kernel, the output kept for ``inputs`` (a
    digest of what would draw it) by an earlier build, if any, without drawing. ``None``: always draw."""
    from IPython.core.getipython import get_ipython
    from IPython.display import display

    shell = get_ipython()
    if inputs is None or not _installed or shell is None:
        display(draw())  # type: ignore[no-untyped-call]
        return
    folder, library = _installed[0]
    settings = repr((library, "output", inputs, _formats(shell)))
    path = folder / f"{hashlib.sha256(settings.encode('utf-8')).hexdigest()}.json"
    kept = _kept_output(path)
    if kept is not None:
        os.utime(path)  # used by this build: kept
        display(kept[0], raw=True, metadata=kept[1])  # type: ignore[no-untyped-call]
        return
    data, metadata = shell.display_formatter.format(draw())  # type: ignore[union-attr]
    display(data, raw=True, metadata=metadata)  # type: ignore[no-untyped-call]
    if data and set(data) <= CHART_OUTPUTS and all(isinstance(value, str) for value in data.values()):
        with contextlib.suppress(OSError, TypeError, ValueError):  # not kept: drawn again next build
            write_atomic(path, json.dumps({"data": data, "metadata": metadata}, sort_keys=True))
