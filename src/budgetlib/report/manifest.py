"""The build's record of every report (``.build/manifest.json``) and the index page made from it.

Both are rewritten together, atomically, each time a report is recorded, and
a report is recorded only after its files are in place: a build stopped at
any moment leaves a record that never calls a report current when it is not.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Collection
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetlib.atomic import write_all_atomic
from budgetlib.report.index_page import render_index

if TYPE_CHECKING:
    from budgetlib.report.jobs import Scope

MANIFEST = Path(".build") / "manifest.json"
LAST_PLAN = Path(".build") / "last-plan.json"  # the inputs of the last build that left every report current
INDEX = "index.html"
TEXT_FIELDS = ("title", "group", "html", "ipynb", "status", "error")

Entry = dict[str, Any]


def inside(folder: Path, path: Path) -> bool:
    """Whether ``path``, with every symlink followed, lies in ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())


def _file_inside(reports: Path, path: Path, folder_inside: Callable[[Path], bool]) -> bool:
    """Whether ``path`` is a file that lies in ``reports``; :func:`inside`, asked once per folder.

    A file that is itself a symlink is followed all the way, as :func:`inside` does.
    """
    try:
        status = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(status.st_mode):
        return inside(reports, path) and path.is_file()
    return stat.S_ISREG(status.st_mode) and folder_inside(path.parent)


def _scope(entry: Entry) -> Scope | None:
    """The entry's (region, nämnd, year); None if the entry predates scopes (it is then kept)."""
    scope = entry.get("scope")
    if not isinstance(scope, list) or len(scope) != 3:
        return None
    region, namnd, year = scope
    return region, namnd, year


def _read(path: Path) -> dict[str, Entry]:
    """The recorded entries that are whole; none if the file is missing or unreadable.

    A report without a whole entry is simply built again.
    """
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        key: entry
        for key, entry in entries.items()
        if isinstance(entry, dict) and all(isinstance(entry.get(field), str) for field in TEXT_FIELDS)
    }


class Ledger:
    """The manifest's entries by report key, and the index page that lists them."""

    def __init__(self, reports: Path) -> None:
        self.reports = reports
        self.entries = _read(reports / MANIFEST)

    def record(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry
        self.save()

    def save(self) -> None:
        index = render_index(self.entries, self.reports)
        manifest = json.dumps(self.entries, indent=1, sort_keys=True, ensure_ascii=False)
        write_all_atomic({self.reports / MANIFEST: manifest, self.reports / INDEX: index})

    def save_index_if_stale(self) -> None:
        """Write the index if it is missing or does not match the manifest (after a hard kill)."""
        page = self.reports / INDEX
        index = render_index(self.entries, self.reports)
        if not page.is_file() or page.read_text(encoding="utf-8", errors="replace") != index:
            self.save()

    def record_plan(self, inputs: str, fingerprints: list[tuple[str, str]]) -> None:
        """Remember that the build of ``inputs`` left these reports (key, fingerprint) current."""
        record = json.dumps({"inputs": inputs, "reports": dict(fingerprints)}, indent=1, sort_keys=True)
        write_all_atomic({self.reports / LAST_PLAN: record})

    def current(self, inputs: str) -> int | None:
        """The number of reports, if the last build had these ``inputs`` and left every one current."""
        try:
            record = json.loads((self.reports / LAST_PLAN).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("inputs") != inputs:
            return None
        fingerprints = record.get("reports")
        if not isinstance(fingerprints, dict) or not (self.reports / INDEX).is_file():
            return None
        folder_inside = cache(lambda folder: inside(self.reports, folder))  # a few folders, many files
        for key, fingerprint in fingerprints.items():
            entry = self.entries.get(key)
            if (
                entry is None
                or entry.get("status") != "ok"
                or entry.get("fingerprint") != fingerprint
                or not all(
                    _file_inside(self.reports, self.reports / entry[kind], folder_inside)
                    for kind in ("html", "ipynb")
                )
            ):
                return None
        return len(fingerprints)

    def prune(self, in_data: Callable[[Scope], bool], planned: Collection[str]) -> None:
        """Forget reports whose (region, nämnd, year) left the data, and delete their files."""
        scopes = {key: _scope(entry) for key, entry in self.entries.items() if key not in planned}
        gone = [key for key, scope in scopes.items() if scope is not None and not in_data(scope)]
        for key in gone:
            html, ipynb = self.entries[key]["html"], self.entries[key]["ipynb"]
            for name in (html, ipynb, Path(html).with_suffix(".pdf").as_posix()):
                path = self.reports / name
                if inside(self.reports, path) and path.is_file():
                    path.unlink()
                    if path.parent != self.reports and not any(path.parent.iterdir()):
                        path.parent.rmdir()
            del self.entries[key]
        if gone:
            self.save()
