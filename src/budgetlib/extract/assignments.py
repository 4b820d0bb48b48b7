"""Assignments (uppdrag) listed under a "Status Uppdrag Periodicitet Slutdatum" table heading.

The layout plan systems export for a nämndplan: per assignment, its status
("Pågående", or "Ej" / "påbörjad" broken over two lines), the assignment's
text, "Riktas till …" (to whom), and a last line with the reporting frequency
and end date ("Tertial: aug, dec 2025-12-31"). The list ends at the next
numbered heading. A block that does not follow the layout ends the list and is
reported as unplaced; nothing is guessed. Other layouts (an assignment list
without statuses, as in a letter to the assembly) are left to the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budgetlib.extract.draft import Assignment, Statement, Unplaced
from budgetlib.extract.reading import SourceLine, SourceText

TABLE_HEADING = re.compile(r"^\s*Status\s+Uppdrag\b", re.IGNORECASE)
STATUSES = {"pågående": "Pågående", "klar": "Klar", "avslutad": "Klar", "ej påbörjad": "Ej påbörjad"}
DIRECTED = re.compile(r"^\s*Riktas\s+till\b", re.IGNORECASE)
DEADLINE = re.compile(r"^(?P<frequency>\D.*?)\s+(?P<date>\d{4}-\d{2}-\d{2})\s*$")
NUMBERED_HEADING = re.compile(r"^\s*\d+(?:\.\d+)*\s+[A-ZÅÄÖ]")


@dataclass(frozen=True)
class FoundAssignments:
    assignments: tuple[Assignment, ...]
    unplaced: tuple[Unplaced, ...]


def _status(lines: Sequence[SourceLine], at: int) -> tuple[str, str, int]:
    """The status starting at ``lines[at]`` (one or two lines): (status, as printed, lines used)."""
    for used in (1, 2):
        printed = " ".join(" ".join(line.text.split()) for line in lines[at : at + used])
        if printed.lower() in STATUSES:
            return STATUSES[printed.lower()], printed, used
    return "", "", 0


def _joined(lines: Sequence[SourceLine]) -> str:
    return " ".join(" ".join(line.text.split()) for line in lines)


def _block(
    lines: Sequence[SourceLine], at: int, doc_id: str, number: int, statements: Sequence[Statement]
) -> tuple[Assignment | None, int]:
    """One assignment starting at ``lines[at]``, and where the next one starts."""
    status, status_text, used = _status(lines, at)
    if not status:
        return None, at
    end = at + used
    while end < len(lines) and not DEADLINE.match(lines[end].text.strip()):
        if NUMBERED_HEADING.match(lines[end].text):
            return None, at
        end += 1
    if end >= len(lines):
        return None, at
    body = lines[at + used : end]
    directed_at = next((i for i, line in enumerate(body) if DIRECTED.match(line.text)), len(body))
    if directed_at == 0:
        return None, at
    deadline = DEADLINE.match(lines[end].text.strip())
    assert deadline is not None
    first, last = body[0].number, lines[end].number
    amount = next((s.statement_id for s in statements if first <= s.printed.line <= last), "")
    assignment = Assignment(
        assignment_id=f"u{doc_id}_{number}",
        text=_joined(body[:directed_at]),
        status=status,
        status_text=status_text,
        status_line=lines[at].number,
        directed_to=_joined(body[directed_at:]),
        frequency=deadline.group("frequency"),
        end_date=deadline.group("date"),
        amount_ref=amount,
        line=first,
        line_end=last,
    )
    return assignment, end + 1


def find_assignments(source: SourceText, doc_id: str, statements: Sequence[Statement]) -> FoundAssignments:
    """Every assignment in a status table; a block that breaks the layout is listed, not guessed."""
    found: list[Assignment] = []
    unplaced: list[Unplaced] = []
    lines = [line for line in source.lines if line.text.strip()]
    headings = [i for i, line in enumerate(lines) if TABLE_HEADING.match(line.text)]
    for heading in headings:
        at = heading + 1
        while at < len(lines) and not NUMBERED_HEADING.match(lines[at].text):
            assignment, following = _block(lines, at, doc_id, len(found) + 1, statements)
            if assignment is None:
                text = " ".join(lines[at].text.split())
                unplaced.append(
                    Unplaced(lines[at].number, text, "uppdragslistan följer inte sitt mönster här")
                )
                break
            found.append(assignment)
            at = following
    return FoundAssignments(tuple(found), tuple(unplaced))
