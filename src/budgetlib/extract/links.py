"""Proposed relations: a figure in the text that restates a table's figure, so the two get checked.

A statement is linked to a table cell when the words of the cell's row and
column (a year included) all stand around the statement, and the values agree
within rounding or only after a factor 1 000 or 1 000 000 (an author who
writes "9,1 mnkr" for 9 065 mkr). A statement of change ("ramhöjning med
0,7 mnkr") is linked to a bridge's closing minus opening row the same way.
A restated figure is written as a ``repeated`` relation (one quantity printed
twice in the document), a change as ``equals``. Reconciliation then reports
the link exactly as a hand-keyed relation: a unit slip or a mismatch is
flagged. Each link is proposed once, only when it
is the single candidate, and listed as a doubt for the reviewer to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budgetlib.extract.draft import Doubt, DoubtKind, Link, Printed, Statement, Table
from budgetlib.extract.tokens import value_of
from budgetlib.findings import Status
from budgetlib.numbers import MKR, decimals_of, parse_unit
from budgetlib.tolerance import find_unit_slip, rounding_tolerance, status_of

_GENERIC_WORDS_TEXT = "summa totalt total belopp kolumn och i för av med till på s:a"
GENERIC_WORDS = frozenset(_GENERIC_WORDS_TEXT.split())
CHANGE_WORDS = re.compile(
    r"höjning|ökning|ökar|ökat|höjs|minskning|minskar|minskat|sänkning|förändring", re.I
)


@dataclass(frozen=True)
class _Amount:
    value: float
    step: float


def _amount(printed: Printed) -> _Amount | None:
    unit = parse_unit(printed.unit_text)
    if unit.base != MKR:
        return None
    value = printed.sign * value_of(printed.value_text) * unit.factor
    return _Amount(value, 10.0 ** -decimals_of(printed.value_text) * unit.factor)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\wåäöÅÄÖ:]+", text.lower()) if w not in GENERIC_WORDS]


def _named_in(label_words: Sequence[str], context: str) -> bool:
    """Every word of the label stands in the context (years exactly, words as a prefix: ram → ramen)."""
    context_words = re.findall(r"[\wåäö]+", context.lower())
    return bool(label_words) and all(
        (w in context_words) if w.isdigit() else any(c.startswith(w) for c in context_words)
        for w in label_words
    )


def _agrees(stated: _Amount, computed: _Amount) -> bool:
    tolerance = rounding_tolerance([stated.step, computed.step])
    if status_of(computed.value - stated.value, tolerance) is not Status.MISMATCH:
        return True
    return find_unit_slip(stated.value, stated.step, computed.value, computed.step / 2) is not None


Terms = tuple[tuple[int, str], ...]


def _candidates(statement: Statement, tables: Sequence[Table]) -> list[tuple[Terms, str]]:
    """Table figures (or a bridge's change) the statement may restate, each with a description."""
    stated = _amount(statement.printed)
    if stated is None or not statement.context:
        return []
    found: list[tuple[Terms, str]] = []
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                column = table.columns[cell.column]
                words = _words(row.label) + ([] if len(table.columns) == 1 else _words(column.label))
                amount = _amount(cell.printed)
                if amount and _named_in(words, statement.context) and _agrees(stated, amount):
                    found.append(
                        (((1, table.cell_id(row, cell)),), f"'{row.label}' i tabellen {table.table_id}")
                    )
        if table.relation == "bridge" and CHANGE_WORDS.search(statement.context):
            opening, closing = table.rows[0], table.rows[-1]
            start, end = _amount(opening.cells[0].printed), _amount(closing.cells[0].printed)
            if (
                start
                and end
                and all(_named_in(_words(r.label), statement.context) for r in (opening, closing))
            ):
                change = _Amount(end.value - start.value, max(start.step, end.step))
                if _agrees(stated, change):
                    terms: Terms = (
                        (1, table.cell_id(closing, closing.cells[0])),
                        (-1, table.cell_id(opening, opening.cells[0])),
                    )
                    found.append(
                        (terms, f"skillnaden '{closing.label}' − '{opening.label}' i {table.table_id}")
                    )
    return found


def _shown(statement: Statement) -> str:
    return f"{statement.printed.value_text} {statement.printed.unit_text}"


def propose_links(
    statements: Sequence[Statement], tables: Sequence[Table], doc_id: str
) -> tuple[tuple[Link, ...], tuple[Doubt, ...]]:
    """One relation per statement that restates exactly one table figure; each also a doubt."""
    links: list[Link] = []
    doubts: list[Doubt] = []
    for statement in statements:
        candidates = _candidates(statement, tables)
        if len(candidates) != 1:
            if len(candidates) > 1:
                names = "; ".join(description for _, description in candidates)
                doubts.append(
                    Doubt(
                        DoubtKind.LINK,
                        statement.printed.line,
                        f"{_shown(statement)} kan vara samma uppgift som "
                        f"flera i tabellerna ({names}); inget samband föreslaget.",
                        statement.statement_id,
                    )
                )
            continue
        terms, description = candidates[0]
        relation_id = f"r{doc_id}_{len(links) + 1}"
        note = f"Föreslaget av budgetlib extract: texten anger samma uppgift som {description}."
        links.append(Link(relation_id, statement.statement_id, terms, note))
        doubts.append(
            Doubt(
                DoubtKind.LINK,
                statement.printed.line,
                f"Föreslaget samband {relation_id}: {_shown(statement)} "
                f"i texten = {description}. Stryk det i relations.csv om det inte stämmer.",
                statement.statement_id,
            )
        )
    return tuple(links), tuple(doubts)
